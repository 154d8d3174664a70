import type { Context } from 'hono';
import type { z } from 'zod';
import { CamaraError, type CamaraCode } from '../errors.ts';
import { bodyError, identifierMissing, missingIdentifier, phraseOf, type IdentifierPath } from './body-issues.ts';
import type { GatewayEnv } from './http-context.ts';
import { BODY_READ_ERRORS, readBodyText } from './request-body.ts';

/** What reading a JSON body can answer. */
export const JSON_BODY_ERRORS = [...BODY_READ_ERRORS, 'INVALID_ARGUMENT', 'UNSUPPORTED_MEDIA_TYPE'] as const satisfies readonly CamaraCode[];
/** What a body that must name a phone number answers without one. */
export const IDENTIFIER_ERRORS = ['MISSING_IDENTIFIER'] as const satisfies readonly CamaraCode[];

export const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export interface JsonBodyOptions {
  /** Where the body names the phone number asked about: without it the answer is 422 MISSING_IDENTIFIER, as on every route. */
  identifier?: IdentifierPath;
}

/**
 * Reads and validates a JSON body; every failure is a CAMARA error whose message is a sentence
 * naming the field (body-issues.ts): 400, 413, 415, 422 for a missing number, or 408 when the body
 * comes too slowly; never a 500.
 */
export async function readJsonBody<S extends z.ZodType>(c: Context<GatewayEnv>, schema: S, options: JsonBodyOptions = {}): Promise<z.output<S>> {
  return (await readJsonBodyAndText(c, schema, options)).value;
}

/** readJsonBody(), and the body's text as it was read. */
export async function readJsonBodyAndText<S extends z.ZodType>(
  c: Context<GatewayEnv>,
  schema: S,
  options: JsonBodyOptions = {},
): Promise<{ value: z.output<S>; text: string }> {
  const contentType = c.req.header('content-type');
  if (contentType !== undefined && !JSON_TYPE.test(contentType)) {
    throw new CamaraError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json.');
  }
  const text = await readBodyText(c);
  if (text.trim() === '') throw new CamaraError('INVALID_ARGUMENT', 'A JSON request body is required.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CamaraError('INVALID_ARGUMENT', 'The request body is not valid JSON.');
  }
  const result = schema.safeParse(json, { error: phraseOf });
  if (!result.success) throw bodyError(result.error.issues, json, options.identifier);
  if (options.identifier && identifierMissing(json, options.identifier)) throw missingIdentifier(options.identifier, json);
  return { value: result.data, text };
}
