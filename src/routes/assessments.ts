import { Hono } from 'hono';
import { z } from 'zod';
import { PhoneNumber } from '../../camara-specs/common.ts';
import { assess } from '../engine/assessment/assess.ts';
import { channelSettings } from '../engine/assessment/channels.ts';
import type { VerificationOutcome } from '../engine/assessment/evidence.ts';
import { CHANNELS, GAP_CODES, LEVELS, REASON_CODES, RECOMMENDATIONS, RISK_TIERS } from '../engine/assessment/policy.ts';
import { DECISION_CODES } from '../engine/assessment/scorer.ts';
import { PolicyBook } from '../engine/assessment/policy-book.ts';
import { OPERATION_IDS, SIGNAL_KINDS, type NormalizedSignal, type SignalKind } from '../contract/signals.ts';
import { CamaraError } from '../errors.ts';
import type { OperationDoc } from '../openapi/operation.ts';
import type { AppDependencies, GatewayEnv } from './http-context.ts';
import { readJsonBody } from './json-body.ts';
import { leftOfBudget } from './request-clock.ts';

export const AssessmentRequest = z.strictObject({
  phoneNumber: PhoneNumber,
  context: z
    .strictObject({
      channel: z.enum(CHANNELS),
      /** A named action of the tenant (balance_inquiry, change_address…); or give riskTier. */
      action: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case action name').optional(),
      riskTier: z.enum(RISK_TIERS).optional(),
      /**
       * The number is calling us right now: the on-hook check tells whether the caller ID is real.
       * Default: true on `ivr` and `agent` (a caller is on the line), false on `app` and `callback`.
       */
      inboundCall: z.boolean().optional(),
    })
    .refine((context) => (context.action === undefined) !== (context.riskTier === undefined), {
      message: 'give exactly one of action and riskTier',
    }),
  checks: z
    .strictObject({ include: z.array(z.enum(SIGNAL_KINDS)).optional(), exclude: z.array(z.enum(SIGNAL_KINDS)).optional() })
    .optional(),
  /** SIM swap check look-back, hours (default: the tier's SIM swap window: 24 h low, 7 days medium, 30 days high). */
  maxAge: z.int().min(1, 'must be at least 1 (hours)').max(2400, 'must be at most 2400 (hours)').optional(),
  /** The answer comes by then, with what is known (default per channel: ivr 1000, agent 2000, app and callback 2500). */
  deadlineMs: z.int().min(50).max(10_000).optional(),
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
});

export const ASSESSMENT_OPERATION: OperationDoc = {
  method: 'post',
  path: '/v1/assessments',
  operationId: 'createAssessment',
  summary: 'Can this number be trusted right now, for this action?',
  description: 'Asks the checks the situation calls for in parallel under one deadline and scores them (docs/scoring.md).',
  tag: 'assessments',
  access: 'apiKey',
  body: AssessmentRequest,
  success: [{ status: 200, description: 'The verdict, with every reason and the state of every check', schema: AssessmentResponse }],
  // INVALID_ARGUMENT: an unknown action, checks that contradict the context; QUOTA_EXCEEDED: the tenant's daily upstream cap.
  errors: ['INVALID_ARGUMENT', 'QUOTA_EXCEEDED'],
};

const DEFAULT_KINDS: readonly SignalKind[] = ['sim_swap', 'call_forwarding', 'roaming'];

/**
 * Whether the number is calling us now. On `ivr` and `agent` a caller is on the line unless the
 * request says otherwise, so the on-hook check is never skipped by leaving the field out (a
 * spoofed caller with an idle handset would otherwise pass); on `callback` we called them, and an
 * `app` has no call.
 */
export function inboundCallOf(context: AssessmentRequest['context']): boolean {
  return context.inboundCall ?? (context.channel === 'ivr' || context.channel === 'agent');
}

function kindsFor(request: AssessmentRequest, inboundCall: boolean): Set<SignalKind> {
  const kinds = new Set<SignalKind>(DEFAULT_KINDS);
  if (inboundCall) kinds.add('call_state');
  if (request.numberVerification) kinds.add('number_verification');
  for (const kind of request.checks?.include ?? []) kinds.add(kind);
  for (const kind of request.checks?.exclude ?? []) kinds.delete(kind);
  if (kinds.has('call_state') && !inboundCall) {
    throw new CamaraError('INVALID_ARGUMENT', 'call_state is read only when context.inboundCall is true');
  }
  if (kinds.has('number_verification') && !request.numberVerification) {
    throw new CamaraError('INVALID_ARGUMENT', 'number_verification needs numberVerification.sessionId');
  }
  return kinds;
}

/** What the response says about a signal: never its value (no dates, places or peers the client did not send). */
function signalSummary(signal: NormalizedSignal, now: number) {
  return {
    kind: signal.kind,
    operation: signal.operation,
    status: signal.status,
    provider: signal.provider,
    ageSeconds: Math.max(0, Math.round((now - Date.parse(signal.observedAt)) / 1000)),
    cached: signal.cached,
    latencyMs: signal.latencyMs,
  };
}

export type VerificationLookup = (tenantId: string, sessionId: string, phoneNumber: string) => Promise<{ outcome: VerificationOutcome; detail: string }>;

/** POST /v1/assessments: one normalized, explainable verdict for a number in a situation. */
export function assessmentRoutes(deps: AppDependencies, verification: VerificationLookup): Hono<GatewayEnv> {
  const routes = new Hono<GatewayEnv>();
  const policies = new PolicyBook(deps.config);
  const defaults = deps.config.assessment;

  routes.post(ASSESSMENT_OPERATION.path, async (c) => {
    const request = await readJsonBody(c, AssessmentRequest);
    const tenantId = c.get('tenantId');
    const policy = policies.for(tenantId);
    const { action, riskTier, channel } = request.context;
    const inboundCall = inboundCallOf(request.context);
    const tier = riskTier ?? policy.actions.get(action!);
    if (!tier) throw new CamaraError('INVALID_ARGUMENT', `Unknown action "${action}": name one of this tenant's actions or give riskTier`);
    const kinds = kindsFor(request, inboundCall);
    const channelDefaults = channelSettings(defaults, channel);
    const deadlineMs = request.deadlineMs ?? channelDefaults.deadlineMs;

    const verified = request.numberVerification && (await verification(tenantId, request.numberVerification.sessionId, request.phoneNumber));
    const result = await assess(deps.engine, policy.scoring, tenantId, {
      phoneNumber: request.phoneNumber,
      tier,
      channel,
      inboundCall,
      kinds,
      maxAgeHours: request.maxAge ?? defaults.defaultMaxAgeHours,
      // Counted from the request's arrival: reading the body spent part of it.
      deadlineMs: leftOfBudget(c, deadlineMs),
      hedging: channelDefaults.hedging,
      correlator: c.get('correlator'),
      verification: verified,
    }, { signal: c.req.raw.signal });

    const now = Date.now();
    return c.json({
      assessmentId: crypto.randomUUID(),
      confidence: result.confidence,
      level: result.level,
      recommendation: result.recommendation,
      reasons: result.reasons.filter((reason) => !GAP_CODES.has(reason.code)).map(({ code, signal, effect, message }) => ({ code, signal, effect, message })),
      unanswered: result.reasons.filter((reason) => GAP_CODES.has(reason.code)).map(({ code, signal, message }) => ({ code, signal, message })),
      signals: result.signals.map((signal) => signalSummary(signal, now)),
      degraded: result.degraded,
      policy: { name: policy.name, tier, ...(action ? { action } : {}), channel, inboundCall, decidedBy: result.decidedBy },
      correlator: c.get('correlator'),
      assessedAt: new Date(now).toISOString(),
      deadlineMs,
    } satisfies z.input<typeof AssessmentResponse>);
  });

  return routes;
}
