import type { Context } from 'hono';
import type { z } from 'zod';
import { CamaraError, type CamaraCode } from '../errors.ts';
import type { GatewayEnv } from './http-context.ts';
import { BODY_READ_ERRORS, readBodyText } from './request-body.ts';

/** What reading a JSON body can answer. */
export const JSON_BODY_ERRORS = [...BODY_READ_ERRORS, 'UNSUPPORTED_MEDIA_TYPE'] as const satisfies readonly CamaraCode[];

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Reads and validates a JSON body; every failure is a CAMARA 400 (or 415, or 408 when it comes too slowly), never a 500. */
export async function readJsonBody<S extends z.ZodType>(c: Context<GatewayEnv>, schema: S): Promise<z.output<S>> {
  const contentType = c.req.header('content-type');
  if (contentType !== undefined && !JSON_TYPE.test(contentType)) {
    throw new CamaraError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
  }
  const text = await readBodyText(c);
  if (text.trim() === '') throw new CamaraError('INVALID_ARGUMENT', 'A JSON request body is required');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CamaraError('INVALID_ARGUMENT', 'Request body is not valid JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new CamaraError('INVALID_ARGUMENT', describeIssue(result.error.issues[0]));
  return result.data;
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'Request body is invalid';
  const path = issue.path.length ? issue.path.join('.') : 'body';
  if (issue.code === 'unrecognized_keys') return `Unknown property ${issue.keys.join(', ')} in ${path}`;
  return `Invalid ${path}: ${issue.message}`;
}
