import { z } from 'zod';
import { NacProblem, PROBLEMS, readBody } from '../camara-wire.ts';
import type { CoveredLine } from '../coverage.ts';
import { changedWithinHours, disclosedChange, latestDeviceChange } from '../swap-history.ts';
import { E164_PATTERN, type NacApiDeps, type NacEndpoint } from './endpoint.ts';

/**
 * Device Swap 1.0.0 behind `/passthrough/camara/v1/device-swap/device-swap/v1`. NaC's key is a
 * 2-legged credential, so the body must name the number (else 422 MISSING_IDENTIFIER). A line
 * with no device history at all (never attached) is 422 SERVICE_NOT_APPLICABLE, as the spec says.
 */
const BASE = '/passthrough/camara/v1/device-swap/device-swap/v1';

const PhoneNumber = z.string().regex(E164_PATTERN, `must match ${E164_PATTERN.source}`);
const CheckBody = z.strictObject({ phoneNumber: PhoneNumber.optional(), maxAge: z.number().int().min(1).max(2400).optional() });
const RetrieveDateBody = z.strictObject({ phoneNumber: PhoneNumber.optional() });

const DEFAULT_MAX_AGE_HOURS = 240;

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
        const body = await readBody(c, CheckBody);
        const maxAge = body.maxAge ?? DEFAULT_MAX_AGE_HOURS;
        const { agreement, latest } = lineWithHistory(deps, body.phoneNumber);
        if (agreement.retentionDays !== null && maxAge > agreement.retentionDays * 24) {
          throw new NacProblem(400, 'OUT_OF_RANGE', `Check monitor period could not exceed local regulations (${agreement.retentionDays} days)`);
        }
        return c.json({ swapped: changedWithinHours(latest, maxAge, deps.world.now().getTime()) });
      },
    },
    {
      name: 'device-swap/retrieve-date',
      path: `${BASE}/retrieve-date`,
      handler: async (c) => {
        const body = await readBody(c, RetrieveDateBody);
        const { agreement, latest } = lineWithHistory(deps, body.phoneNumber);
        const disclosed = disclosedChange(latest, agreement.retentionDays, deps.world.now().getTime());
        return c.json(
          disclosed === null && agreement.retentionDays !== null
            ? { latestDeviceChange: null, monitoredPeriod: agreement.retentionDays }
            : { latestDeviceChange: disclosed },
        );
      },
    },
  ];
}
