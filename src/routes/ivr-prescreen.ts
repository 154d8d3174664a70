/**
 * POST /v1/ivr/prescreen: the inbound-call assessment for IVRs that call out to a service
 * (Amazon Connect through a Lambda, Genesys Cloud data actions, any other): the caller on the
 * line, the tenant's action, and an answer of flat string values only, as Connect's contact
 * attributes must be. Fails closed like every assessment: a check that times out never counts for
 * the caller.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { PhoneNumber } from '../../camara-specs/common.ts';
import type { OperationDoc } from '../openapi/operation.ts';
import type { AgentScreenLinker } from './agent-screen/url.ts';
import type { AssessNow } from './assessments.ts';
import type { GatewayEnv } from './http-context.ts';
import { IDENTIFIER_ERRORS, readJsonBody } from './json-body.ts';
import { ASSESSMENT_LINKS, PRESCREEN_ANSWER_EXAMPLE, PRESCREEN_REQUEST_EXAMPLE } from './assessment-examples.ts';
import { FLAT_VERDICT_FIELDS, flatVerdict } from './voice/flat-verdict.ts';

export const PrescreenRequest = z
  .strictObject({
    /** The caller id as the IVR received it (Connect: CustomerEndpoint.Address). */
    callerNumber: PhoneNumber.describe('The caller id as the IVR received it (Connect: CustomerEndpoint.Address), E.164 (422 MISSING_IDENTIFIER without it)'),
    /** The number dialled; checked, not used in the verdict. */
    calledNumber: PhoneNumber.optional().describe('The number dialled; checked, not used in the verdict'),
    /** The IVR's own id of the call (Connect ContactId, Genesys conversation id), echoed back. */
    callId: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
      .optional()
      .describe("The IVR's own id of the call (Connect ContactId, Genesys conversation id), echoed back"),
    /** One of the tenant's actions (balance_inquiry, change_address…). */
    action: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case action name such as change_address')
      .describe("One of the tenant's actions (balance_inquiry, change_address…)"),
    /** The answer comes by then; default the ivr channel's (1000 ms). */
    deadlineMs: z
      .int()
      .min(50, 'must be at least 50 (milliseconds)')
      .max(10_000, 'must be at most 10000 (milliseconds)')
      .optional()
      .describe("The verdict comes by then, in ms, 50–10000 (default: the ivr channel's, 1000)"),
  })
  .describe('The caller on the line and the action they ask for');

const FLAT_FIELD_DESCRIPTIONS: Record<(typeof FLAT_VERDICT_FIELDS)[number], string> = {
  recommendation: 'allow, step_up, specialist or deny',
  confidence: 'The confidence, 0–100, as a string',
  level: 'very_low, low, medium or high',
  reasonCodes: 'The reason codes, comma-joined ("" for none)',
  unansweredCodes: 'The codes of the checks that gave nothing usable, comma-joined ("" for none)',
  degraded: '"true" or "false"',
  assessmentId: 'The assessment (GET /v1/assessments/{id})',
  agentScreenUrl: 'The agent\'s signed link, "" when the tenant keeps no records',
  action: 'The action asked about',
  tier: 'Its risk tier',
  assessedAt: 'When the verdict was made, RFC 3339',
};

/** Every value a string ("true"/"false", "87", comma-joined codes, "" for none). */
export const PrescreenResponse = z
  .strictObject({
    ...Object.fromEntries(FLAT_VERDICT_FIELDS.map((field) => [field, z.string().describe(FLAT_FIELD_DESCRIPTIONS[field])])),
    callId: z.string().describe('The callId sent, "" when none'),
    correlator: z.string().describe("The request's x-correlator"),
  })
  .describe('The verdict, every value a string (Amazon Connect contact attributes take nothing else)') as z.ZodType<Record<string, string>>;

export const IVR_PRESCREEN_OPERATION: OperationDoc = {
  method: 'post',
  path: '/v1/ivr/prescreen',
  operationId: 'ivrPrescreen',
  summary: 'The inbound-call verdict as flat strings, for Amazon Connect, Genesys Cloud and other IVRs',
  description:
    'Assesses the caller on the line (channel ivr, inbound call) for the action. Every value of the answer is a string: ' +
    'reasonCodes comma-joined, degraded "true" or "false", agentScreenUrl "" when the tenant keeps no records. See docs/ivr.md.',
  tag: 'assessments',
  access: 'apiKey',
  body: PrescreenRequest,
  bodyExample: PRESCREEN_REQUEST_EXAMPLE,
  success: [{ status: 200, description: 'The verdict, flat', schema: PrescreenResponse, example: PRESCREEN_ANSWER_EXAMPLE, links: ASSESSMENT_LINKS }],
  errors: ['INVALID_ARGUMENT', ...IDENTIFIER_ERRORS, 'QUOTA_EXCEEDED'],
};

export function ivrPrescreenRoutes(assessNow: AssessNow, linkFor: AgentScreenLinker): Hono<GatewayEnv> {
  const routes = new Hono<GatewayEnv>();
  routes.post(IVR_PRESCREEN_OPERATION.path, async (c) => {
    const request = await readJsonBody(c, PrescreenRequest, { identifier: 'callerNumber' });
    const tenantId = c.get('tenantId');
    const answer = await assessNow(
      {
        phoneNumber: request.callerNumber,
        context: { channel: 'ivr', action: request.action, inboundCall: true },
        ...(request.deadlineMs !== undefined ? { deadlineMs: request.deadlineMs } : {}),
      },
      { tenantId, correlator: c.get('correlator'), arrivedAt: c.get('arrivedAt'), signal: c.req.raw.signal },
    );
    const agentScreenUrl = await linkFor(new URL(c.req.url).origin, tenantId, answer.assessmentId, Date.parse(answer.assessedAt));
    return c.json({ ...flatVerdict(answer, agentScreenUrl), callId: request.callId ?? '', correlator: answer.correlator }, 200, { 'cache-control': 'no-store' });
  });
  return routes;
}
