import { Hono } from 'hono';
import { assess, type AssessmentResult } from '../engine/assessment/assess.ts';
import { channelSettings } from '../engine/assessment/channels.ts';
import type { VerificationOutcome } from '../engine/assessment/evidence.ts';
import { GAP_CODES, type RiskTier } from '../engine/assessment/policy.ts';
import { PolicyBook } from '../engine/assessment/policy-book.ts';
import type { NormalizedSignal, SignalKind } from '../contract/signals.ts';
import { CamaraError } from '../errors.ts';
import type { OperationDoc } from '../openapi/operation.ts';
import type { AppDependencies, GatewayEnv } from './http-context.ts';
import { IDENTIFIER_ERRORS, readJsonBodyAndText } from './json-body.ts';
import { agentScreenLinker, type AgentScreenLinker } from './agent-screen/url.ts';
import { assessmentRecordRoutes, assessmentRecords, maskedNumber } from './assessment-records.ts';
import type { AnswerFrame, RepeatedAssessments } from './repeated-assessments.ts';
import { AssessmentRequest, AssessmentResponse, type AssessmentAnswer } from './assessment-schemas.ts';
import { ASSESSMENT_ANSWER_EXAMPLE, ASSESSMENT_LINKS, ASSESSMENT_REQUEST_EXAMPLE } from './assessment-examples.ts';
import { NO_OBSERVER, type GatewayObserver } from '../observability/observer.ts';

export const ASSESSMENT_OPERATION: OperationDoc = {
  method: 'post',
  path: '/v1/assessments',
  operationId: 'createAssessment',
  summary: 'Can this number be trusted right now, for this action?',
  description: 'Asks the checks the situation calls for in parallel under one deadline and scores them (docs/scoring.md).',
  tag: 'assessments',
  access: 'apiKey',
  body: AssessmentRequest,
  bodyExample: ASSESSMENT_REQUEST_EXAMPLE,
  success: [
    {
      status: 200,
      description: 'The verdict, with every reason and the state of every check',
      schema: AssessmentResponse,
      example: ASSESSMENT_ANSWER_EXAMPLE,
      links: ASSESSMENT_LINKS,
    },
  ],
  // INVALID_ARGUMENT: an unknown action, checks that contradict the context; QUOTA_EXCEEDED: the tenant's daily upstream cap.
  errors: ['INVALID_ARGUMENT', ...IDENTIFIER_ERRORS, 'QUOTA_EXCEEDED'],
};

const DEFAULT_KINDS: readonly SignalKind[] = ['sim_swap', 'call_forwarding', 'roaming'];

/**
 * Asked by default only where its answer can change the verdict: a risky line floors a
 * high-risk action (docs/scoring.md); below that it would cost a call and decide nothing.
 */
const DEFAULT_KINDS_OF_TIER: Readonly<Record<RiskTier, readonly SignalKind[]>> = {
  protective: [],
  low: [],
  medium: [],
  high: ['line_type'],
};

/**
 * Whether the number is calling us now. On `ivr` and `agent` a caller is on the line unless the
 * request says otherwise, so the on-hook check is never skipped by leaving the field out (a
 * spoofed caller with an idle handset would otherwise pass); on `callback` we called them, and an
 * `app` has no call.
 */
export function inboundCallOf(context: AssessmentRequest['context']): boolean {
  return context.inboundCall ?? (context.channel === 'ivr' || context.channel === 'agent');
}

function kindsFor(request: AssessmentRequest, inboundCall: boolean, tier: RiskTier): Set<SignalKind> {
  const kinds = new Set<SignalKind>([...DEFAULT_KINDS, ...DEFAULT_KINDS_OF_TIER[tier]]);
  if (inboundCall) kinds.add('call_state');
  if (request.numberVerification) kinds.add('number_verification');
  for (const kind of request.checks?.include ?? []) kinds.add(kind);
  for (const kind of request.checks?.exclude ?? []) kinds.delete(kind);
  if (kinds.has('call_state') && !inboundCall) {
    throw new CamaraError('INVALID_ARGUMENT', 'checks.include names call_state, which is read only when context.inboundCall is true.');
  }
  if (kinds.has('number_verification') && !request.numberVerification) {
    throw new CamaraError('INVALID_ARGUMENT', 'checks.include names number_verification, which needs numberVerification.sessionId.');
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

export interface AssessmentCall {
  tenantId: string;
  correlator: string;
  /** When the request arrived (epoch ms): the deadline counts from then. */
  arrivedAt: number;
  signal?: AbortSignal;
  /** The request's body as sent: a later identical body may then be answered as a repeat (repeated-assessments.ts). */
  body?: string;
}

export type AssessNow = (request: AssessmentRequest, call: AssessmentCall) => Promise<AssessmentAnswer>;

export interface AssessmentService {
  assessNow: AssessNow;
  /** assessNow(), and the answer as JSON (made once: the record is kept from it too). */
  assessWithJson: (request: AssessmentRequest, call: AssessmentCall) => Promise<AnswerWithJson>;
  /**
   * A body this tenant sent before, while its verdict is still served from the verdict cache;
   * undefined when it must be assessed in full. Finding it changes nothing: answering it does.
   */
  findRepeat: (tenantId: string, body: string) => Promise<RepeatedAssessment | undefined>;
}

export interface RepeatedAssessment {
  /** Its own answer: a new id, time and correlator, the signals' ages as they are now, its own record. */
  answer(correlator: string): AnswerWithJson;
}

/** An answer, and the same as JSON. */
export interface AnswerWithJson {
  answer: AssessmentAnswer;
  /**
   * The JSON without its closing brace, so a field can be added: built from the verdict's JSON
   * without copying it (slicing a finished JSON would first flatten it, a copy of the whole answer).
   */
  openJson: string;
}

/**
 * Runs assessments for the routes that need one: POST /v1/assessments and the voice platforms'
 * webhooks. Each verdict is kept as an assessment record (masked number, tenant's retention).
 */
export function assessmentService(
  deps: AppDependencies,
  verification: VerificationLookup,
  observer: GatewayObserver = NO_OBSERVER,
  repeats?: RepeatedAssessments,
): AssessmentService {
  const policies = new PolicyBook(deps.config);
  const defaults = deps.config.assessment;
  const records = assessmentRecords(deps, observer);
  const verdicts = deps.engine.verdicts;

  /** The answer to a verdict, in the request's frame, and as JSON; kept as the tenant's record (from the same JSON). */
  function answerOf(frame: AnswerFrame, result: AssessmentResult, correlator: string): AnswerWithJson {
    const now = Date.now();
    const { policyName, tier, action, channel, inboundCall } = frame;
    const verdict = {
      confidence: result.confidence,
      level: result.level,
      recommendation: result.recommendation,
      reasons: result.reasons.filter((reason) => !GAP_CODES.has(reason.code)).map(({ code, signal, effect, message }) => ({ code, signal, effect, message })),
      unanswered: result.reasons.filter((reason) => GAP_CODES.has(reason.code)).map(({ code, signal, message }) => ({ code, signal, message })),
      signals: result.signals.map((signal) => signalSummary(signal, now)),
      degraded: result.degraded,
      policy: { name: policyName, tier, ...(action ? { action } : {}), channel, inboundCall, decidedBy: result.decidedBy },
      correlator,
      assessedAt: new Date(now).toISOString(),
      deadlineMs: frame.deadlineMs,
    } satisfies Omit<AssessmentAnswer, 'assessmentId'>;
    const assessmentId = crypto.randomUUID();
    const verdictJson = JSON.stringify(verdict);
    const answer: AssessmentAnswer = { assessmentId, ...verdict };
    records.keep(frame.tenantId, frame.maskedNumber, answer, now, verdictJson);
    // The id leads, as in the object; a UUID needs no escaping.
    const openJson = `{"assessmentId":"${assessmentId}",${verdictJson.slice(1, -1)}`;
    return { answer, openJson };
  }

  async function assessWithJson(request: AssessmentRequest, call: AssessmentCall): Promise<AnswerWithJson> {
    const { tenantId, correlator } = call;
    const policy = policies.for(tenantId);
    const { action, riskTier, channel } = request.context;
    const inboundCall = inboundCallOf(request.context);
    const tier = riskTier ?? policy.actions.get(action!);
    if (!tier) throw new CamaraError('INVALID_ARGUMENT', `context.action "${action}" is not one of this tenant's actions: name one of them, or give context.riskTier instead.`);
    const kinds = kindsFor(request, inboundCall, tier);
    const channelDefaults = channelSettings(defaults, channel);
    const deadlineMs = request.deadlineMs ?? channelDefaults.deadlineMs;

    const verified = request.numberVerification && (await verification(tenantId, request.numberVerification.sessionId, request.phoneNumber));
    const input = {
      phoneNumber: request.phoneNumber,
      numberKey: await deps.engine.numberKeyOf(request.phoneNumber),
      tier,
      channel,
      inboundCall,
      kinds,
      maxAgeHours: request.maxAge ?? defaults.defaultMaxAgeHours,
      // Counted from the request's arrival: reading the body spent part of it.
      deadlineMs: Math.max(0, call.arrivedAt + deadlineMs - Date.now()),
      hedging: channelDefaults.hedging,
      correlator,
      verification: verified,
    };
    // A verified session is one device's proof for one call: never another request's verdict.
    const verdictKey = verified ? undefined : verdicts.keyOf(tenantId, input.numberKey, input);
    const known = verdictKey === undefined ? undefined : verdicts.get(verdictKey);
    if (verdictKey !== undefined) observer.onAssessmentCacheLookup(known ? 'hit' : 'miss');
    const result = known ?? (await assess(deps.engine, policy.scoring, tenantId, input, { signal: call.signal }));

    if (verdictKey !== undefined && !known) verdicts.keep(verdictKey, result, Date.now());
    const frame: AnswerFrame = { tenantId, policyName: policy.name, tier, action, channel, inboundCall, deadlineMs, maskedNumber: maskedNumber(request.phoneNumber) };
    if (repeats && call.body !== undefined && verdictKey !== undefined) {
      await repeats.remember(tenantId, call.body, { ...frame, verdictKey }, verdicts.freshForMs(verdictKey));
    }
    return answerOf(frame, result, correlator);
  }

  async function findRepeat(tenantId: string, body: string): Promise<RepeatedAssessment | undefined> {
    const plan = await repeats?.planFor(tenantId, body);
    const result = plan && verdicts.get(plan.verdictKey);
    if (!result) return undefined;
    return {
      answer: (correlator) => {
        observer.onAssessmentCacheLookup('hit');
        return answerOf(plan, result, correlator);
      },
    };
  }

  return { assessNow: async (request, call) => (await assessWithJson(request, call)).answer, assessWithJson, findRepeat };
}

/** The answer's JSON as POST /v1/assessments sends it: with the agent screen's link (its last field) when the tenant keeps records. */
export async function jsonWithAgentScreenUrl({ answer, openJson }: AnswerWithJson, linkTo: AgentScreenLinker, requestOrigin: string, tenantId: string): Promise<string> {
  const agentScreenUrl = await linkTo(requestOrigin, tenantId, answer.assessmentId, Date.parse(answer.assessedAt));
  return agentScreenUrl ? `${openJson},"agentScreenUrl":${JSON.stringify(agentScreenUrl)}}` : `${openJson}}`;
}

/** POST /v1/assessments: one normalized, explainable verdict for a number in a situation. */
export function assessmentRoutes(deps: AppDependencies, assessWithJson: AssessmentService['assessWithJson'], observer: GatewayObserver = NO_OBSERVER): Hono<GatewayEnv> {
  const routes = new Hono<GatewayEnv>();
  const linkTo = agentScreenLinker(deps);

  routes.post(ASSESSMENT_OPERATION.path, async (c) => {
    const { value: request, text } = await readJsonBodyAndText(c, AssessmentRequest, { identifier: 'phoneNumber' });
    const answered = await assessWithJson(request, {
      tenantId: c.get('tenantId'),
      correlator: c.get('correlator'),
      arrivedAt: c.get('arrivedAt') ?? Date.now(),
      signal: c.req.raw.signal,
      body: text,
    });
    const json = await jsonWithAgentScreenUrl(answered, linkTo, new URL(c.req.url).origin, c.get('tenantId'));
    return c.body(json, 200, { 'content-type': 'application/json' });
  });
  routes.route('/', assessmentRecordRoutes(deps, observer));

  return routes;
}
