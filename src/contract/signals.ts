/**
 * The normalized vocabulary every adapter answers in and every route speaks from.
 * An operation is one question asked of one provider; its answer is a signal of one kind.
 */

export const SIGNAL_KINDS = [
  'sim_swap',
  'device_swap',
  'call_forwarding',
  'call_state',
  'number_verification',
  'reachability',
  'roaming',
  'line_type',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export type SignalStatus = 'ok' | 'not_supported' | 'not_found' | 'unavailable' | 'error';

export const FORWARDING_SERVICES = [
  'unconditional',
  'conditional_busy',
  'conditional_not_reachable',
  'conditional_no_answer',
] as const;
export type ForwardingService = (typeof FORWARDING_SERVICES)[number];

export type Connectivity = 'DATA' | 'SMS';

/**
 * What kind of line a number is, as providers classify it. `voip` is VoIP where the provider does
 * not say whether it is fixed (registered to an address) or not (Telesign's VOIP, Vonage's
 * virtual); `other` is a class the provider names but that is none of these. A provider that
 * cannot classify the number gives no value at all, never a type.
 */
export const LINE_TYPES = [
  'mobile',
  'landline',
  'fixed_voip',
  'non_fixed_voip',
  'voip',
  'toll_free',
  'premium',
  'shared_cost',
  'uan',
  'personal',
  'pager',
  'voicemail',
  'payphone',
  'iot',
  'other',
] as const;
export type LineType = (typeof LINE_TYPES)[number];

/**
 * Parameters and answer of every operation a provider can be asked. A value is only ever a
 * definite answer: an upstream that cannot tell (null package, "no data", isInVoiceCall null)
 * yields no value at all, never a default.
 */
export interface OperationCatalog {
  'sim_swap.check': {
    params: { maxAgeHours: number };
    value: { swapped: boolean; maxAgeHours: number };
  };
  'sim_swap.retrieve_date': {
    params: Record<string, never>;
    value: { latestSimChange: string | null; monitoredPeriodDays: number | null };
  };
  'device_swap.check': {
    params: { maxAgeHours: number };
    value: { swapped: boolean; maxAgeHours: number };
  };
  'device_swap.retrieve_date': {
    params: Record<string, never>;
    value: { latestDeviceChange: string | null; monitoredPeriodDays: number | null };
  };
  /** Is unconditional (all calls) forwarding active? */
  'call_forwarding.unconditional': {
    params: Record<string, never>;
    value: { active: boolean };
  };
  /** Every active forwarding service; empty = none. */
  'call_forwarding.services': {
    params: Record<string, never>;
    value: { services: ForwardingService[] };
  };
  /**
   * The on-hook check: is the handset on a call now, and did the subscriber place it
   * ('outgoing') or receive it ('incoming')? direction null = the upstream does not say.
   */
  'call_state.retrieve': {
    params: Record<string, never>;
    value: { onCall: boolean; direction: 'outgoing' | 'incoming' | null; durationSeconds: number | null };
  };
  'reachability.retrieve': {
    params: Record<string, never>;
    value: { reachable: boolean; connectivity: Connectivity[]; lastStatusTime: string | null };
  };
  'roaming.retrieve': {
    params: Record<string, never>;
    /** countryCode is the visited network's MCC; countries its ISO 3166-1 alpha-2 codes. */
    value: { roaming: boolean; countryCode: number | null; countries: string[]; lastStatusTime: string | null };
  };
  /** The line's type as the provider classifies it (mobile, landline, VoIP…). */
  'line_type.retrieve': {
    params: Record<string, never>;
    value: { lineType: LineType };
  };
  /**
   * The network confirmed (or denied) that the device that ran the authorization flow owns the
   * number. Not asked through execute() but as a single-use call (SignalExecutor.executeSingleUse)
   * of the operator's NumberVerifier (adapter.ts).
   */
  'number_verification.verify': {
    params: Record<string, never>;
    value: { verified: boolean };
  };
}

export type OperationId = keyof OperationCatalog;
export type OperationParams<Op extends OperationId> = OperationCatalog[Op]['params'];
export type OperationValue<Op extends OperationId> = OperationCatalog[Op]['value'];

const KIND_OF_OPERATION: { [Op in OperationId]: SignalKind } = {
  'sim_swap.check': 'sim_swap',
  'sim_swap.retrieve_date': 'sim_swap',
  'device_swap.check': 'device_swap',
  'device_swap.retrieve_date': 'device_swap',
  'call_forwarding.unconditional': 'call_forwarding',
  'call_forwarding.services': 'call_forwarding',
  'call_state.retrieve': 'call_state',
  'reachability.retrieve': 'reachability',
  'roaming.retrieve': 'roaming',
  'line_type.retrieve': 'line_type',
  'number_verification.verify': 'number_verification',
};

export function signalKindOf(op: OperationId): SignalKind {
  return KIND_OF_OPERATION[op];
}

export const OPERATION_IDS = Object.keys(KIND_OF_OPERATION) as OperationId[];

/** Why a signal is not `ok`: a stable code, a message safe to show a client, and whether another try might help. */
export interface SignalProblem {
  code: string;
  message: string;
  retryable: boolean;
  /** When the provider will be asked again (breaker open, rate limited). */
  retryAfterMs?: number;
}

export interface NormalizedSignal<Op extends OperationId = OperationId> {
  kind: SignalKind;
  operation: Op;
  status: SignalStatus;
  provider: string;
  /** When the upstream answered (ISO 8601); for cached answers, when it originally answered. */
  observedAt: string;
  cached: boolean;
  latencyMs: number;
  value: OperationValue<Op> | null;
  problem?: SignalProblem;
  /**
   * Providers earlier in the chain that failed (unavailable or error) before this one answered:
   * the answer may be less informative than the preferred provider's would have been.
   */
  fallbackAfter?: string[];
  /**
   * Providers earlier in the chain that had not answered yet when this one did (a hedge won).
   * They did not fail; only where this answer is incomplete could they have said more.
   */
  hedgedOver?: string[];
}

/**
 * The problem of a check no configured provider covers for this number (no route for its range,
 * or no provider of its chain offers the check): a gap in the configuration, not a fact about
 * the number, so it reads as unknown and makes an assessment degraded.
 */
export function noProviderCoverage(message: string): SignalProblem {
  return { code: 'NO_PROVIDER_COVERAGE', message, retryable: false };
}

/** A signal no provider was asked for: nothing routes the number, or nobody offers the check. */
export function unansweredSignal<Op extends OperationId>(
  operation: Op,
  status: Extract<SignalStatus, 'not_found' | 'not_supported' | 'unavailable'>,
  problem: SignalProblem,
): NormalizedSignal<Op> {
  return {
    kind: signalKindOf(operation),
    operation,
    status,
    provider: 'none',
    observedAt: new Date().toISOString(),
    cached: false,
    latencyMs: 0,
    value: null,
    problem,
  };
}
