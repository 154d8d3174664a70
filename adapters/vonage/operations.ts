/**
 * Each numtrust operation is one Identity Insight: which insight to ask for with which parameters,
 * and how its result object (already known to carry an answering status) becomes the value.
 *
 * Results are read strictly: a required attribute that is absent means Vonage did not tell us for
 * this number (`missing`: never a default, never "not swapped"); one that is present but of the
 * wrong type or contradicts the rest is garbled (`invalid`).
 */
import { z } from 'zod';
import type { LineType, OperationId, OperationParams, OperationValue } from '../../src/contract/signals.ts';
import type { VonageOperationId } from './config.ts';

export type InsightName = 'sim_swap' | 'device_swap' | 'roaming' | 'reachability' | 'current_carrier';

export type ReadResult<T> = { ok: true; value: T } | { ok: false; missing: string } | { ok: false; invalid: string };

export interface InsightOperation<Op extends OperationId> {
  readonly id: Op;
  readonly insight: InsightName;
  /** Insight parameters for the request; undefined when params are outside what Vonage accepts. */
  parameters(params: OperationParams<Op>): Record<string, unknown> | undefined;
  read(result: Record<string, unknown>, params: OperationParams<Op>, now: number): ReadResult<OperationValue<Op>>;
}

/** Hours a swap insight can look back (CAMARA SIM Swap's maxAge range, which Vonage relays). */
export const MAX_PERIOD_HOURS = 2400;
/** An upstream clock this far ahead of ours is still believed. */
const CLOCK_SKEW_MS = 5 * 60_000;
const HOUR_MS = 3_600_000;

const Instant = z.iso.datetime({ offset: true });
const SwapFields = (dateField: string) =>
  z.looseObject({ [dateField]: Instant.optional(), is_swapped: z.boolean().optional() }) as z.ZodType<
    Record<string, unknown> & { is_swapped?: boolean }
  >;
const RoamingFields = z.looseObject({
  latest_status_at: Instant.optional(),
  is_roaming: z.boolean().optional(),
  country_codes: z.array(z.string().regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2')).optional(),
});
const ReachabilityFields = z.looseObject({
  latest_status_at: Instant.optional(),
  is_reachable: z.boolean().optional(),
  // Docs and SDK disagree on case; read it case-insensitively.
  connectivity: z.array(z.string().transform((each) => each.toUpperCase()).pipe(z.enum(['DATA', 'SMS']))).optional(),
});

function parse<S extends z.ZodType>(schema: S, result: unknown): { ok: true; data: z.output<S> } | { ok: false; invalid: string } {
  const parsed = schema.safeParse(result);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, invalid: parsed.error.issues.map((i) => `${i.path.join('.') || '(insight)'}: ${i.message}`).join('; ') };
}

function periodOf(maxAgeHours: number): Record<string, unknown> | undefined {
  return Number.isInteger(maxAgeHours) && maxAgeHours >= 1 && maxAgeHours <= MAX_PERIOD_HOURS ? { period: maxAgeHours } : undefined;
}

/** A swap date that is no instant in the past is garbage, whatever the status says. */
function checkedDate(date: string, now: number, field: string): { ok: true } | { ok: false; invalid: string } {
  return Date.parse(date) > now + CLOCK_SKEW_MS ? { ok: false, invalid: `${field} is in the future` } : { ok: true };
}

function swapCheck<Op extends 'sim_swap.check' | 'device_swap.check'>(id: Op, insight: InsightName, dateField: string): InsightOperation<Op> {
  return {
    id,
    insight,
    parameters: (params) => periodOf(params.maxAgeHours),
    read(result, params, now) {
      const parsed = parse(SwapFields(dateField), result);
      if (!parsed.ok) return parsed;
      const swapped = parsed.data.is_swapped;
      if (swapped === undefined) return { ok: false, missing: 'is_swapped' };
      const date = parsed.data[dateField] as string | undefined;
      if (date !== undefined) {
        const dated = checkedDate(date, now, dateField);
        if (!dated.ok) return dated;
        // "Not swapped" next to a swap date well inside the period is a contradiction, not an answer.
        const insidePeriod = now - Date.parse(date) < params.maxAgeHours * HOUR_MS - CLOCK_SKEW_MS;
        if (!swapped && insidePeriod) return { ok: false, invalid: `is_swapped false but ${dateField} is inside the period` };
      }
      return { ok: true, value: { swapped, maxAgeHours: params.maxAgeHours } };
    },
  };
}

/**
 * The date of the latest swap, asked with the longest period. Vonage states no retention window,
 * so monitoredPeriodDays is null; an absent date is "Vonage did not say", never "no swap".
 */
function swapDate<Op extends 'sim_swap.retrieve_date' | 'device_swap.retrieve_date'>(
  id: Op,
  insight: InsightName,
  dateField: string,
  toValue: (latest: string) => OperationValue<Op>,
): InsightOperation<Op> {
  return {
    id,
    insight,
    parameters: () => ({ period: MAX_PERIOD_HOURS }),
    read(result, _params, now) {
      const parsed = parse(SwapFields(dateField), result);
      if (!parsed.ok) return parsed;
      const date = parsed.data[dateField] as string | undefined;
      if (date === undefined) return { ok: false, missing: dateField };
      const dated = checkedDate(date, now, dateField);
      return dated.ok ? { ok: true, value: toValue(date) } : dated;
    },
  };
}

const roaming: InsightOperation<'roaming.retrieve'> = {
  id: 'roaming.retrieve',
  insight: 'roaming',
  parameters: () => ({}),
  read(result) {
    const parsed = parse(RoamingFields, result);
    if (!parsed.ok) return parsed;
    const { is_roaming, country_codes, latest_status_at } = parsed.data;
    if (is_roaming === undefined) return { ok: false, missing: 'is_roaming' };
    return {
      ok: true,
      value: {
        roaming: is_roaming,
        // Vonage names the visited country, not the visited network's MCC.
        countryCode: null,
        countries: is_roaming ? [...new Set((country_codes ?? []).map((code) => code.toUpperCase()))] : [],
        lastStatusTime: latest_status_at ?? null,
      },
    };
  },
};

const reachability: InsightOperation<'reachability.retrieve'> = {
  id: 'reachability.retrieve',
  insight: 'reachability',
  parameters: () => ({}),
  read(result) {
    const parsed = parse(ReachabilityFields, result);
    if (!parsed.ok) return parsed;
    const { is_reachable, connectivity, latest_status_at } = parsed.data;
    if (is_reachable === undefined) return { ok: false, missing: 'is_reachable' };
    return {
      ok: true,
      value: {
        reachable: is_reachable,
        connectivity: is_reachable ? [...new Set(connectivity ?? [])] : [],
        lastStatusTime: latest_status_at ?? null,
      },
    };
  },
};

const CurrentCarrierFields = z.looseObject({ network_type: z.string().nullable().optional() });

/**
 * current_carrier's `network_type` in numtrust's classes (case-insensitive): `virtual` is VoIP,
 * fixed or not unsaid; Number Insight's older `landline_premium`, `landline_tollfree` and `pager`
 * are read too. `unknown` (or none) is Vonage not classifying the number: missing, never a class;
 * a type not listed is one numtrust does not know: `other`.
 */
const NETWORK_TYPES: ReadonlyMap<string, LineType> = new Map([
  ['mobile', 'mobile'],
  ['landline', 'landline'],
  ['tollfree', 'toll_free'],
  ['landline_tollfree', 'toll_free'],
  ['premium', 'premium'],
  ['landline_premium', 'premium'],
  ['virtual', 'voip'],
  ['pager', 'pager'],
]);

const lineType: InsightOperation<'line_type.retrieve'> = {
  id: 'line_type.retrieve',
  insight: 'current_carrier',
  parameters: () => ({}),
  read(result) {
    const parsed = parse(CurrentCarrierFields, result);
    if (!parsed.ok) return parsed;
    const type = parsed.data.network_type?.trim().toLowerCase();
    if (!type || type === 'unknown') return { ok: false, missing: 'a network_type' };
    return { ok: true, value: { lineType: NETWORK_TYPES.get(type) ?? 'other' } };
  },
};

/** Entry Op is operation Op's insight: looked up by a request's operation, it needs no cast. */
export type InsightOperationTable = { readonly [Op in OperationId]?: InsightOperation<Op> };

export const INSIGHT_OPERATIONS: InsightOperationTable = {
  'sim_swap.check': swapCheck('sim_swap.check', 'sim_swap', 'latest_sim_swap_at'),
  'sim_swap.retrieve_date': swapDate('sim_swap.retrieve_date', 'sim_swap', 'latest_sim_swap_at', (latest) => ({
    latestSimChange: latest,
    monitoredPeriodDays: null,
  })),
  'device_swap.check': swapCheck('device_swap.check', 'device_swap', 'latest_device_swap_at'),
  'device_swap.retrieve_date': swapDate('device_swap.retrieve_date', 'device_swap', 'latest_device_swap_at', (latest) => ({
    latestDeviceChange: latest,
    monitoredPeriodDays: null,
  })),
  'roaming.retrieve': roaming,
  'reachability.retrieve': reachability,
  'line_type.retrieve': lineType,
} satisfies { [Op in VonageOperationId]: InsightOperation<Op> };
