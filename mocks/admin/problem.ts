import type { Context } from 'hono';
import { ZodError } from 'zod';
import { issueSentences } from '../input-issues.ts';

/** The admin API answers errors in the CAMARA shape too: `{status, code, message}`. */
export function adminError(c: Context, status: 400 | 404 | 409 | 415 | 500, code: string, message: string): Response {
  return c.json({ status, code, message }, status);
}

/** Parses a JSON body; undefined when it is not JSON (the caller answers 400). */
export async function readJson(c: Context): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: JSON.parse(await c.req.text()) };
  } catch {
    return { ok: false };
  }
}

/** Maps validation failures of admin input to 400 INVALID_ARGUMENT; rethrows anything else. */
export function invalidInput(c: Context, error: unknown, what: string): Response {
  // `invalid subscriber: forwarding.0 must be one of ...; call.peer must be E.164 with a leading +`
  if (error instanceof ZodError) return adminError(c, 400, 'INVALID_ARGUMENT', `invalid ${what}: ${issueSentences(error).join('; ')}`);
  if (error instanceof Error) return adminError(c, 400, 'INVALID_ARGUMENT', `invalid ${what}: ${error.message}`);
  throw error;
}
