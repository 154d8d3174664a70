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
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export type SignalStatus = 'ok' | 'not_supported' | 'not_found' | 'unavailable' | 'error';

/** Parameters and answer of every operation a provider can be asked. */
export interface OperationCatalog {
  'sim_swap.check': {
    params: { maxAgeHours: number };
    value: { swapped: boolean; maxAgeHours: number };
  };
  'sim_swap.retrieve_date': {
    params: Record<string, never>;
    value: { latestSimChange: string | null; monitoredPeriodDays: number | null };
  };
}

export type OperationId = keyof OperationCatalog;
export type OperationParams<Op extends OperationId> = OperationCatalog[Op]['params'];
export type OperationValue<Op extends OperationId> = OperationCatalog[Op]['value'];

const KIND_OF_OPERATION: { [Op in OperationId]: SignalKind } = {
  'sim_swap.check': 'sim_swap',
  'sim_swap.retrieve_date': 'sim_swap',
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
}

/** A signal no provider was asked for: nothing routes the number, or nobody offers the check. */
export function unansweredSignal<Op extends OperationId>(
  operation: Op,
  status: Extract<SignalStatus, 'not_found' | 'not_supported'>,
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
