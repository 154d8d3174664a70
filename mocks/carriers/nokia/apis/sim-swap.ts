import { CreateCheckSimSwapV0, CreateSimSwapDateV0 } from '../../../../camara-specs/sim-swap-v0.4.ts';
import { assertWithinWindow, retrieveDateAnswer } from '../../shared/camara-swap.ts';
import { readJsonBody } from '../../shared/camara-wire.ts';
import { changedWithin, latestSimChange } from '../../shared/swap-history.ts';
import type { NacApiDeps, NacEndpoint } from './endpoint.ts';

/**
 * SIM Swap 0.4.0 behind `/passthrough/camara/v1/sim-swap/sim-swap/v0`: phoneNumber required,
 * `+` optional (`^\+?[0-9]{5,15}$`), maxAge 1–2400 (default 240); retrieve-date answers
 * `latestSimChange` only (0.4 has no monitoredPeriod), null beyond the operator's window.
 */
const BASE = '/passthrough/camara/v1/sim-swap/sim-swap/v0';

export function simSwapEndpoints(deps: NacApiDeps): NacEndpoint[] {
  return [
    {
      name: 'sim-swap/check',
      path: `${BASE}/check`,
      handler: async (c) => {
        const body = await readJsonBody(c, CreateCheckSimSwapV0);
        const { maxAge } = body;
        const { subscriber, agreement } = deps.coverage.lineOf(deps.world, body.phoneNumber);
        assertWithinWindow(maxAge, agreement.retentionDays, 'Check');
        const now = deps.world.now().getTime();
        return c.json({ swapped: changedWithin(latestSimChange(subscriber), maxAge, now) });
      },
    },
    {
      name: 'sim-swap/retrieve-date',
      path: `${BASE}/retrieve-date`,
      handler: async (c) => {
        const body = await readJsonBody(c, CreateSimSwapDateV0);
        const { subscriber, agreement } = deps.coverage.lineOf(deps.world, body.phoneNumber);
        return c.json(
          retrieveDateAnswer('latestSimChange', latestSimChange(subscriber), {
            now: deps.world.now().getTime(),
            monitoredPeriodDays: agreement.retentionDays,
            reportsMonitoredPeriod: false,
            formatTime: (instant) => new Date(instant).toISOString(),
          }),
        );
      },
    },
  ];
}
