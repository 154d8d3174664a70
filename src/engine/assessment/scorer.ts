/**
 * Findings + the situation → confidence, level and recommendation. Pure and deterministic: the
 * same findings under the same policy always give the same answer.
 */
import type { SignalKind } from '../../contract/signals.ts';
import type { Finding } from './evidence.ts';
import { RECOMMENDATIONS, type Channel, type Level, type ReasonCode, type Recommendation, type RiskTier, type ScoringPolicy, type TierPolicy } from './policy.ts';

/** Each step that set the recommendation, by a stable code. */
export const DECISION_CODES = ['SCORE', 'PROTECTIVE', 'FLOOR', 'REQUIRED_NOT_KNOWN', 'DEGRADED_CAP'] as const;
export type DecisionCode = (typeof DECISION_CODES)[number];

export interface Decision {
  code: DecisionCode;
  /** The recommendation once this step applied. */
  recommendation: Recommendation;
  message: string;
  /** FLOOR: the reason that forced it. */
  reason?: ReasonCode;
  /** REQUIRED_NOT_KNOWN: the signal kinds not known. */
  signals?: SignalKind[];
}

export interface Reason extends Finding {
  /** Points this finding moved confidence by (0 for a check that gave no answer). */
  effect: number;
}

export interface Verdict {
  confidence: number;
  level: Level;
  recommendation: Recommendation;
  reasons: Reason[];
  /** Why the recommendation is what it is, step by step in order of application. */
  decidedBy: Decision[];
}

export interface Situation {
  tier: RiskTier;
  channel: Channel;
  inboundCall: boolean;
  findings: Finding[];
  known: ReadonlySet<SignalKind>;
  degraded: boolean;
}

const severity = (recommendation: Recommendation) => RECOMMENDATIONS.indexOf(recommendation);
const stricter = (a: Recommendation, b: Recommendation) => (severity(b) > severity(a) ? b : a);

export function score(policy: ScoringPolicy, situation: Situation): Verdict {
  const reasons = situation.findings.map((finding) => ({ ...finding, effect: policy.weights[finding.code] ?? 0 }));
  const total = policy.baseline + reasons.reduce((sum, reason) => sum + reason.effect, 0);
  const confidence = Math.max(0, Math.min(100, Math.round(total)));
  const tier = policy.tiers[situation.tier];

  let recommendation: Recommendation = confidence >= tier.allowAt ? 'allow' : confidence >= tier.stepUpAt ? 'step_up' : tier.otherwise;
  const decidedBy: Decision[] = [];
  const decide = (decision: Decision) => {
    recommendation = decision.recommendation;
    decidedBy.push(decision);
  };
  if (tier.protective) {
    decide({ code: 'PROTECTIVE', recommendation: 'allow', message: 'a protective action is never gated: whatever the evidence, it only protects the customer' });
    return { confidence, level: levelOf(tier, confidence), recommendation, reasons, decidedBy };
  }
  decide({ code: 'SCORE', recommendation, message: `confidence ${confidence} on the ${situation.tier}-risk scale -> ${recommendation}` });

  const floors = { ...tier.floors, ...tier.channelFloors[situation.channel] };
  for (const reason of reasons) {
    const floor = floors[reason.code];
    if (floor && severity(floor) > severity(recommendation)) {
      decide({ code: 'FLOOR', recommendation: stricter(recommendation, floor), reason: reason.code, message: `${reason.code} -> at least ${floor}` });
    }
  }

  if (recommendation === 'allow') {
    const required = [...tier.allowRequires, ...(situation.inboundCall ? tier.allowRequiresOnInboundCall : [])];
    const missing = required.filter((kind) => !situation.known.has(kind));
    const degradedCap = tier.degradedCap ?? policy.degradedCap;
    if (missing.length > 0) {
      decide({ code: 'REQUIRED_NOT_KNOWN', recommendation: 'step_up', signals: missing, message: `${missing.join(', ')} not known -> at best step_up` });
    } else if (situation.degraded && degradedCap !== 'allow') {
      decide({ code: 'DEGRADED_CAP', recommendation: degradedCap, message: `a check failed or timed out -> at best ${degradedCap}` });
    }
  }

  return { confidence, level: levelOf(tier, confidence), recommendation, reasons, decidedBy };
}

/**
 * The level on the scale of the tier asked, so it can never contradict the recommendation the
 * score gives: `high` where the tier allows, `medium` where it steps up, `low` in the lower half
 * of the rest, `very_low` below. A stricter recommendation than the level suggests is always
 * explained in decidedBy (a floor, a check not known, a degraded answer).
 */
function levelOf(tier: TierPolicy, confidence: number): Level {
  if (confidence >= tier.allowAt) return 'high';
  if (confidence >= tier.stepUpAt) return 'medium';
  if (confidence >= tier.stepUpAt / 2) return 'low';
  return 'very_low';
}
