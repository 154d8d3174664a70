import { randomUUID } from 'node:crypto';
import type { Context, Handler, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { Subscriber } from '../../world/subscriber.ts';
import type { World } from '../../world/world.ts';
import type { AccessTokenRecord, OperatorState } from './state.ts';

/**
 * What every mock CAMARA API shares: the x-correlator contract, the `{status, code, message}`
 * error shape, bearer-token checks and the rules that say which phone number a request is about.
 */

/** x-correlator patterns by Commonalities release; null = unconstrained (before 0.5). */
export const X_CORRELATOR_PATTERNS = {
  'commonalities-0.6': /^[a-zA-Z0-9-_:;.\/<>{}]{0,256}$/,
  'commonalities-0.5': /^[a-zA-Z0-9-]{0,55}$/,
  'commonalities-0.4': null,
} as const;
export type CorrelatorRule = keyof typeof X_CORRELATOR_PATTERNS;

export class CamaraProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string> | undefined;

  constructor(status: number, code: string, message: string, headers?: Record<string, string>) {
    super(message);
    this.name = 'CamaraProblem';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export function camaraErrorResponse(
  c: Context,
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): Response {
  return c.json({ status, code, message }, status as 400, headers);
}

const CODE_FOR_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  410: 'GONE',
  412: 'FAILED_PRECONDITION',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'SERVICE_NOT_APPLICABLE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  502: 'BAD_GATEWAY',
  503: 'UNAVAILABLE',
  504: 'TIMEOUT',
};

/** Injected status faults on API endpoints: the CAMARA code that goes with the status. */
export function camaraFaultResponse(c: Context, status: number, message: string): Response {
  const code = CODE_FOR_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT');
  return camaraErrorResponse(c, status, code, message);
}

/** Turns a thrown CamaraProblem into its error response. */
export function camaraHandler(handler: (c: Context) => Promise<Response>): Handler {
  return async (c) => {
    try {
      return await handler(c);
    } catch (error) {
      if (error instanceof CamaraProblem) return camaraErrorResponse(c, error.status, error.code, error.message, error.headers);
      throw error;
    }
  };
}

/**
 * Validates x-correlator per the API version's Commonalities release and echoes it unchanged on
 * every response, errors and injected faults included; generates one when absent or empty.
 */
export function xCorrelator(rule: CorrelatorRule): MiddlewareHandler {
  const pattern = X_CORRELATOR_PATTERNS[rule];
  return async (c, next) => {
    const sent = c.req.header('x-correlator');
    const value = sent ? sent : randomUUID();
    if (sent && pattern && !pattern.test(sent)) {
      const response = camaraErrorResponse(c, 400, 'INVALID_ARGUMENT', `x-correlator must match ${pattern.source}`);
      response.headers.set('x-correlator', value);
      return response;
    }
    await next();
    c.res.headers.set('x-correlator', value);
  };
}

/** The valid access token of the request, carrying one of `anyOfScopes`; else 401 / 403. */
export function requireToken(c: Context, state: OperatorState, now: number, anyOfScopes: readonly string[]): AccessTokenRecord {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  const record = match ? state.findAccessToken(match[1]!, now) : undefined;
  if (!record) {
    throw new CamaraProblem(
      401,
      'UNAUTHENTICATED',
      'Request not authenticated due to missing, invalid, or expired credentials. A new authentication is required.',
      { 'www-authenticate': match ? 'Bearer error="invalid_token"' : 'Bearer' },
    );
  }
  if (!anyOfScopes.some((scope) => record.apiScopes.has(scope))) {
    throw new CamaraProblem(403, 'PERMISSION_DENIED', 'Client does not have sufficient permissions to perform this action.');
  }
  return record;
}

/** Parses the required JSON body against the operation's schema; every failure is 400 INVALID_ARGUMENT. */
export async function readJsonBody<Schema extends z.ZodType>(c: Context, schema: Schema): Promise<z.output<Schema>> {
  const type = c.req.header('content-type');
  if (type !== undefined && !/^application\/([a-z0-9.+-]*\+)?json\b/i.test(type)) {
    throw new CamaraProblem(415, 'UNSUPPORTED_MEDIA_TYPE', 'request body must be application/json');
  }
  const text = await c.req.text();
  if (!text.trim()) throw new CamaraProblem(400, 'INVALID_ARGUMENT', 'request body is required');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CamaraProblem(400, 'INVALID_ARGUMENT', 'request body is not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
      .join('; ');
    throw new CamaraProblem(400, 'INVALID_ARGUMENT', `Client specified an invalid argument, request body or query param: ${detail}`);
  }
  return parsed.data;
}

/**
 * Which line a request is about.
 * - `exclusive` (Commonalities 0.5+, e.g. SIM Swap v2): a 3-legged token identifies the line and a
 *   body identifier is refused even when equal (422 UNNECESSARY_IDENTIFIER); a 2-legged token needs
 *   one (422 MISSING_IDENTIFIER).
 * - `confirming` (older releases, e.g. SIM Swap v1): a body identifier may accompany a 3-legged
 *   token but must match it (403 INVALID_TOKEN_CONTEXT); neither → 422 UNIDENTIFIABLE_PHONE_NUMBER.
 */
export type IdentificationRule = 'exclusive' | 'confirming';

export function identifyPhoneNumber(
  token: Pick<AccessTokenRecord, 'phoneNumber'>,
  bodyPhoneNumber: string | undefined,
  rule: IdentificationRule,
): string {
  const fromToken = token.phoneNumber;
  if (rule === 'exclusive') {
    if (fromToken && bodyPhoneNumber !== undefined) {
      throw new CamaraProblem(422, 'UNNECESSARY_IDENTIFIER', 'The device is already identified by the access token.');
    }
    const phoneNumber = fromToken ?? bodyPhoneNumber;
    if (!phoneNumber) throw new CamaraProblem(422, 'MISSING_IDENTIFIER', 'The device cannot be identified.');
    return phoneNumber;
  }
  if (fromToken && bodyPhoneNumber !== undefined && bodyPhoneNumber !== fromToken) {
    throw new CamaraProblem(403, 'INVALID_TOKEN_CONTEXT', 'phoneNumber is not consistent with access token');
  }
  const phoneNumber = fromToken ?? bodyPhoneNumber;
  if (!phoneNumber) throw new CamaraProblem(422, 'UNIDENTIFIABLE_PHONE_NUMBER', 'The phone number cannot be identified');
  return phoneNumber;
}

/** The subscriber behind a number this operator serves; a number of another network is unknown here. */
export function servedSubscriber(world: World, operators: ReadonlySet<string>, phoneNumber: string): Subscriber {
  const subscriber = world.isServedBy(phoneNumber, operators);
  if (!subscriber) throw new CamaraProblem(404, 'IDENTIFIER_NOT_FOUND', 'Device identifier not found.');
  return subscriber;
}

/**
 * The number an API request is about, for fault rules: the body's phoneNumber (or device.phoneNumber
 * for the device-status APIs), else the token's line.
 */
export async function phoneNumberOfApiRequest(c: Context, state: OperatorState, now: number): Promise<string | undefined> {
  try {
    const body = JSON.parse(await c.req.text()) as { phoneNumber?: unknown; device?: { phoneNumber?: unknown } } | null;
    if (typeof body?.phoneNumber === 'string') return body.phoneNumber;
    if (typeof body?.device?.phoneNumber === 'string') return body.device.phoneNumber;
  } catch {
    // Not JSON: the handler answers INVALID_ARGUMENT; the token may still name the line.
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return (match && state.findAccessToken(match[1]!, now)?.phoneNumber) ?? undefined;
}
