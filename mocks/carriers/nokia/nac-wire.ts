import { randomUUID } from 'node:crypto';
import type { Context, Handler, MiddlewareHandler } from 'hono';
import type { z } from 'zod';

/**
 * NaC's own answers behind RapidAPI are CAMARA-shaped: `{status, code, message}` errors and the
 * x-correlator contract of Commonalities 0.6 (one rule for every API NaC fronts; inferred).
 */

const X_CORRELATOR = /^[a-zA-Z0-9-_:;.\/<>{}]{0,256}$/;

/** Thrown by handlers; turned into the CAMARA error answer by `camaraHandler`. */
export class NacProblem extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'NacProblem';
    this.status = status;
    this.code = code;
  }
}

export const PROBLEMS = {
  identifierNotFound: () =>
    new NacProblem(404, 'IDENTIFIER_NOT_FOUND', 'The phone number provided is not associated with a customer account'),
  serviceNotApplicable: () => new NacProblem(422, 'SERVICE_NOT_APPLICABLE', 'The service is not available for the provided identifier.'),
  missingIdentifier: () => new NacProblem(422, 'MISSING_IDENTIFIER', 'The device cannot be identified.'),
  unsupportedIdentifier: () => new NacProblem(422, 'UNSUPPORTED_IDENTIFIER', 'The identifier provided is not supported.'),
  notImplemented: () => new NacProblem(501, 'NOT_IMPLEMENTED', 'This functionality is not implemented yet.'),
};

const CODE_FOR_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'SERVICE_NOT_APPLICABLE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  502: 'BAD_GATEWAY',
  503: 'UNAVAILABLE',
  504: 'TIMEOUT',
};

export function camaraError(c: Context, status: number, code: string, message: string): Response {
  return c.json({ status, code, message }, status as 400);
}

/** Injected status faults: the CAMARA code that goes with the status (503 UNAVAILABLE, 429 TOO_MANY_REQUESTS...). */
export function camaraFaultResponse(c: Context, status: number, message: string): Response {
  return camaraError(c, status, CODE_FOR_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT'), message);
}

export function camaraHandler(handler: (c: Context) => Promise<Response>): Handler {
  return async (c) => {
    try {
      return await handler(c);
    } catch (error) {
      if (error instanceof NacProblem) return camaraError(c, error.status, error.code, error.message);
      throw error;
    }
  };
}

/** Echoes x-correlator on every NaC answer (a UUID when none was sent); a value off the pattern is 400. */
export function xCorrelator(): MiddlewareHandler {
  return async (c, next) => {
    const sent = c.req.header('x-correlator');
    const value = sent ? sent : randomUUID();
    if (sent && !X_CORRELATOR.test(sent)) {
      const response = camaraError(c, 400, 'INVALID_ARGUMENT', `x-correlator must match ${X_CORRELATOR.source}`);
      response.headers.set('x-correlator', value);
      return response;
    }
    await next();
    c.res.headers.set('x-correlator', value);
  };
}

/** The required JSON body, validated; every failure is 400 INVALID_ARGUMENT (415 for another media type). */
export async function readBody<Schema extends z.ZodType>(c: Context, schema: Schema): Promise<z.output<Schema>> {
  const type = c.req.header('content-type');
  if (type !== undefined && !/^application\/([a-z0-9.+-]*\+)?json\b/i.test(type)) {
    throw new NacProblem(415, 'UNSUPPORTED_MEDIA_TYPE', 'request body must be application/json');
  }
  const text = await c.req.text();
  if (!text.trim()) throw new NacProblem(400, 'INVALID_ARGUMENT', 'request body is required');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new NacProblem(400, 'INVALID_ARGUMENT', 'request body is not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
      .join('; ');
    throw new NacProblem(400, 'INVALID_ARGUMENT', `Client specified an invalid argument, request body or query param: ${detail}`);
  }
  return parsed.data;
}

/** The number a request is about, for fault rules: `phoneNumber` or `device.phoneNumber` in the body. */
export async function phoneNumberOfRequest(c: Context): Promise<string | undefined> {
  try {
    const body: unknown = JSON.parse(await c.req.text());
    if (!body || typeof body !== 'object') return undefined;
    const direct = (body as { phoneNumber?: unknown }).phoneNumber;
    if (typeof direct === 'string') return direct.startsWith('+') ? direct : `+${direct}`;
    const device = (body as { device?: { phoneNumber?: unknown } }).device;
    return typeof device?.phoneNumber === 'string' ? device.phoneNumber : undefined;
  } catch {
    return undefined;
  }
}
