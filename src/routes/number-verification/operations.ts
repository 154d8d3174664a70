/** The Number Verification routes' paths, schemas and OpenAPI descriptions (routes.ts mounts them). */
import { z } from 'zod';
import { PhoneNumber } from '../../../camara-specs/common.ts';
import type { OperationDoc } from '../../openapi/operation.ts';

export const NV_BASE = '/v1/number-verification';
export const SESSIONS = `${NV_BASE}/sessions`;
export const SESSION = `${SESSIONS}/:id`;
export const SESSION_START = `${SESSION}/start`;
export const CALLBACK = `${NV_BASE}/callback`;

export const CreateSessionBody = z.strictObject({
  phoneNumber: PhoneNumber,
  /** The app's page or deep link the device returns to, with `?session=<id>`. */
  redirectUri: z.string().optional(),
});

export const CreatedSession = z.object({
  sessionId: z.string(),
  /** Open this on the device, over mobile data. */
  authorizationUrl: z.url(),
  expiresAt: z.iso.datetime(),
});

const SessionProblem = z.object({ code: z.string(), message: z.string(), retryable: z.boolean() });

export const SessionView = z.object({
  sessionId: z.string(),
  status: z.enum(['pending', 'verified', 'not_verified', 'failed']),
  provider: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  completedAt: z.iso.datetime().optional(),
  problem: SessionProblem.optional(),
});

const CallbackQuery = z.object({
  code: z.string().optional(),
  state: z.string().optional(),
  error: z.string().optional(),
});

const TAG = 'number-verification';
const DEVICE_PAGE = ['text/html'];

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
    success: [
      {
        status: 201,
        description: 'The session, pending until the device comes back',
        schema: CreatedSession,
        headers: { location: 'The session', 'cache-control': 'no-store' },
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
    success: [{ status: 200, description: 'The session', schema: SessionView, headers: { 'cache-control': 'no-store' } }],
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
