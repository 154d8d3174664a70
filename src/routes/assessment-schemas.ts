/** What POST /v1/assessments takes and answers; also the shape assessment records keep. */
import { z } from 'zod';
import { PhoneNumber } from '../../camara-specs/common.ts';
import { CHANNELS, LEVELS, REASON_CODES, RECOMMENDATIONS, RISK_TIERS } from '../engine/assessment/policy.ts';
import { DECISION_CODES } from '../engine/assessment/scorer.ts';
import { OPERATION_IDS, SIGNAL_KINDS } from '../contract/signals.ts';

export const AssessmentRequest = z.strictObject({
  phoneNumber: PhoneNumber,
  context: z
    .strictObject({
      channel: z.enum(CHANNELS),
      /** A named action of the tenant (balance_inquiry, change_address…); or give riskTier. */
      action: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case action name such as change_address').optional(),
      riskTier: z.enum(RISK_TIERS).optional(),
      /**
       * The number is calling us right now: the on-hook check tells whether the caller ID is real.
       * Default: true on `ivr` and `agent` (a caller is on the line), false on `app` and `callback`.
       */
      inboundCall: z.boolean().optional(),
    })
    .refine((context) => (context.action === undefined) !== (context.riskTier === undefined), {
      message: 'must give exactly one of action and riskTier',
    }),
  checks: z
    .strictObject({ include: z.array(z.enum(SIGNAL_KINDS)).optional(), exclude: z.array(z.enum(SIGNAL_KINDS)).optional() })
    .optional(),
  /** SIM swap check look-back, hours (default: the tier's SIM swap window: 24 h low, 7 days medium, 30 days high). */
  maxAge: z.int().min(1, 'must be at least 1 (hours)').max(2400, 'must be at most 2400 (hours)').optional(),
  /** The answer comes by then, with what is known (default per channel: ivr 1000, agent 2000, app and callback 2500). */
  deadlineMs: z.int().min(50, 'must be at least 50 (milliseconds)').max(10_000, 'must be at most 10000 (milliseconds)').optional(),
  /** A Number Verification session the app completed for this number (POST /v1/number-verification/sessions). */
  numberVerification: z.strictObject({ sessionId: z.string().min(1).max(128) }).optional(),
});
export type AssessmentRequest = z.output<typeof AssessmentRequest>;

export const AssessmentResponse = z.object({
  assessmentId: z.uuid(),
  /** 0–100: how far the network's answers support trusting the number now. */
  confidence: z.int().min(0).max(100),
  /** On the scale of the tier asked: high where it allows, medium where it steps up (never contradicts the score's answer). */
  level: z.enum(LEVELS),
  recommendation: z.enum(RECOMMENDATIONS),
  /** What the network's answers said, and by how much each moved the confidence. */
  reasons: z.array(
    z.object({ code: z.enum(REASON_CODES), signal: z.enum(SIGNAL_KINDS), effect: z.number(), message: z.string() }),
  ),
  /** Checks that gave nothing usable (failed, unsupported, unknown number, not covered): no effect, never reassuring. */
  unanswered: z.array(z.object({ code: z.enum(REASON_CODES), signal: z.enum(SIGNAL_KINDS), message: z.string() })),
  /** What was asked and how it went; never a signal's value. */
  signals: z.array(
    z.object({
      kind: z.enum(SIGNAL_KINDS),
      operation: z.enum(OPERATION_IDS),
      status: z.enum(['ok', 'not_supported', 'not_found', 'unavailable', 'error']),
      provider: z.string(),
      ageSeconds: z.int().min(0),
      cached: z.boolean(),
      latencyMs: z.number(),
    }),
  ),
  /** A check that was asked for failed or timed out, or a fallback provider answered. */
  degraded: z.boolean(),
  policy: z.object({
    name: z.string(),
    tier: z.enum(RISK_TIERS),
    action: z.string().optional(),
    channel: z.enum(CHANNELS),
    inboundCall: z.boolean(),
    /** Each step that set the recommendation, in order, by a stable code. */
    decidedBy: z.array(
      z.object({
        code: z.enum(DECISION_CODES),
        recommendation: z.enum(RECOMMENDATIONS),
        message: z.string(),
        reason: z.enum(REASON_CODES).optional(),
        signals: z.array(z.enum(SIGNAL_KINDS)).optional(),
      }),
    ),
  }),
  correlator: z.string(),
  assessedAt: z.iso.datetime(),
  deadlineMs: z.int(),
  /** The agent's screen of this verdict: a signed link, valid for agentScreen.linkTtlSeconds; absent when the tenant keeps no records. */
  agentScreenUrl: z.url().optional(),
});

/** One verdict as answered: AssessmentResponse's input side. */
export type AssessmentAnswer = z.input<typeof AssessmentResponse>;
