/**
 * A verdict as flat string values, for the platforms that take nothing else: Amazon Connect
 * contact attributes, Genesys data-action outputs, TwiML query parameters and task attributes.
 * Never a number: the answer carries no phone number to flatten.
 */
import type { AssessmentAnswer } from '../assessment-schemas.ts';

export const FLAT_VERDICT_FIELDS = [
  'recommendation',
  'confidence',
  'level',
  'reasonCodes',
  'unansweredCodes',
  'degraded',
  'assessmentId',
  'agentScreenUrl',
  'action',
  'tier',
  'assessedAt',
] as const;

export type FlatVerdict = Record<(typeof FLAT_VERDICT_FIELDS)[number], string>;

export function flatVerdict(answer: AssessmentAnswer, agentScreenUrl: string | undefined): FlatVerdict {
  return {
    recommendation: answer.recommendation,
    confidence: String(answer.confidence),
    level: answer.level,
    reasonCodes: answer.reasons.map((reason) => reason.code).join(','),
    unansweredCodes: answer.unanswered.map((gap) => gap.code).join(','),
    degraded: String(answer.degraded),
    assessmentId: answer.assessmentId,
    agentScreenUrl: agentScreenUrl ?? '',
    action: answer.policy.action ?? '',
    tier: answer.policy.tier,
    assessedAt: answer.assessedAt,
  };
}
