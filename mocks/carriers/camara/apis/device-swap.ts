import type { Context } from 'hono';
import { CreateCheckDeviceSwap, CreateDeviceSwapDate } from '../../../../camara-specs/device-swap-v1.ts';
import { requireToken } from '../camara-http.ts';
import { CamaraProblem, readJsonBody } from '../../shared/camara-wire.ts';
import type { CamaraApi, CamaraApiDeps } from './api.ts';
import { requireMobileLine, subscriberFor } from './subject.ts';
import { assertWithinWindow, retrieveDateAnswer } from '../../shared/camara-swap.ts';
import { changedWithin, latestDeviceChange } from '../../shared/swap-history.ts';

/**
 * CAMARA Device Swap 1.0.0 (`/device-swap/v1`, Commonalities 0.6): SIM Swap's mirror on the
 * MSISDN ↔ device (IMEI) association. POST /check {phoneNumber?, maxAge?} → {swapped};
 * POST /retrieve-date {phoneNumber?} → {latestDeviceChange, monitoredPeriod?}.
 */

export interface DeviceSwapProfile {
  versions: Array<'v1'>;
  /** Legal look-back window in days; null = full history (retrieve-date may answer the first use). */
  monitoredPeriodDays: number | null;
}


export const deviceSwapApi: CamaraApi<DeviceSwapProfile> = {
  scopes: ['device-swap', 'device-swap:check', 'device-swap:retrieve-date'],
  legacyScopeAliases: {},

  mount(_app, deps, profile) {
    for (const version of profile.versions) {
      deps.operation({
        name: `device-swap/${version}/check`,
        path: `/device-swap/${version}/check`,
        correlator: 'commonalities-0.6',
        handler: (c) => check(c, deps, profile),
      });
      deps.operation({
        name: `device-swap/${version}/retrieve-date`,
        path: `/device-swap/${version}/retrieve-date`,
        correlator: 'commonalities-0.6',
        handler: (c) => retrieveDate(c, deps, profile),
      });
    }
  },
};

async function check(c: Context, deps: CamaraApiDeps, profile: DeviceSwapProfile): Promise<Response> {
  const now = deps.ctx.world.now().getTime();
  const token = requireToken(c, deps.state, now, ['device-swap:check', 'device-swap']);
  const body = await readJsonBody(c, CreateCheckDeviceSwap);
  const maxAgeHours = body.maxAge;
  assertWithinWindow(maxAgeHours, profile.monitoredPeriodDays, 'Check');
  const latest = attachedLineChange(deps, token, body.phoneNumber);
  return c.json({ swapped: changedWithin(latest, maxAgeHours, now) });
}

async function retrieveDate(c: Context, deps: CamaraApiDeps, profile: DeviceSwapProfile): Promise<Response> {
  const now = deps.ctx.world.now().getTime();
  const token = requireToken(c, deps.state, now, ['device-swap:retrieve-date', 'device-swap']);
  const body = await readJsonBody(c, CreateDeviceSwapDate);
  const latest = attachedLineChange(deps, token, body.phoneNumber);
  return c.json(
    retrieveDateAnswer('latestDeviceChange', latest, {
      now,
      monitoredPeriodDays: profile.monitoredPeriodDays,
      reportsMonitoredPeriod: true,
      formatTime: deps.formatTime,
    }),
  );
}

function attachedLineChange(deps: CamaraApiDeps, token: { phoneNumber: string | null }, bodyPhoneNumber: string | undefined): string {
  const { subscriber } = subscriberFor(deps, token, bodyPhoneNumber);
  requireMobileLine(subscriber);
  const latest = latestDeviceChange(subscriber);
  if (latest === null) {
    throw new CamaraProblem(422, 'SERVICE_NOT_APPLICABLE', 'The phone number has never been attached to the network.');
  }
  return latest;
}
