import { RoamingStatusRequest } from '../../../../camara-specs/device-status-v1.ts';
import { requireToken } from '../camara-http.ts';
import { readJsonBody } from '../../shared/camara-wire.ts';
import type { CamaraApi } from './api.ts';
import { countriesOfMcc, MCC_OF_COUNTRY } from '../../shared/country-mcc.ts';
import { assertStatusKnown, identifyDevice } from './device-subject.ts';

/**
 * CAMARA Device Roaming Status 1.1.0 (`/device-roaming-status/v1`, Commonalities 0.6):
 * POST /retrieve {device?} → {lastStatusTime, roaming, countryCode? (visited MCC),
 * countryName? (ISO 3166-1 alpha-2 codes of that MCC)}. Both country fields only while roaming.
 * IoT lines are served. 503 UNAVAILABLE when the network cannot tell (setting statusUnknownNumbers).
 */

export interface DeviceRoamingProfile {
  versions: Array<'v1'>;
}

export const deviceRoamingStatusApi: CamaraApi<DeviceRoamingProfile> = {
  scopes: ['device-roaming-status:read'],
  legacyScopeAliases: {},

  mount(_app, deps, profile) {
    for (const version of profile.versions) {
      deps.operation({
        name: `device-roaming-status/${version}/retrieve`,
        path: `/device-roaming-status/${version}/retrieve`,
        correlator: 'commonalities-0.6',
        handler: async (c) => {
          const now = deps.ctx.world.now();
          const token = requireToken(c, deps.state, now.getTime(), ['device-roaming-status:read']);
          const body = await readJsonBody(c, RoamingStatusRequest);
          const device = identifyDevice(deps, token, body.device);
          assertStatusKnown(deps, device.phoneNumber);
          const visited = device.subscriber.roaming?.country;
          return c.json({
            ...(device.echo ? { device: device.echo } : {}),
            lastStatusTime: deps.formatTime(now),
            roaming: visited !== undefined,
            ...(visited !== undefined ? visitedCountry(visited) : {}),
          });
        },
      });
    }
  },
};

/** The visited network's MCC and the countries it maps to; a country the table lacks is named alone. */
function visitedCountry(country: string): { countryCode?: number; countryName: string[] } {
  const mcc = MCC_OF_COUNTRY[country];
  return mcc === undefined ? { countryName: [country] } : { countryCode: mcc, countryName: countriesOfMcc(mcc) };
}
