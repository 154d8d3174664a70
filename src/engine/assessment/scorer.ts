/**
 * Findings + the situation → confidence, level and recommendation. Pure and deterministic: the
 * same findings under the same policy always give the same answer.
 */
import type { SignalKind } from '../signals.ts';
import type { Finding } from './evidence.ts';
import { RECOMMENDATIONS, type Channel, type Level, type Recommendation, type RiskTier, type ScoringPolicy } from './policy.ts';

export interface Reason extends Finding {
  /** Points this finding moved confidence by (0 for a check that gave no answer). */
  effect: number;
}

export interface Verdict {
  confidence: number;
  level: Level;
  recommendation: Recommendation;
  reasons: Reason[];
  /** Why the recommendation is what it is, in order of application (for the explanation). */
  decidedBy: string[];
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

  const decidedBy: string[] = [];
  let recommendation: Recommendation =
    confidence >= tier.allowAt ? 'allow' : confidence >= tier.stepUpAt ? 'step_up' : tier.otherwise;
  decidedBy.push(`confidence ${confidence} on the ${situation.tier}-risk scale → ${recommendation}`);

  const floors = { ...tier.floors, ...tier.channelFloors[situation.channel] };
  for (const reason of reasons) {
    const floor = floors[reason.code];
    if (floor && severity(floor) > severity(recommendation)) {
      recommendation = stricter(recommendation, floor);
      decidedBy.push(`${reason.code} → at least ${floor}`);
    }
  }

  if (recommendation === 'allow') {
    const required = [...tier.allowRequires, ...(situation.inboundCall ? tier.allowRequiresOnInboundCall : [])];
    const missing = required.filter((kind) => !situation.known.has(kind));
    if (missing.length > 0) {
      recommendation = 'step_up';
      decidedBy.push(`${missing.join(', ')} not known → at best step_up`);
    } else if (situation.degraded && (tier.degradedCap ?? policy.degradedCap) !== 'allow') {
      recommendation = tier.degradedCap ?? policy.degradedCap;
      decidedBy.push(`a check failed or timed out → at best ${recommendation}`);
    }
  }

  return { confidence, level: levelOf(policy, confidence), recommendation, reasons, decidedBy };
}

function levelOf(policy: ScoringPolicy, confidence: number): Level {
  if (confidence >= policy.levels.high) return 'high';
  if (confidence >= policy.levels.medium) return 'medium';
  if (confidence >= policy.levels.low) return 'low';
  return 'very_low';
}
