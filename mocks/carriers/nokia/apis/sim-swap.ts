import { z } from 'zod';
import { NacProblem, readBody } from '../camara-wire.ts';
import { changedWithinHours, disclosedChange, latestSimChange } from '../swap-history.ts';
import type { NacApiDeps, NacEndpoint } from './endpoint.ts';

/**
 * SIM Swap 0.4.0 behind `/passthrough/camara/v1/sim-swap/sim-swap/v0`: phoneNumber required,
 * `+` optional (`^\+?[0-9]{5,15}$`), maxAge 1–2400 (default 240); retrieve-date answers
 * `latestSimChange` only (0.4 has no monitoredPeriod), null beyond the operator's window.
 */
const BASE = '/passthrough/camara/v1/sim-swap/sim-swap/v0';

const PhoneNumber = z
  .string()
  .regex(/^\+?[0-9]{5,15}$/, 'must match ^\\+?[0-9]{5,15}$')
  .transform((value) => (value.startsWith('+') ? value : `+${value}`));
const CheckBody = z.strictObject({ phoneNumber: PhoneNumber, maxAge: z.number().int().min(1).max(2400).optional() });
const RetrieveDateBody = z.strictObject({ phoneNumber: PhoneNumber });

const DEFAULT_MAX_AGE_HOURS = 240;

export function simSwapEndpoints(deps: NacApiDeps): NacEndpoint[] {
  return [
    {
      name: 'sim-swap/check',
      path: `${BASE}/check`,
      handler: async (c) => {
        const body = await readBody(c, CheckBody);
        const maxAge = body.maxAge ?? DEFAULT_MAX_AGE_HOURS;
        const { subscriber, agreement } = deps.coverage.lineOf(deps.world, body.phoneNumber);
        if (agreement.retentionDays !== null && maxAge > agreement.retentionDays * 24) {
          throw new NacProblem(400, 'OUT_OF_RANGE', `Check monitor period could not exceed local regulations (${agreement.retentionDays} days)`);
        }
        const now = deps.world.now().getTime();
        return c.json({ swapped: changedWithinHours(latestSimChange(subscriber), maxAge, now) });
      },
    },
    {
      name: 'sim-swap/retrieve-date',
      path: `${BASE}/retrieve-date`,
      handler: async (c) => {
        const body = await readBody(c, RetrieveDateBody);
        const { subscriber, agreement } = deps.coverage.lineOf(deps.world, body.phoneNumber);
        const now = deps.world.now().getTime();
        return c.json({ latestSimChange: disclosedChange(latestSimChange(subscriber), agreement.retentionDays, now) });
      },
    },
  ];
}
