/** The Number Verification routes' paths, schemas and OpenAPI descriptions (routes.ts mounts them). */
import { z } from 'zod';
import { PhoneNumber } from '../../../camara-specs/common.ts';
import type { OperationDoc } from '../../openapi/operation.ts';

export const NV_BASE = '/v1/number-verification';
export const SESSIONS = `${NV_BASE}/sessions`;
export const SESSION = `${SESSIONS}/:id`;
export const SESSION_START = `${SESSION}/start`;
export const CALLBACK = `${NV_BASE}/callback`;

export const CreateSessionBody = z
  .strictObject({
    phoneNumber: PhoneNumber.describe('The number the device should own, E.164 with its leading + (422 MISSING_IDENTIFIER without it)'),
    /** The app's page or deep link the device returns to, with `?session=<id>`. */
    redirectUri: z
      .string()
      .optional()
      .describe("The app's page or deep link the device returns to, with ?session=<id>: https, http on loopback, or a private-use scheme"),
  })
  .describe('Verify that the device that opens authorizationUrl owns this number');

const SessionId = z.string().describe('The session (nv_ and 22 characters)');

export const CreatedSession = z
  .object({
    sessionId: SessionId,
    /** Open this on the device, over mobile data. */
    authorizationUrl: z.url().describe('Open this on the device, over mobile data'),
    expiresAt: z.iso.datetime().describe('The device must come back by then, RFC 3339'),
  })
  .describe('The session, pending until the device comes back');

const SessionProblem = z
  .object({
    code: z.string().describe('A stable code of why the session did not end with an answer'),
    message: z.string().describe('Why, in plain words'),
    retryable: z.boolean().describe('A new session may succeed'),
  })
  .describe('Why the session failed');

export const SessionView = z
  .object({
    sessionId: SessionId,
    status: z.enum(['pending', 'verified', 'not_verified', 'failed']).describe('pending until the device comes back; then verified, not_verified or failed'),
    provider: z.string().describe('The operator that verifies'),
    createdAt: z.iso.datetime().describe('When the session was created, RFC 3339'),
    expiresAt: z.iso.datetime().describe('The device must come back by then, RFC 3339'),
    completedAt: z.iso.datetime().optional().describe('When the session ended, RFC 3339'),
    problem: SessionProblem.optional(),
  })
  .describe("A session's status (never the number)");

const CallbackQuery = z.object({
  code: z.string().optional().describe("The operator's authorization code"),
  state: z.string().optional().describe('The state the gateway sent the device with'),
  error: z.string().optional().describe("The operator's OAuth error, instead of a code"),
});

const TAG = 'number-verification';

/** From a real run of the embedded default gateway: +447700900502 is a Brightwave line, and Brightwave offers Number Verification. */
const SESSION_ID = 'nv_ITYd5Bgn6SzRgW75VDvU1g';
const SESSION_ID_PARAMETER = { id: { description: 'The sessionId of POST /v1/number-verification/sessions', example: SESSION_ID } };
const CREATED_EXAMPLE = {
  sessionId: SESSION_ID,
  authorizationUrl: `http://127.0.0.1:8080${SESSIONS}/${SESSION_ID}/start`,
  expiresAt: '2026-12-05T04:54:03.992Z',
} satisfies z.input<typeof CreatedSession>;
const SESSION_EXAMPLE = {
  sessionId: SESSION_ID,
  status: 'pending',
  provider: 'brightwave',
  createdAt: '2026-12-05T04:49:03.992Z',
  expiresAt: '2026-12-05T04:54:03.992Z',
} satisfies z.input<typeof SessionView>;
const DEVICE_PAGE = { 'text/html': { description: 'A short page for the device\'s browser' } };

export const NUMBER_VERIFICATION_OPERATIONS: readonly OperationDoc[] = [
  {
    method: 'post',
    path: SESSIONS,
    operationId: 'createNumberVerificationSession',
    summary: 'Start verifying that a device owns a number',
    description: 'Open `authorizationUrl` on the device (over mobile data), then read the session (docs/number-verification.md).',
    tag: TAG,
    access: 'apiKey',
    body: CreateSessionBody,
    bodyExample: { phoneNumber: '+447700900502' } satisfies z.input<typeof CreateSessionBody>,
    success: [
      {
        status: 201,
        description: 'The session, pending until the device comes back',
        schema: CreatedSession,
        example: CREATED_EXAMPLE,
        headers: { location: 'The session', 'cache-control': 'no-store' },
        links: {
          getNumberVerificationSession: {
            operationId: 'getNumberVerificationSession',
            parameters: { id: '$response.body#/sessionId' },
            description: "Read the session's status",
          },
        },
      },
    ],
    // INVALID_ARGUMENT: a redirectUri that is not allowed; QUOTA_EXCEEDED: no upstream call left for
    // the code exchange; the rest: no provider could start the device flow.
    errors: ['INVALID_ARGUMENT', 'MISSING_IDENTIFIER', 'IDENTIFIER_NOT_FOUND', 'SERVICE_NOT_APPLICABLE', 'QUOTA_EXCEEDED', 'TIMEOUT', 'UNAVAILABLE', 'BAD_GATEWAY'],
  },
  {
    method: 'get',
    path: SESSION,
    operationId: 'getNumberVerificationSession',
    summary: "A session's status (never the number)",
    tag: TAG,
    access: 'apiKey',
    pathParameters: SESSION_ID_PARAMETER,
    success: [{ status: 200, description: 'The session', schema: SessionView, example: SESSION_EXAMPLE, headers: { 'cache-control': 'no-store' } }],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'get',
    path: SESSION_START,
    operationId: 'startNumberVerificationOnDevice',
    summary: "The device's browser opens this: on to the operator",
    description: 'No API key: the session id is the credential. Not for API clients.',
    tag: TAG,
    access: 'public',
    pathParameters: { id: { description: 'The session, as in its authorizationUrl' } },
    success: [{ status: 302, description: "To the operator's authorization page", headers: { location: "The operator's authorization URL" } }],
    errors: ['NOT_FOUND', 'CONFLICT'],
    htmlErrors: true,
  },
  {
    method: 'get',
    path: CALLBACK,
    operationId: 'numberVerificationCallback',
    summary: 'The operator sends the device back here',
    description: 'No API key: the state is the credential. Not for API clients.',
    tag: TAG,
    access: 'public',
    query: CallbackQuery,
    success: [
      { status: 302, description: "Back to the app's redirectUri with `?session=<id>`", headers: { location: 'The app' } },
      { status: 200, description: 'A neutral "done" page (no redirectUri given)', otherMediaTypes: DEVICE_PAGE },
    ],
    errors: ['NOT_FOUND', 'CONFLICT'],
    htmlErrors: true,
  },
];
