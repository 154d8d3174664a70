/**
 * One assessment: plan the operations the situation calls for, run them all in parallel under one
 * deadline, read the evidence and score it. Signals still running at the deadline come back
 * 'unavailable' and their upstream calls are aborted (the engine's single-flight does that).
 */
import { deadline } from '../../contract/deadline.ts';
import type { HedgeSettings } from '../../resilience/hedging.ts';
import type { Engine } from '../engine.ts';
import type { NormalizedSignal, OperationId, OperationParams, SignalKind } from '../../contract/signals.ts';
import {
  callStateEvidence,
  deviceSwapEvidence,
  forwardingEvidence,
  lineTypeEvidence,
  numberVerificationEvidence,
  reachabilityEvidence,
  roamingEvidence,
  simSwapEvidence,
  withFallbacks,
  type KindEvidence,
  type VerificationOutcome,
} from './evidence.ts';
import type { Channel, RiskTier, ScoringPolicy, TierPolicy } from './policy.ts';
import type { CoverageNeed } from '../coverage.ts';
import { score, type Verdict } from './scorer.ts';

export interface AssessmentInput {
  phoneNumber: string;
  /** The engine's keyed hash of the number, when the caller has it already (one HMAC a request). */
  numberKey?: string;
  tier: RiskTier;
  channel: Channel;
  inboundCall: boolean;
  /** Signal kinds to read (already resolved from defaults, include and exclude). */
  kinds: ReadonlySet<SignalKind>;
  /** Look-back of the SIM swap check, hours (default: the tier's SIM swap window). */
  maxAgeHours?: number;
  deadlineMs: number;
  /** The channel's hedging of slow providers. */
  hedging?: Partial<HedgeSettings>;
  correlator?: string;
  /** A Number Verification session the app ran for this number. */
  verification?: { outcome: VerificationOutcome; detail: string };
}

export interface AssessmentResult extends Verdict {
  signals: NormalizedSignal[];
  degraded: boolean;
}

/** An operation with its own params (a union over operations, so the two always match). */
type PlannedOperation = {
  [Op in OperationId]: {
    operation: Op;
    params: OperationParams<Op>;
    /** What an answer must certify for this tier; a provider certifying less is followed by the next. */
    need?: CoverageNeed;
  };
}[OperationId];

/** The operations that answer each signal kind (run together; the evidence picks the best answer). */
function operationsFor(kind: SignalKind, tier: TierPolicy, maxAgeHours: number | undefined): PlannedOperation[] {
  switch (kind) {
    case 'sim_swap': {
      const need = { windowDays: tier.simSwapWindowDays };
      return [
        { operation: 'sim_swap.retrieve_date', params: {}, need },
        { operation: 'sim_swap.check', params: { maxAgeHours: maxAgeHours ?? tier.simSwapWindowDays * 24 }, need },
      ];
    }
    case 'device_swap':
      return [{ operation: 'device_swap.retrieve_date', params: {}, need: { windowDays: tier.deviceSwapWindowDays } }];
    case 'call_forwarding':
      return [
        { operation: 'call_forwarding.services', params: {} },
        { operation: 'call_forwarding.unconditional', params: {} },
      ];
    case 'call_state':
      return [{ operation: 'call_state.retrieve', params: {}, need: { callDirection: tier.needsCallDirection } }];
    case 'roaming':
      return [{ operation: 'roaming.retrieve', params: {} }];
    case 'reachability':
      return [{ operation: 'reachability.retrieve', params: {} }];
    case 'line_type':
      // "VoIP" alone or an unknown class does not end the chain: a later provider may tell more.
      return [{ operation: 'line_type.retrieve', params: {}, need: { lineClass: true } }];
    case 'number_verification':
      // Run on the device beforehand (a session); nothing to ask here.
      return [];
  }
}

/**
 * The answers are gathered for the deadline minus a reserve (5 %, at most 50 ms) in which the
 * verdict is scored and sent, so that it reaches the caller by the deadline, not just after it.
 */
export function gatheringTime(deadlineMs: number): number {
  return Math.max(1, deadlineMs - Math.min(50, Math.round(deadlineMs * 0.05)));
}

export async function assess(
  engine: Engine,
  policy: ScoringPolicy,
  tenantId: string,
  input: AssessmentInput,
  options: { signal?: AbortSignal; now?: () => number } = {},
): Promise<AssessmentResult> {
  // deadline() records when it expires, so retries inside the engine never plan past it.
  const assessmentDeadline = deadline(gatheringTime(input.deadlineMs), options.signal);
  const signal = assessmentDeadline.signal;
  const tier = policy.tiers[input.tier];
  const planned = [...input.kinds].flatMap((kind) => operationsFor(kind, tier, input.maxAgeHours));
  // One keyed hash of the number for every operation asked.
  const numberKey = input.numberKey ?? (await engine.numberKeyOf(input.phoneNumber));
  const answers = await Promise.all(
    planned.map(({ operation, params, need }) =>
      engine.run(tenantId, { operation, phoneNumber: input.phoneNumber, params }, {
        signal,
        correlator: input.correlator,
        numberKey,
        hedging: input.hedging,
        need,
      }),
    ),
  ).finally(() => assessmentDeadline.release());
  const byOperation = new Map(answers.map((answer) => [answer.operation, answer]));
  const get = <Op extends OperationId>(operation: Op) => byOperation.get(operation) as NormalizedSignal<Op> | undefined;
  const now = (options.now ?? Date.now)();

  const evidence: Array<KindEvidence & { kind: SignalKind }> = [];
  const read = (kind: SignalKind, item: KindEvidence) =>
    evidence.push({ ...withFallbacks(item, answers.filter((answer) => answer.kind === kind)), kind });
  for (const kind of input.kinds) {
    switch (kind) {
      case 'sim_swap':
        read(kind, simSwapEvidence(get('sim_swap.retrieve_date'), get('sim_swap.check'), now, tier.simSwapWindowDays));
        break;
      case 'device_swap':
        read(kind, deviceSwapEvidence(get('device_swap.retrieve_date'), now, tier.deviceSwapWindowDays));
        break;
      case 'call_forwarding':
        read(kind, forwardingEvidence(get('call_forwarding.services'), get('call_forwarding.unconditional'), input.channel === 'callback'));
        break;
      case 'call_state':
        read(kind, callStateEvidence(get('call_state.retrieve')));
        break;
      case 'roaming':
        read(kind, roamingEvidence(get('roaming.retrieve')));
        break;
      case 'reachability':
        read(kind, reachabilityEvidence(get('reachability.retrieve')));
        break;
      case 'line_type':
        read(kind, lineTypeEvidence(get('line_type.retrieve')));
        break;
      case 'number_verification':
        read(kind, numberVerificationEvidence(input.verification?.outcome ?? 'unknown', input.verification?.detail ?? 'no verification session'));
        break;
    }
  }

  const known = new Set(evidence.filter((item) => item.known).map((item) => item.kind));
  const degraded = evidence.some((item) => item.degraded);
  const verdict = score(policy, {
    tier: input.tier,
    channel: input.channel,
    inboundCall: input.inboundCall,
    findings: evidence.flatMap((item) => item.findings),
    known,
    degraded,
  });
  return { ...verdict, signals: answers, degraded };
}
