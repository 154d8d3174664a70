/** What POST /v1/assessments takes and answers; also the shape assessment records keep. */
import { z } from 'zod';
import { PhoneNumber } from '../../camara-specs/common.ts';
import { CHANNELS, LEVELS, REASON_CODES, RECOMMENDATIONS, RISK_TIERS } from '../engine/assessment/policy.ts';
import { DECISION_CODES } from '../engine/assessment/scorer.ts';
import { OPERATION_IDS, SIGNAL_KINDS } from '../contract/signals.ts';

const SignalKind = z.enum(SIGNAL_KINDS).describe('A kind of network check');
const ReasonCode = z.enum(REASON_CODES).describe('A stable code of what a check said (docs/scoring.md)');
const Recommendation = z.enum(RECOMMENDATIONS).describe('What to do: allow, step_up (verify the caller another way), specialist, deny');
const Channel = z.enum(CHANNELS).describe('Where the customer is: ivr, agent (on a call with an agent), app, callback (we call them)');
const RiskTier = z.enum(RISK_TIERS).describe('How much is at stake: protective, low, medium, high');

export const AssessmentRequest = z
  .strictObject({
    phoneNumber: PhoneNumber.describe('The number to assess, E.164 with its leading + (422 MISSING_IDENTIFIER without it)'),
    context: z
      .strictObject({
        channel: Channel,
        /** A named action of the tenant (balance_inquiry, change_address…); or give riskTier. */
        action: z
          .string()
          .regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case action name such as change_address')
          .optional()
          .describe("One of the tenant's actions (balance_inquiry, change_address…), which names its risk tier; give it or riskTier, not both"),
        riskTier: RiskTier.optional().describe('The risk tier, when no action is named; give it or action, not both'),
        /**
         * The number is calling us right now: the on-hook check tells whether the caller ID is real.
         * Default: true on `ivr` and `agent` (a caller is on the line), false on `app` and `callback`.
         */
        inboundCall: z
          .boolean()
          .optional()
          .describe('The number is calling us right now, so the on-hook check tells whether the caller ID is real; default true on ivr and agent, false on app and callback'),
      })
      .refine((context) => (context.action === undefined) !== (context.riskTier === undefined), {
        message: 'must give exactly one of action and riskTier',
      })
      .describe('The situation: the channel, and the action (or risk tier) the customer asks for'),
    checks: z
      .strictObject({
        include: z.array(SignalKind).optional().describe('Checks to ask besides the defaults (sim_swap, call_forwarding, roaming, and call_state on an inbound call)'),
        exclude: z.array(SignalKind).optional().describe('Default checks to leave out'),
      })
      .optional()
      .describe('Which network checks to ask, beyond the defaults'),
    /** SIM swap check look-back, hours (default: the tier's SIM swap window: 24 h low, 7 days medium, 30 days high). */
    maxAge: z
      .int()
      .min(1, 'must be at least 1 (hours)')
      .max(2400, 'must be at most 2400 (hours)')
      .optional()
      .describe("The SIM swap look-back in hours, 1–2400 (default: the config's assessment.defaultMaxAgeHours, else the tier's window: 24 h low, 7 days medium, 30 days high)"),
    /** The answer comes by then, with what is known (default per channel: ivr 1000, agent 2000, app and callback 2500). */
    deadlineMs: z
      .int()
      .min(50, 'must be at least 50 (milliseconds)')
      .max(10_000, 'must be at most 10000 (milliseconds)')
      .optional()
      .describe('The verdict comes by then with what is known, in ms, 50–10000 (default per channel: ivr 1000, agent 2000, app and callback 2500)'),
    /** A Number Verification session the app completed for this number (POST /v1/number-verification/sessions). */
    numberVerification: z
      .strictObject({ sessionId: z.string().min(1).max(128).describe('The sessionId of POST /v1/number-verification/sessions') })
      .optional()
      .describe('A Number Verification session the app completed for this number'),
  })
  .describe('Can this number be trusted right now, for this action?');
export type AssessmentRequest = z.output<typeof AssessmentRequest>;

export const AssessmentResponse = z
  .object({
    assessmentId: z.uuid().describe('The verdict\'s id: GET /v1/assessments/{id} reads it again, POST …/outcome tells what the call turned out to be'),
    /** 0–100: how far the network's answers support trusting the number now. */
    confidence: z.int().min(0).max(100).describe("0–100: how far the network's answers support trusting the number now"),
    /** On the scale of the tier asked: high where it allows, medium where it steps up (never contradicts the score's answer). */
    level: z.enum(LEVELS).describe('The confidence on the scale of the tier asked: high where it allows, medium where it steps up'),
    recommendation: Recommendation,
    /** What the network's answers said, and by how much each moved the confidence. */
    reasons: z
      .array(
        z
          .object({
            code: ReasonCode,
            signal: SignalKind,
            effect: z.number().describe('Points this reason moved the confidence by'),
            message: z.string().describe('The reason in plain words'),
          })
          .describe('What one check said'),
      )
      .describe("What the network's answers said, and by how much each moved the confidence"),
    /** Checks that gave nothing usable (failed, unsupported, unknown number, not covered): no effect, never reassuring. */
    unanswered: z
      .array(
        z
          .object({ code: ReasonCode, signal: SignalKind, message: z.string().describe('Why the check gave nothing usable') })
          .describe('A check that gave nothing usable'),
      )
      .describe('Checks that gave nothing usable (failed, unsupported, unknown number, not covered): no effect, never reassuring'),
    /** What was asked and how it went; never a signal's value. */
    signals: z
      .array(
        z
          .object({
            kind: SignalKind,
            operation: z.enum(OPERATION_IDS).describe('The provider operation asked'),
            status: z.enum(['ok', 'not_supported', 'not_found', 'unavailable', 'error']).describe('How the check went'),
            provider: z.string().describe('The provider that answered'),
            ageSeconds: z.int().min(0).describe('How old the answer was, in seconds'),
            cached: z.boolean().describe('The answer came from the cache'),
            latencyMs: z.number().describe('How long the check took, in ms'),
          })
          .describe('One check: what was asked and how it went'),
      )
      .describe("What was asked and how it went; never a signal's value"),
    /** A check that was asked for failed or timed out, or a fallback provider answered. */
    degraded: z.boolean().describe('A check that was asked for failed or timed out, or a fallback provider answered'),
    policy: z
      .object({
        name: z.string().describe("The tenant's policy"),
        tier: RiskTier,
        action: z.string().optional().describe('The action asked about, when one was named'),
        channel: Channel,
        inboundCall: z.boolean().describe('Whether the number was taken to be calling us'),
        /** Each step that set the recommendation, in order, by a stable code. */
        decidedBy: z
          .array(
            z
              .object({
                code: z.enum(DECISION_CODES).describe('A stable code of the step'),
                recommendation: Recommendation,
                message: z.string().describe('The step in plain words'),
                reason: ReasonCode.optional(),
                signals: z.array(SignalKind).optional().describe('The checks the step turned on'),
              })
              .describe('One step that set the recommendation'),
          )
          .describe('Each step that set the recommendation, in order'),
      })
      .describe('The policy that decided'),
    correlator: z.string().describe("The request's x-correlator"),
    assessedAt: z.iso.datetime().describe('When the verdict was made, RFC 3339'),
    deadlineMs: z.int().describe('The deadline the verdict was made under, in ms'),
    /** The agent's screen of this verdict: a signed link, valid for agentScreen.linkTtlSeconds; absent when the tenant keeps no records. */
    agentScreenUrl: z
      .url()
      .optional()
      .describe("The agent's screen of this verdict: a signed link, valid for agentScreen.linkTtlSeconds; absent when the tenant keeps no records"),
  })
  .describe('The verdict, with every reason and the state of every check');

/** One verdict as answered: AssessmentResponse's input side. */
export type AssessmentAnswer = z.input<typeof AssessmentResponse>;
