/**
 * How the operator answers errors: its OAuth and CIBA endpoints in RFC 6749's shape (with the form
 * and JSON helpers those endpoints share); its APIs answer CAMARA's `{status, code, message}`
 * (../shared/camara-wire.ts).
 */
import type { Context } from 'hono';

/** An RFC 6749 §5.2 error: OAuth and CIBA endpoints never use the CAMARA error shape. */
export interface OAuthFailure {
  status: number;
  error: string;
  description: string;
  headers?: Record<string, string> | undefined;
}

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

export function oauthError(c: Context, failure: OAuthFailure): Response {
  return c.json({ error: failure.error, error_description: failure.description }, failure.status as 400, {
    ...NO_STORE,
    ...failure.headers,
  });
}

export function oauthJson(c: Context, body: Record<string, unknown>): Response {
  return c.json(body, 200, NO_STORE);
}

/** Injected status faults on OAuth endpoints, in the OAuth error format. */
export function oauthFaultResponse(c: Context, status: number, message: string): Response {
  const error =
    status === 429 || status === 503
      ? 'temporarily_unavailable'
      : status >= 500
        ? 'server_error'
        : status === 401
          ? 'invalid_client'
          : 'invalid_request';
  return oauthError(c, { status, error, description: message });
}

/** The form body of a token or CIBA request; OAuth requires application/x-www-form-urlencoded. */
export async function readForm(c: Context): Promise<{ form: URLSearchParams } | { failure: OAuthFailure }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    return {
      failure: { status: 400, error: 'invalid_request', description: 'body must be application/x-www-form-urlencoded' },
    };
  }
  return { form: new URLSearchParams(await c.req.text()) };
}
