/**
 * Assessment records: every verdict kept for the tenant's retention (24 h by default) in the
 * shared state, so it can be read again after the call (GET /v1/assessments/{id}, the agent's
 * screen) and told what the call turned out to be (POST /v1/assessments/{id}/outcome). A record
 * holds the verdict as answered and the number masked to its last two digits, never whole.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { runInBackground } from '../contract/request-scope.ts';
import { CamaraError } from '../errors.ts';
import type { GatewayObserver } from '../observability/observer.ts';
import type { OperationDoc } from '../openapi/operation.ts';
import { CALL_OUTCOMES, type AssessmentRecord, type CallOutcome } from '../shared-state/port.ts';
import { withinTimeReported } from '../shared-state/within-time.ts';
import { AssessmentResponse, type AssessmentAnswer } from './assessment-schemas.ts';
import type { AppDependencies, GatewayEnv } from './http-context.ts';
import { readJsonBody } from './json-body.ts';
import { agentScreenLinker } from './agent-screen/url.ts';
import { ASSESSMENT_ID_PARAMETER, OUTCOME_REQUEST_EXAMPLE, RECORD_EXAMPLE, RECORD_WITH_OUTCOME_EXAMPLE } from './assessment-examples.ts';

export const DEFAULT_RECORD_RETENTION_SECONDS = 86_400;

/** Writes nobody waits for may take longer than a read, but not forever. */
const WRITE_TIMEOUT_FACTOR = 5;

/** The last two digits, the rest hidden behind a fixed-length mask (the length tells nothing either). */
export function maskedNumber(phoneNumber: string): string {
  return `••••••••${phoneNumber.slice(-2)}`;
}

const StoredVerdict = AssessmentResponse.omit({ assessmentId: true });

const CallOutcome = z.enum(CALL_OUTCOMES).describe('What the call turned out to be: fraud confirmed by an investigation, suspected, a genuine customer, or not known');

export const AssessmentRecordView = AssessmentResponse.extend({
  /** The number asked about, its last two digits only. */
  maskedNumber: z.string().describe('The number asked about, its last two digits only'),
  /** The record is forgotten then. */
  expiresAt: z.iso.datetime().describe('The record is forgotten then, RFC 3339'),
  /** What the call turned out to be, once the tenant said so. */
  outcome: z
    .object({ outcome: CallOutcome, recordedAt: z.iso.datetime().describe('When it was recorded, RFC 3339') })
    .optional()
    .describe('What the call turned out to be, once the tenant said so'),
}).describe('An earlier verdict as answered, with the masked number and any recorded outcome');

export const OutcomeRequest = z
  .strictObject({
    /** What the call turned out to be: fraud confirmed by an investigation, suspected, a genuine customer, or not known. */
    outcome: CallOutcome,
  })
  .describe('What the assessed call turned out to be (recorded once)');

const RECORD_PATH = '/v1/assessments/:id';
const OUTCOME_PATH = '/v1/assessments/:id/outcome';

export const ASSESSMENT_RECORD_OPERATIONS: readonly OperationDoc[] = [
  {
    method: 'get',
    path: RECORD_PATH,
    operationId: 'getAssessment',
    summary: 'An earlier verdict, for the tenant that asked it',
    description: "Kept for the tenant's recordRetentionSeconds (24 h by default); the number is masked to its last two digits.",
    tag: 'assessments',
    access: 'apiKey',
    pathParameters: ASSESSMENT_ID_PARAMETER,
    success: [
      {
        status: 200,
        description: 'The verdict as answered, with the masked number and any recorded outcome',
        schema: AssessmentRecordView,
        example: RECORD_EXAMPLE,
      },
    ],
    errors: ['NOT_FOUND', 'UNAVAILABLE'],
  },
  {
    method: 'post',
    path: OUTCOME_PATH,
    operationId: 'recordAssessmentOutcome',
    summary: 'What the assessed call turned out to be',
    description: 'Recorded once (the same outcome again is accepted; another one is a conflict) and counted by reason code in numtrust_assessment_outcomes_total.',
    tag: 'assessments',
    access: 'apiKey',
    pathParameters: ASSESSMENT_ID_PARAMETER,
    body: OutcomeRequest,
    bodyExample: OUTCOME_REQUEST_EXAMPLE,
    success: [{ status: 200, description: 'The record with its outcome', schema: AssessmentRecordView, example: RECORD_WITH_OUTCOME_EXAMPLE }],
    errors: ['NOT_FOUND', 'CONFLICT', 'UNAVAILABLE'],
  },
];

export function viewOf(record: AssessmentRecord): z.input<typeof AssessmentRecordView> | undefined {
  const verdict = StoredVerdict.safeParse(record.verdict);
  if (!verdict.success) return undefined;
  return {
    ...verdict.data,
    assessmentId: record.id,
    maskedNumber: record.maskedNumber,
    expiresAt: new Date(record.retainUntil).toISOString(),
    ...(record.outcome ? { outcome: { outcome: record.outcome.outcome, recordedAt: new Date(record.outcome.recordedAt).toISOString() } } : {}),
  };
}

function reasonCodesOf(record: AssessmentRecord): string[] {
  const verdict = StoredVerdict.safeParse(record.verdict);
  return verdict.success ? verdict.data.reasons.map((reason) => reason.code) : [];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Keeps each verdict, and reads records back for one tenant (another tenant's is as unknown as a missing one). */
export function assessmentRecords(deps: AppDependencies, observer: GatewayObserver) {
  const { records, sessionTimeoutMs } = deps.sharedState;
  const retention = new Map(deps.config.tenants.map((tenant) => [tenant.id, tenant.recordRetentionSeconds ?? DEFAULT_RECORD_RETENTION_SECONDS]));

  const bounded = <T>(work: Promise<T>, ms = sessionTimeoutMs): Promise<T> =>
    withinTimeReported(work, ms, 'the record store', () => observer.onSharedStateFailure('records'));

  /** In the background: the verdict is answered whether or not the store keeps it. */
  function keep(tenantId: string, maskedNumber: string, answer: AssessmentAnswer, now: number, verdictJson?: string): void {
    observer.onAssessment(tenantId, answer.recommendation, answer.reasons.map((reason) => reason.code));
    const seconds = retention.get(tenantId) ?? DEFAULT_RECORD_RETENTION_SECONDS;
    if (seconds === 0) return;
    const { assessmentId, ...verdict } = answer;
    const record: AssessmentRecord = {
      id: assessmentId,
      tenantId,
      maskedNumber,
      assessedAt: now,
      retainUntil: now + seconds * 1000,
      verdict,
    };
    const written = records.put(record, verdictJson);
    if (written) runInBackground(bounded(written, sessionTimeoutMs * WRITE_TIMEOUT_FACTOR));
  }

  /** The tenant's record; throws NOT_FOUND when there is none, UNAVAILABLE when the store does not answer. */
  async function read(tenantId: string, id: string): Promise<AssessmentRecord> {
    if (!UUID.test(id)) throw notFound();
    const record = await guarded(records.get(id));
    if (!record || record.tenantId !== tenantId) throw notFound();
    return record;
  }

  async function guarded<T>(work: Promise<T>): Promise<T> {
    try {
      return await bounded(work);
    } catch {
      throw new CamaraError('UNAVAILABLE', 'Assessment records cannot be reached right now; try again shortly.', { retryAfterSeconds: 1 });
    }
  }

  /** Records what the call turned out to be, once (the same again is accepted; another one is a CONFLICT). */
  async function recordOutcome(record: AssessmentRecord, outcome: CallOutcome): Promise<AssessmentRecord> {
    const set = await guarded(records.setOutcome(record.id, { outcome, recordedAt: Date.now() }));
    if (!set) throw notFound();
    const kept = set.record.outcome?.outcome;
    if (kept !== outcome) {
      throw new CamaraError('CONFLICT', `An outcome was already recorded for this assessment (${kept}); it is recorded once.`);
    }
    if (set.first) observer.onAssessmentOutcome(record.tenantId, outcome, reasonCodesOf(set.record));
    return set.record;
  }

  return { keep, read, guarded, recordOutcome };
}

function notFound(): CamaraError {
  return new CamaraError('NOT_FOUND', 'No such assessment: unknown, of another tenant, or past its retention.');
}

export function assessmentRecordRoutes(deps: AppDependencies, observer: GatewayObserver): Hono<GatewayEnv> {
  const routes = new Hono<GatewayEnv>();
  const store = assessmentRecords(deps, observer);

  const linkTo = agentScreenLinker(deps);
  const answer = async (c: Context<GatewayEnv>, record: AssessmentRecord) => {
    const view = viewOf(record);
    if (!view) throw notFound();
    const agentScreenUrl = await linkTo(new URL(c.req.url).origin, record.tenantId, record.id, record.assessedAt);
    return c.json({ ...view, ...(agentScreenUrl ? { agentScreenUrl } : {}) }, 200, { 'cache-control': 'no-store' });
  };

  routes.get(RECORD_PATH, async (c) => {
    const record = await store.read(c.get('tenantId'), c.req.param('id'));
    return answer(c, record);
  });

  routes.post(OUTCOME_PATH, async (c) => {
    const { outcome } = await readJsonBody(c, OutcomeRequest);
    const record = await store.read(c.get('tenantId'), c.req.param('id'));
    return answer(c, await store.recordOutcome(record, outcome));
  });

  return routes;
}
