import { CreateCheckDeviceSwap, CreateDeviceSwapDate } from '../../../../camara-specs/device-swap-v1.ts';
import { assertWithinWindow, retrieveDateAnswer } from '../../shared/camara-swap.ts';
import { readJsonBody } from '../../shared/camara-wire.ts';
import { changedWithin, latestDeviceChange } from '../../shared/swap-history.ts';
import type { CoveredLine } from '../coverage.ts';
import { PROBLEMS } from '../errors.ts';
import type { NacApiDeps, NacEndpoint } from './endpoint.ts';

/**
 * Device Swap 1.0.0 behind `/passthrough/camara/v1/device-swap/device-swap/v1`. NaC's key is a
 * 2-legged credential, so the body must name the number (else 422 MISSING_IDENTIFIER). A line
 * with no device history at all (never attached) is 422 SERVICE_NOT_APPLICABLE, as the spec says.
 */
const BASE = '/passthrough/camara/v1/device-swap/device-swap/v1';

function lineWithHistory(deps: NacApiDeps, phoneNumber: string | undefined): CoveredLine & { latest: string } {
  if (phoneNumber === undefined) throw PROBLEMS.missingIdentifier();
  const line = deps.coverage.lineOf(deps.world, phoneNumber);
  const latest = latestDeviceChange(line.subscriber);
  if (latest === null) throw PROBLEMS.serviceNotApplicable();
  return { ...line, latest };
}

export function deviceSwapEndpoints(deps: NacApiDeps): NacEndpoint[] {
  return [
    {
      name: 'device-swap/check',
      path: `${BASE}/check`,
      handler: async (c) => {
        const body = await readJsonBody(c, CreateCheckDeviceSwap);
        const { maxAge } = body;
        const { agreement, latest } = lineWithHistory(deps, body.phoneNumber);
        assertWithinWindow(maxAge, agreement.retentionDays, 'Check');
        return c.json({ swapped: changedWithin(latest, maxAge, deps.world.now().getTime()) });
      },
    },
    {
      name: 'device-swap/retrieve-date',
      path: `${BASE}/retrieve-date`,
      handler: async (c) => {
        const body = await readJsonBody(c, CreateDeviceSwapDate);
        const { agreement, latest } = lineWithHistory(deps, body.phoneNumber);
        return c.json(
          retrieveDateAnswer('latestDeviceChange', latest, {
            now: deps.world.now().getTime(),
            monitoredPeriodDays: agreement.retentionDays,
            reportsMonitoredPeriod: true,
            formatTime: (instant) => new Date(instant).toISOString(),
          }),
        );
      },
    },
  ];
}
