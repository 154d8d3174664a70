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
import { FLAT_VERDICT_FIELDS, flatVerdict } from './voice/flat-verdict.ts';

export const PrescreenRequest = z.strictObject({
  /** The caller id as the IVR received it (Connect: CustomerEndpoint.Address). */
  callerNumber: PhoneNumber,
  /** The number dialled; checked, not used in the verdict. */
  calledNumber: PhoneNumber.optional(),
  /** The IVR's own id of the call (Connect ContactId, Genesys conversation id), echoed back. */
  callId: z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces').optional(),
  /** One of the tenant's actions (balance_inquiry, change_address…). */
  action: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case action name such as change_address'),
  /** The answer comes by then; default the ivr channel's (1000 ms). */
  deadlineMs: z.int().min(50, 'must be at least 50 (milliseconds)').max(10_000, 'must be at most 10000 (milliseconds)').optional(),
});

/** Every value a string ("true"/"false", "87", comma-joined codes, "" for none). */
export const PrescreenResponse = z.strictObject({
  ...Object.fromEntries(FLAT_VERDICT_FIELDS.map((field) => [field, z.string()])),
  callId: z.string(),
  correlator: z.string(),
}) as z.ZodType<Record<string, string>>;

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
  success: [{ status: 200, description: 'The verdict, flat', schema: PrescreenResponse }],
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
