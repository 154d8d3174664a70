import { randomUUID } from 'node:crypto';
import type { Context, Handler, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { issueSentences, safeParseInput } from '../../input-issues.ts';

/**
 * The CAMARA wire every CAMARA-speaking mock shares (the operators, and NaC behind RapidAPI): the
 * `{status, code, message}` error shape, the code that goes with an injected status, the
 * x-correlator contract of each Commonalities release, and reading the JSON request body.
 */

/** x-correlator patterns by Commonalities release; null = unconstrained (before 0.5). */
export const X_CORRELATOR_PATTERNS = {
  'commonalities-0.6': /^[a-zA-Z0-9-_:;./<>{}]{0,256}$/,
  'commonalities-0.5': /^[a-zA-Z0-9-]{0,55}$/,
  'commonalities-0.4': null,
} as const;
export type CorrelatorRule = keyof typeof X_CORRELATOR_PATTERNS;

/** Thrown by handlers; turned into the CAMARA error answer by `camaraHandler`. */
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

/** The required JSON body, validated against the operation's schema; every failure is 400 INVALID_ARGUMENT (415 for another media type). */
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
  const parsed = safeParseInput(schema, json);
  if (!parsed.success) {
    const detail = issueSentences(parsed.error).join('; ');
    throw new CamaraProblem(400, 'INVALID_ARGUMENT', `Client specified an invalid argument, request body or query param: ${detail}`);
  }
  return parsed.data;
}
