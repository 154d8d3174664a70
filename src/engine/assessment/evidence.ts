/**
 * Signals → reasons. Each signal kind is read by one function that says what the network's
 * answer means for trust in the caller, and whether the kind is known (a definite answer). A
 * check that failed, timed out, is unsupported or unknown yields a reason with no effect: it
 * never raises confidence, and it is never read as the reassuring answer.
 */
import type { LineType, NormalizedSignal, SignalKind } from '../../contract/signals.ts';
import type { ReasonCode } from './policy.ts';

export interface Finding {
  code: ReasonCode;
  signal: SignalKind;
  /** What it means, in words; the code is what to act on. */
  message: string;
}

export interface KindEvidence {
  findings: Finding[];
  /** A definite answer was obtained for this kind. */
  known: boolean;
  /** A check that was asked for failed or timed out (not: unsupported, unknown number). */
  degraded: boolean;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Why a signal gave no answer, as a finding with no effect. */
function noAnswer(signal: NormalizedSignal | undefined, kind: SignalKind): KindEvidence {
  if (!signal || signal.status === 'unavailable' || signal.status === 'error') {
    return {
      findings: [{ code: 'SIGNAL_UNAVAILABLE', signal: kind, message: signal?.problem?.message ?? 'no provider answered' }],
      known: false,
      degraded: true,
    };
  }
  if (signal.problem?.code === 'NO_PROVIDER_COVERAGE') {
    return { findings: [{ code: 'NO_PROVIDER_COVERAGE', signal: kind, message: signal.problem.message }], known: false, degraded: true };
  }
  if (signal.status === 'not_found') {
    return { findings: [{ code: 'SUBSCRIBER_UNKNOWN', signal: kind, message: 'the provider does not know the number' }], known: false, degraded: false };
  }
  return {
    findings: [{ code: 'SIGNAL_NOT_SUPPORTED', signal: kind, message: signal.problem?.message ?? 'not offered for this number' }],
    known: false,
    degraded: false,
  };
}

/** The most telling of several non-answers: an outage or a gap in our coverage outranks the number's own. */
function noAnswerOf(signals: Array<NormalizedSignal | undefined>, kind: SignalKind): KindEvidence {
  const asked = signals.filter((signal): signal is NormalizedSignal => signal !== undefined);
  const failed = asked.find(
    (signal) => signal.status === 'unavailable' || signal.status === 'error' || signal.problem?.code === 'NO_PROVIDER_COVERAGE',
  );
  return noAnswer(failed ?? asked.find((signal) => signal.status === 'not_found') ?? asked[0], kind);
}

function found(code: ReasonCode, signal: SignalKind, message: string): KindEvidence {
  return { findings: [{ code, signal, message }], known: true, degraded: false };
}

/**
 * Findings that say the answer was incomplete: the network did not tell a call's direction, or
 * whether calls are diverted conditionally.
 */
const PARTIAL_FINDINGS: ReadonlySet<ReasonCode> = new Set(['CALLER_ON_CALL_DIRECTION_UNKNOWN', 'FORWARDING_NO_UNCONDITIONAL']);

/**
 * An answer a fallback gave after a preferred provider failed is kept, but the evidence counts as
 * degraded: the preferred provider might have said more (a call's direction, say), so an outage
 * must not be able to turn a refusal into 'allow'. An answer that won a hedge over a preferred
 * provider that was merely slow counts as degraded only where it is incomplete: there the
 * preferred provider might have said more; elsewhere it is as good an answer, given sooner.
 */
export function withFallbacks(evidence: KindEvidence, signals: Array<NormalizedSignal | undefined>): KindEvidence {
  const answered = signals.filter((signal) => signal?.status === 'ok');
  const fellBack = answered.some((signal) => (signal?.fallbackAfter?.length ?? 0) > 0);
  const hedgedIncomplete =
    answered.some((signal) => (signal?.hedgedOver?.length ?? 0) > 0) && evidence.findings.some((finding) => PARTIAL_FINDINGS.has(finding.code));
  return fellBack || hedgedIncomplete ? { ...evidence, degraded: true } : evidence;
}

function swapGrade(ageMs: number): { code: ReasonCode; detail: string } | undefined {
  if (ageMs <= DAY) return { code: 'SIM_SWAP_HOURS', detail: 'SIM changed within the last 24 hours' };
  if (ageMs <= 7 * DAY) return { code: 'SIM_SWAP_DAYS', detail: 'SIM changed within the last 7 days' };
  if (ageMs <= 30 * DAY) return { code: 'SIM_SWAP_WEEKS', detail: 'SIM changed within the last 30 days' };
  return undefined;
}

/**
 * SIM swap, graded by recency. The date (retrieve-date) grades it; without a date a positive check
 * counts as the most recent grade its window allows (the worst case). With no swap found, the
 * answers certify a window (the check's maxAge, the date's retention): one at least `needDays`
 * long makes the kind known ("no swap" as far as this action needs); a shorter one leaves the
 * rest unknown (SIM_SWAP_NOT_COVERED), never read as "no swap".
 */
export function simSwapEvidence(
  date: NormalizedSignal<'sim_swap.retrieve_date'> | undefined,
  check: NormalizedSignal<'sim_swap.check'> | undefined,
  now: number,
  needDays: number,
): KindEvidence {
  const checkValue = check?.status === 'ok' ? check.value : null;
  const dateValue = date?.status === 'ok' ? date.value : null;
  // A positive check within its window always counts, whatever a date says (fail closed on conflict).
  if (checkValue?.swapped) {
    const fromDate = dateValue?.latestSimChange ? swapGrade(now - Date.parse(dateValue.latestSimChange)) : undefined;
    if (fromDate) return found(fromDate.code, 'sim_swap', fromDate.detail);
    return found(
      'SIM_SWAP_HOURS',
      'sim_swap',
      `SIM changed within the last ${checkValue.maxAgeHours} hours (when exactly is not disclosed: counted as the most recent)`,
    );
  }
  if (dateValue?.latestSimChange) {
    const grade = swapGrade(now - Date.parse(dateValue.latestSimChange));
    return grade ? found(grade.code, 'sim_swap', grade.detail) : found('SIM_STABLE', 'sim_swap', 'no SIM change in the last 30 days');
  }
  const windowDays = Math.max(dateValue?.monitoredPeriodDays ?? 0, checkValue ? checkValue.maxAgeHours / 24 : 0);
  if (windowDays > 0 && windowDays < needDays) {
    return notCovered('SIM_SWAP_NOT_COVERED', 'sim_swap', `no SIM change in the last ${describeDays(windowDays)}; the ${describeDays(needDays)} this action needs are not certified by any provider`);
  }
  if (windowDays > 0) {
    return windowDays >= 30
      ? found('SIM_STABLE', 'sim_swap', `no SIM change in the last ${describeDays(windowDays)}`)
      : found('SIM_NO_RECENT_SWAP', 'sim_swap', `no SIM change in the last ${describeDays(windowDays)}; older history not disclosed`);
  }
  return noAnswerOf([date, check], 'sim_swap');
}

/** Device swap: a change within 7 days is a flag; no change known counts only as far as the certified window reaches. */
export function deviceSwapEvidence(date: NormalizedSignal<'device_swap.retrieve_date'> | undefined, now: number, needDays: number): KindEvidence {
  if (date?.status !== 'ok' || !date.value) return noAnswer(date, 'device_swap');
  const changed = date.value.latestDeviceChange;
  if (changed && now - Date.parse(changed) <= 7 * DAY) {
    return found('DEVICE_SWAP_RECENT', 'device_swap', 'the number moved to another handset within the last 7 days');
  }
  const windowDays = changed ? Infinity : (date.value.monitoredPeriodDays ?? 0);
  if (windowDays < needDays) {
    return notCovered('DEVICE_SWAP_NOT_COVERED', 'device_swap', `no device change known; the ${describeDays(needDays)} this action needs are not certified by any provider`);
  }
  return { findings: [], known: true, degraded: false };
}

/** An answer that certifies less than the action needs: the rest is unknown, not reassuring. */
function notCovered(code: ReasonCode, signal: SignalKind, message: string): KindEvidence {
  return { findings: [{ code, signal, message }], known: false, degraded: false };
}

function describeDays(days: number): string {
  return days < 2 ? `${Math.round(days * 24)} hours` : `${Math.floor(days)} days`;
}

/**
 * Call forwarding: the list of services when a provider gives it, else the unconditional flag.
 * The flag alone says nothing of busy / no-answer forwarding: when that matters (we are calling
 * the customer back, and a diverted callback reaches someone else) it leaves the kind unknown.
 */
export function forwardingEvidence(
  services: NormalizedSignal<'call_forwarding.services'> | undefined,
  unconditional: NormalizedSignal<'call_forwarding.unconditional'> | undefined,
  conditionalMatters = false,
): KindEvidence {
  if (services?.status === 'ok' && services.value) {
    const list = services.value.services;
    if (list.includes('unconditional')) return found('FORWARDING_UNCONDITIONAL', 'call_forwarding', 'every call to the number is diverted');
    if (list.length > 0) return found('FORWARDING_CONDITIONAL', 'call_forwarding', `calls are diverted when ${list.map((s) => s.replace('conditional_', '').replace('_', ' ')).join(', ')}`);
    if (unconditional?.status === 'ok' && unconditional.value?.active) {
      return found('FORWARDING_UNCONDITIONAL', 'call_forwarding', 'every call to the number is diverted');
    }
    return found('FORWARDING_NONE', 'call_forwarding', 'no call forwarding');
  }
  if (unconditional?.status === 'ok' && unconditional.value) {
    if (unconditional.value.active) return found('FORWARDING_UNCONDITIONAL', 'call_forwarding', 'every call to the number is diverted');
    return conditionalMatters
      ? notCovered('FORWARDING_CONDITIONAL_NOT_COVERED', 'call_forwarding', 'no unconditional forwarding; whether a callback would be diverted when busy or unanswered is not known')
      : found('FORWARDING_NO_UNCONDITIONAL', 'call_forwarding', 'no unconditional forwarding; conditional forwarding not known');
  }
  return noAnswerOf([services, unconditional], 'call_forwarding');
}

/** The on-hook check, read only when the number is calling us now. */
export function callStateEvidence(state: NormalizedSignal<'call_state.retrieve'> | undefined): KindEvidence {
  if (state?.status !== 'ok' || !state.value) return noAnswer(state, 'call_state');
  const { onCall, direction } = state.value;
  if (!onCall) return found('CALLER_NOT_ON_CALL', 'call_state', 'the handset is not on a call: the caller ID is spoofed');
  if (direction === 'incoming') {
    return found('CALL_DIRECTION_MISMATCH', 'call_state', 'the handset is receiving a call, not placing one: the caller ID is spoofed');
  }
  if (direction === 'outgoing') return found('CALLER_ON_CALL', 'call_state', 'the handset is placing a call now');
  return found('CALLER_ON_CALL_DIRECTION_UNKNOWN', 'call_state', 'the handset is on a call; the network does not say which way');
}

export function roamingEvidence(roaming: NormalizedSignal<'roaming.retrieve'> | undefined): KindEvidence {
  if (roaming?.status !== 'ok' || !roaming.value) return noAnswer(roaming, 'roaming');
  return roaming.value.roaming ? found('ROAMING', 'roaming', 'the handset is roaming abroad') : { findings: [], known: true, degraded: false };
}

export function reachabilityEvidence(reachability: NormalizedSignal<'reachability.retrieve'> | undefined): KindEvidence {
  if (reachability?.status !== 'ok' || !reachability.value) return noAnswer(reachability, 'reachability');
  return reachability.value.reachable
    ? { findings: [], known: true, degraded: false }
    : found('UNREACHABLE', 'reachability', 'the handset is not attached to the network for data or SMS');
}

/** Each class of line, by what it means for trust in the caller. */
const LINE_FINDINGS: Readonly<Record<LineType, { code: ReasonCode; message: string }>> = {
  mobile: { code: 'LINE_MOBILE', message: 'a mobile line' },
  landline: { code: 'LINE_FIXED', message: 'a fixed line' },
  fixed_voip: { code: 'LINE_FIXED', message: 'a fixed VoIP line, registered to an address' },
  non_fixed_voip: { code: 'LINE_NON_FIXED_VOIP', message: 'a non-fixed VoIP number, tied to no SIM or address' },
  voip: { code: 'LINE_NON_FIXED_VOIP', message: 'a VoIP number; whether fixed is not known, so counted as non-fixed' },
  toll_free: { code: 'LINE_SERVICE_NUMBER', message: 'a toll-free number' },
  premium: { code: 'LINE_SERVICE_NUMBER', message: 'a premium-rate number' },
  shared_cost: { code: 'LINE_SERVICE_NUMBER', message: 'a shared-cost number' },
  uan: { code: 'LINE_SERVICE_NUMBER', message: 'a universal access (company) number' },
  personal: { code: 'LINE_NOT_A_HANDSET', message: 'a personal (follow-me) number that forwards to another line' },
  pager: { code: 'LINE_NOT_A_HANDSET', message: 'a pager' },
  voicemail: { code: 'LINE_NOT_A_HANDSET', message: 'a voicemail-only number' },
  payphone: { code: 'LINE_NOT_A_HANDSET', message: 'a payphone' },
  iot: { code: 'LINE_IOT', message: 'a machine (IoT) SIM' },
  other: { code: 'LINE_UNCLASSIFIED', message: 'a class of line the provider names but numtrust does not know' },
};

/**
 * The line's type. A mobile or fixed line is known and neutral (a mobile line proves nothing of
 * who holds it); the risky classes weigh a little and floor high-risk actions (policy.ts); a class
 * numtrust does not know is a gap, as is no answer.
 */
export function lineTypeEvidence(lineType: NormalizedSignal<'line_type.retrieve'> | undefined): KindEvidence {
  if (lineType?.status !== 'ok' || !lineType.value) return noAnswer(lineType, 'line_type');
  const { code, message } = LINE_FINDINGS[lineType.value.lineType];
  return code === 'LINE_UNCLASSIFIED' ? notCovered(code, 'line_type', message) : found(code, 'line_type', message);
}

export type VerificationOutcome = 'verified' | 'not_verified' | 'unknown';

export function numberVerificationEvidence(outcome: VerificationOutcome, detail: string): KindEvidence {
  if (outcome === 'verified') return found('NUMBER_VERIFIED', 'number_verification', 'the network confirmed the app\'s device owns the number');
  if (outcome === 'not_verified') return found('NUMBER_NOT_VERIFIED', 'number_verification', 'the network says the app\'s device is on another line');
  return { findings: [{ code: 'SIGNAL_UNAVAILABLE', signal: 'number_verification', message: detail }], known: false, degraded: true };
}
