/**
 * What a successful (2800) add-on answer means for each operation. Telesign often cannot settle
 * the question asked (a risk band that straddles maxAge, a null is_call_active, a condition we do
 * not know): those answers are `indefinite`, never a guess.
 */
import { z } from 'zod';
import type { ForwardingService, LineType, OperationId, OperationParams, OperationValue } from '../../src/contract/signals.ts';
import type { PhoneIdResponse, TelesignAddon } from './phoneid.ts';

export type Reading<T> = { kind: 'value'; value: T } | { kind: 'indefinite'; reason: string } | { kind: 'malformed'; issue: string };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const StringBoolean = z.union([z.boolean(), z.string().regex(/^(true|false)$/i).transform((text) => text.toLowerCase() === 'true')]);
const Count = z.union([z.number().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

const SimSwapFields = z.looseObject({
  swap_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').nullish(),
  swap_time: z.string().regex(/^\d{2}:\d{2}:\d{2}$/, 'HH:MM:SS').nullish(),
  risk_indicator: z.union([z.number().int().min(1).max(4), z.string().regex(/^[1-4]$/).transform(Number)]).nullish(),
});
type SimSwapFields = z.output<typeof SimSwapFields>;

const CallForwardFields = z.looseObject({
  call_forward_enabled: StringBoolean.nullish(),
  call_forward_type: z.string().nullish(),
  call_forward_condition: z.string().nullish(),
});
type CallForwardFields = z.output<typeof CallForwardFields>;

const ActiveCallFields = z.looseObject({
  is_call_active: StringBoolean.nullish(),
  call_direction: z.string().nullish(),
  call_duration: Count.nullish(),
});

function withSchema<S extends z.ZodType, T>(schema: S, answer: unknown, read: (fields: z.output<S>) => Reading<T>): Reading<T> {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    return { kind: 'malformed', issue: parsed.error.issues.map((i) => `${i.path.join('.') || '(add-on)'}: ${i.message}`).join('; ') };
  }
  return read(parsed.data);
}

/** When the swap happened, as far as the answer says: one instant, or the whole UTC day of a date without time. */
function swapInterval(fields: SimSwapFields, now: number): { earliest: number; latest: number } | undefined | 'invalid' {
  if (!fields.swap_date) return undefined;
  if (fields.swap_time) {
    const at = Date.parse(`${fields.swap_date}T${fields.swap_time}Z`);
    return Number.isNaN(at) ? 'invalid' : { earliest: at, latest: at };
  }
  const dayStart = Date.parse(`${fields.swap_date}T00:00:00Z`);
  if (Number.isNaN(dayStart)) return 'invalid';
  return { earliest: dayStart, latest: Math.max(dayStart, Math.min(dayStart + DAY_MS - 1_000, now)) };
}

/**
 * swapped = the latest SIM change lies within maxAgeHours. From swap_date/swap_time when they
 * settle it; otherwise from risk_indicator, only where its band settles it for this maxAge:
 *   4 (same day)       → within 24 h      → true when maxAge ≥ 24
 *   3 (last 72 hours)  → within 72 h      → true when maxAge ≥ 72
 *   2 (3 to 14 days)   → 72 h … 15 days   → true when maxAge ≥ 360, false when maxAge < 72
 *   1 (none, > 15 days)→ none within 14 d → false when maxAge ≤ 336
 * The 14/15-day edge is read the cautious way both times, as the docs leave day 15 unassigned.
 */
function simSwapCheck(fields: SimSwapFields, maxAgeHours: number, now: number): Reading<{ swapped: boolean; maxAgeHours: number }> {
  const interval = swapInterval(fields, now);
  if (interval === 'invalid') return { kind: 'malformed', issue: 'swap_date/swap_time is not a real date' };
  const windowStart = now - maxAgeHours * HOUR_MS;
  if (interval) {
    if (interval.earliest >= windowStart) return { kind: 'value', value: { swapped: true, maxAgeHours } };
    if (interval.latest < windowStart) return { kind: 'value', value: { swapped: false, maxAgeHours } };
  }
  const swapped = fromRiskBand(fields.risk_indicator ?? null, maxAgeHours);
  if (swapped === undefined) {
    return { kind: 'indefinite', reason: `risk_indicator ${fields.risk_indicator ?? 'absent'} does not settle a ${maxAgeHours} h window` };
  }
  return { kind: 'value', value: { swapped, maxAgeHours } };
}

function fromRiskBand(risk: number | null, maxAgeHours: number): boolean | undefined {
  switch (risk) {
    case 4:
      return maxAgeHours >= 24 ? true : undefined;
    case 3:
      return maxAgeHours >= 72 ? true : undefined;
    case 2:
      if (maxAgeHours >= 15 * 24) return true;
      return maxAgeHours < 72 ? false : undefined;
    case 1:
      return maxAgeHours <= 14 * 24 ? false : undefined;
    default:
      return undefined;
  }
}

/**
 * latestSimChange from swap_date only. A date without time is read as the latest instant of that
 * UTC day (not after now): the recent end, so the swap never looks older than it may be.
 * No date with risk 1 = no recorded swap (null); no date with a higher risk = a swap we cannot date.
 */
function simSwapDate(fields: SimSwapFields, now: number): Reading<{ latestSimChange: string | null; monitoredPeriodDays: number | null }> {
  const interval = swapInterval(fields, now);
  if (interval === 'invalid') return { kind: 'malformed', issue: 'swap_date/swap_time is not a real date' };
  if (interval) return { kind: 'value', value: { latestSimChange: new Date(interval.latest).toISOString(), monitoredPeriodDays: null } };
  if (fields.risk_indicator === 1) return { kind: 'value', value: { latestSimChange: null, monitoredPeriodDays: null } };
  return { kind: 'indefinite', reason: `no swap_date with risk_indicator ${fields.risk_indicator ?? 'absent'}` };
}

/**
 * call_forward_condition → CAMARA Call Forwarding Signal service names:
 *   busy → conditional_busy; no_answer / no_reply → conditional_no_answer;
 *   not_reachable / unreachable → conditional_not_reachable. Several may come comma-separated.
 * Maps, here and below: a name the upstream sends (`constructor`) must not find Object.prototype.
 */
const CONDITION_SERVICES: ReadonlyMap<string, ForwardingService> = new Map([
  ['busy', 'conditional_busy'],
  ['no_answer', 'conditional_no_answer'],
  ['no_reply', 'conditional_no_answer'],
  ['not_reachable', 'conditional_not_reachable'],
  ['unreachable', 'conditional_not_reachable'],
]);

function conditionsOf(condition: string | null | undefined): { services: ForwardingService[]; unknown: boolean } {
  const names = (condition ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase().replace(/[\s-]+/g, '_'))
    .filter(Boolean);
  const services = new Set<ForwardingService>();
  let unknown = false;
  for (const name of names) {
    const service = CONDITION_SERVICES.get(name);
    if (service) services.add(service);
    else unknown = true;
  }
  return { services: [...services], unknown };
}

function forwardingType(fields: CallForwardFields): 'none' | 'unconditional' | 'conditional' | undefined {
  if (fields.call_forward_enabled === false) return 'none';
  if (fields.call_forward_enabled !== true) return undefined;
  const type = fields.call_forward_type?.trim().toLowerCase();
  return type === 'unconditional' || type === 'conditional' ? type : undefined;
}

function unconditionalForwarding(fields: CallForwardFields): Reading<{ active: boolean }> {
  const type = forwardingType(fields);
  if (type === undefined) return { kind: 'indefinite', reason: 'call forwarding state not reported' };
  return { kind: 'value', value: { active: type === 'unconditional' } };
}

/**
 * Telesign names one forwarding type. While unconditional forwarding is on, conditional services
 * set beneath it are not reported: the answer is `unconditional` (plus any condition named).
 */
function forwardingServices(fields: CallForwardFields): Reading<{ services: ForwardingService[] }> {
  const type = forwardingType(fields);
  if (type === undefined) return { kind: 'indefinite', reason: 'call forwarding state not reported' };
  if (type === 'none') return { kind: 'value', value: { services: [] } };
  const conditions = conditionsOf(fields.call_forward_condition);
  if (conditions.unknown) return { kind: 'indefinite', reason: 'unrecognized call_forward_condition' };
  if (type === 'unconditional') return { kind: 'value', value: { services: ['unconditional', ...conditions.services] } };
  if (conditions.services.length === 0) return { kind: 'indefinite', reason: 'conditional forwarding without a condition' };
  return { kind: 'value', value: { services: conditions.services } };
}

/** call_direction "calling" = the subscriber placed the call (outgoing), "called" = receiving it (incoming). */
const DIRECTIONS: ReadonlyMap<string, 'outgoing' | 'incoming'> = new Map([
  ['calling', 'outgoing'],
  ['called', 'incoming'],
]);

function callState(fields: z.output<typeof ActiveCallFields>): Reading<OperationValue<'call_state.retrieve'>> {
  if (fields.is_call_active === null || fields.is_call_active === undefined) {
    return { kind: 'indefinite', reason: 'is_call_active not reported' };
  }
  if (!fields.is_call_active) return { kind: 'value', value: { onCall: false, direction: null, durationSeconds: null } };
  const direction = fields.call_direction ? (DIRECTIONS.get(fields.call_direction.trim().toLowerCase()) ?? null) : null;
  return { kind: 'value', value: { onCall: true, direction, durationSeconds: fields.call_duration ?? null } };
}

/**
 * Telesign's phone types (`phone_type.code`) in numtrust's classes. PREPAID is a mobile line;
 * VOIP does not say whether fixed or not; 8 INVALID is read before any operation (not_found). A
 * code not listed is a class numtrust does not know: `other`.
 */
const PHONE_TYPES: ReadonlyMap<string, LineType> = new Map([
  ['1', 'landline'],
  ['2', 'mobile'],
  ['3', 'mobile'],
  ['4', 'toll_free'],
  ['5', 'voip'],
  ['6', 'pager'],
  ['7', 'payphone'],
  ['9', 'premium'],
  ['10', 'personal'],
  ['11', 'voicemail'],
  ['20', 'other'],
]);

function lineType(response: PhoneIdResponse): Reading<OperationValue<'line_type.retrieve'>> {
  const code = response.phone_type?.code;
  if (code === undefined) return { kind: 'indefinite', reason: 'no phone_type in the answer' };
  return { kind: 'value', value: { lineType: PHONE_TYPES.get(code.trim()) ?? 'other' } };
}

/**
 * What an operation asks of PhoneID: the add-on that answers it and how its successful answer
 * reads, or (no add-on) how the base answer every PhoneID request gets reads.
 */
export type PhoneIdOperation<Op extends OperationId> =
  | { readonly addon: TelesignAddon; read(answer: unknown, params: OperationParams<Op>, now: number): Reading<OperationValue<Op>> }
  | { readonly addon?: undefined; read(answer: PhoneIdResponse, params: OperationParams<Op>, now: number): Reading<OperationValue<Op>> };

/** Entry Op is operation Op's add-on: looked up by a request's operation, it needs no cast. */
export type PhoneIdOperationTable = { readonly [Op in OperationId]?: PhoneIdOperation<Op> };

export const PHONEID_OPERATIONS: PhoneIdOperationTable = {
  'sim_swap.check': {
    addon: 'sim_swap',
    read: (answer, params, now) => withSchema(SimSwapFields, answer, (fields) => simSwapCheck(fields, params.maxAgeHours, now)),
  },
  'sim_swap.retrieve_date': {
    addon: 'sim_swap',
    read: (answer, _params, now) => withSchema(SimSwapFields, answer, (fields) => simSwapDate(fields, now)),
  },
  'call_forwarding.unconditional': {
    addon: 'call_forward_detection',
    read: (answer) => withSchema(CallForwardFields, answer, unconditionalForwarding),
  },
  'call_forwarding.services': {
    addon: 'call_forward_detection',
    read: (answer) => withSchema(CallForwardFields, answer, forwardingServices),
  },
  'call_state.retrieve': {
    addon: 'active_call_status',
    read: (answer) => withSchema(ActiveCallFields, answer, callState),
  },
  // phone_type comes with every PhoneID answer: the base request, no add-on.
  'line_type.retrieve': { read: lineType },
};
