/**
 * What an answer certifies, against what the asker needs. A SIM or device swap answer certifies a
 * window: a check the `maxAge` it was asked for; a retrieve-date answer everything when it gives a
 * date (the latest change, or the activation when none happened), else its `monitoredPeriod` (the
 * operator's legal retention), else nothing. An on-hook answer "on a call" without the call's
 * direction is partial, and so is a line type of "VoIP" that does not say whether it is fixed, or
 * a class numtrust does not know.
 * An answer that certifies less than needed is not definite for that need:
 * the chain goes on to a provider that may certify more, and what nobody certified stays unknown.
 */
import type { NormalizedSignal, OperationId, OperationValue } from '../contract/signals.ts';

export interface CoverageNeed {
  /** The swap history the answer must cover, days (SIM and device swap). */
  windowDays?: number;
  /** An on-hook answer must tell the call's direction when the handset is on a call. */
  callDirection?: boolean;
  /**
   * A line type answer must name a class the scoring tells apart: not a bare "VoIP" (fixed or
   * not unsaid), not `other` (a class numtrust does not know).
   */
  lineClass?: boolean;
}

/**
 * The days of swap history an answer certifies: Infinity when it settles any window (a swap
 * found, or the date of the latest change), undefined for an operation without a window.
 */
export function certifiedDays<Op extends OperationId>(operation: Op, value: OperationValue<Op>): number | undefined {
  return CERTIFIED_DAYS[operation]?.(value);
}

const CERTIFIED_DAYS: { readonly [Op in OperationId]?: (value: OperationValue<Op>) => number } = {
  'sim_swap.check': (check) => (check.swapped ? Infinity : check.maxAgeHours / 24),
  'device_swap.check': (check) => (check.swapped ? Infinity : check.maxAgeHours / 24),
  'sim_swap.retrieve_date': (date) => (date.latestSimChange !== null ? Infinity : (date.monitoredPeriodDays ?? 0)),
  'device_swap.retrieve_date': (date) => (date.latestDeviceChange !== null ? Infinity : (date.monitoredPeriodDays ?? 0)),
};

/** Whether an `ok` answer gives all the need asks of it. */
export function meetsNeed(signal: Pick<NormalizedSignal, 'operation' | 'value'>, need: CoverageNeed | undefined): boolean {
  if (!need || signal.value === null) return true;
  if (need.windowDays !== undefined) {
    const days = certifiedDays(signal.operation, signal.value as never);
    if (days !== undefined && days < need.windowDays) return false;
  }
  if (need.callDirection && signal.operation === 'call_state.retrieve') {
    const state = signal.value as OperationValue<'call_state.retrieve'>;
    if (state.onCall && state.direction === null) return false;
  }
  if (need.lineClass && signal.operation === 'line_type.retrieve') {
    const { lineType } = signal.value as OperationValue<'line_type.retrieve'>;
    if (lineType === 'voip' || lineType === 'other') return false;
  }
  return true;
}

/** Of two partial answers, the one that certifies more (the first on a tie). */
export function certifiesMore(a: Pick<NormalizedSignal, 'operation' | 'value'>, b: Pick<NormalizedSignal, 'operation' | 'value'>): boolean {
  const days = (signal: Pick<NormalizedSignal, 'operation' | 'value'>) =>
    signal.value === null ? -1 : (certifiedDays(signal.operation, signal.value as never) ?? 0);
  return days(b) > days(a);
}
