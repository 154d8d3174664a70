import { RequestReachabilityStatus } from '../../../../camara-specs/device-status-v1.ts';
import { requireToken } from '../camara-http.ts';
import { readJsonBody } from '../../shared/camara-wire.ts';
import type { CamaraApi } from './api.ts';
import { assertStatusKnown, identifyDevice } from './device-subject.ts';

/**
 * CAMARA Device Reachability Status 1.1.0 (`/device-reachability-status/v1`, Commonalities 0.6):
 * POST /retrieve {device?} → {lastStatusTime, reachable, connectivity?: [DATA, SMS]}; connectivity
 * is left out when the device is unreachable. IoT lines are served (reachability is an IoT use
 * case). 503 UNAVAILABLE when the network cannot tell (setting statusUnknownNumbers).
 */

export interface DeviceReachabilityProfile {
  versions: Array<'v1'>;
}

export const deviceReachabilityStatusApi: CamaraApi<DeviceReachabilityProfile> = {
  scopes: ['device-reachability-status:read'],
  legacyScopeAliases: {},

  mount(_app, deps, profile) {
    for (const version of profile.versions) {
      deps.operation({
        name: `device-reachability-status/${version}/retrieve`,
        path: `/device-reachability-status/${version}/retrieve`,
        correlator: 'commonalities-0.6',
        handler: async (c) => {
          const now = deps.ctx.world.now();
          const token = requireToken(c, deps.state, now.getTime(), ['device-reachability-status:read']);
          const body = await readJsonBody(c, RequestReachabilityStatus);
          const device = identifyDevice(deps, token, body.device);
          assertStatusKnown(deps, device.phoneNumber);
          const connectivity = [...device.subscriber.reachable].sort();
          return c.json({
            ...(device.echo ? { device: device.echo } : {}),
            lastStatusTime: deps.formatTime(now),
            reachable: connectivity.length > 0,
            ...(connectivity.length > 0 ? { connectivity } : {}),
          });
        },
      });
    }
  },
};
