/**
 * Vonage's two levels of failure → numtrust outcomes and UpstreamErrors:
 *  - the whole request: RFC 7807 problem+json `{type, title, detail, instance}` with an HTTP status;
 *  - one insight inside a 200: `status.code` (upper case in the API reference, lower case in the
 *    Node SDK's enum: compared case-insensitively).
 */
import { z } from 'zod';
import type { HttpResponse } from '../../src/contract/http.ts';
import { UpstreamError, type OperationOutcome, type UpstreamFailure } from '../../src/contract/adapter.ts';
import { readJsonAs } from '../shared/json-text.ts';
import { failureOfStatus, parseRetryAfter, quotedUpstreamText } from '../shared/upstream-failures.ts';

export type NonOkOutcome = Exclude<OperationOutcome, { status: 'ok' }>;

const ProblemBody = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
});

export interface MappingContext {
  provider: string;
  now: number;
}

/** A non-200 answer to the whole request: always an UpstreamError. */
export function errorOfResponse(response: HttpResponse, context: MappingContext): UpstreamError {
  const { status } = response;
  // 403: the account or application may not use the API (configuration, like a refused key).
  const failure: UpstreamFailure =
    failureOfStatus(status) ?? (status === 403 ? 'auth' : status >= 200 && status < 300 ? 'malformed' : 'rejected');
  return new UpstreamError(context.provider, failure, describeProblem(response, context), {
    httpStatus: status,
    retryAfterMs: failure === 'rate_limited' ? parseRetryAfter(response.headers.get('retry-after'), context.now) : undefined,
  });
}

function describeProblem(response: HttpResponse, context: MappingContext): string {
  const problem = readJsonAs(ProblemBody, response.body);
  const kind = problem?.type?.split('#')[1];
  const head = `${context.provider} answered ${response.status}${kind ? ` ${quotedUpstreamText(kind, 60)}` : ''}`;
  const text = problem?.detail ?? problem?.title;
  return text ? `${head}: ${quotedUpstreamText(text)}` : head;
}

export type InsightStatusVerdict = { answered: true } | { answered: false; outcome: NonOkOutcome } | { answered: false; error: UpstreamError };

/** Statuses under which the insight's attributes are an answer (all of them, or some). */
const ANSWERING = new Set(['OK', 'PARTIAL_SUCCESS']);
const NOT_SUPPORTED = new Set(['UNSUPPORTED_NETWORK_TYPE', 'NO_COVERAGE']);
const AUTH = new Set(['UNAUTHORIZED', 'INVALID_PURPOSE']);
const SERVER = new Set(['SUPPLIER_ERROR', 'INTERNAL_ERROR']);

/** What one insight's `status` says about its attributes. Unknown codes are not an answer. */
export function verdictOfInsightStatus(
  insight: string,
  status: { code: string; message?: string | undefined },
  context: MappingContext,
): InsightStatusVerdict {
  const code = status.code.toUpperCase();
  if (ANSWERING.has(code)) return { answered: true };
  const said = status.message ? `: ${quotedUpstreamText(status.message)}` : '';
  const message = `${context.provider}: ${insight} insight ${quotedUpstreamText(code, 60)}${said}`;
  if (code === 'NOT_FOUND') return { answered: false, outcome: { status: 'not_found', message } };
  if (NOT_SUPPORTED.has(code)) return { answered: false, outcome: { status: 'not_supported', message } };
  if (code === 'INVALID_NUMBER_FORMAT') {
    return { answered: false, outcome: { status: 'rejected', code: 'INVALID_ARGUMENT', message } };
  }
  const failure: UpstreamFailure = AUTH.has(code) ? 'auth' : SERVER.has(code) ? 'server' : 'malformed';
  return { answered: false, error: new UpstreamError(context.provider, failure, message, { httpStatus: 200 }) };
}
