/**
 * CAMARA wire failures → numtrust outcomes and UpstreamErrors.
 *  - API responses: `{ status, code, message }` bodies (Commonalities 0.4 – 0.6, SIM Swap 0.4 – 2.1).
 *  - Authorization server responses: RFC 6749 `{ error, error_description }` as openid-client raises them.
 */
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { HttpResponse } from '../../src/contract/http.ts';
import { UpstreamError, type OperationOutcome, type UpstreamFailure } from '../../src/contract/adapter.ts';
import {
  failureOfStatus,
  parseRetryAfter,
  quotedUpstreamText,
  upstreamErrorFromThrown,
} from '../shared/upstream-failures.ts';
import { readJsonAs } from '../shared/json-text.ts';

export type DefiniteNonOkOutcome = Exclude<OperationOutcome, { status: 'ok' }>;

const CamaraErrorBody = z.looseObject({ code: z.string(), message: z.string().optional() });

/**
 * 404 codes that mean "this provider does not know the number" from Commonalities 0.5 on. Older API
 * versions name their own (SIM Swap 1.0 `NOT_FOUND`, 0.4 `SIM_SWAP.UNKNOWN_PHONE_NUMBER`): a 404
 * with any other code is more likely a wrong path than an unknown number, so it is an error.
 */
export const UNKNOWN_NUMBER_CODES: ReadonlySet<string> = new Set(['IDENTIFIER_NOT_FOUND']);

/** Codes that say "this service is not offered for this line" (2.x SERVICE_NOT_APPLICABLE, 1.0 NOT_SUPPORTED). */
const NOT_APPLICABLE_CODES = new Set(['SERVICE_NOT_APPLICABLE', 'NOT_SUPPORTED']);

export interface ResponseMappingContext {
  provider: string;
  now: number;
  /** 404 codes of this API version that mean an unknown number; default UNKNOWN_NUMBER_CODES. */
  unknownNumberCodes?: ReadonlySet<string>;
}

/**
 * A non-2xx (or unexpected) API response: either a definite outcome (not_found, not_supported,
 * OUT_OF_RANGE) or the UpstreamError to throw.
 */
export function mapCamaraErrorResponse(
  response: HttpResponse,
  context: ResponseMappingContext,
): DefiniteNonOkOutcome | UpstreamError {
  const { status } = response;
  const code = errorCodeOf(response.body);
  const message = describe(response, code, context);

  if (status === 404 && code !== undefined && (context.unknownNumberCodes ?? UNKNOWN_NUMBER_CODES).has(code)) {
    return { status: 'not_found', message };
  }
  if ((status === 422 && code !== undefined && NOT_APPLICABLE_CODES.has(code)) || status === 501) {
    return { status: 'not_supported', message };
  }
  if (status === 400 && code === 'OUT_OF_RANGE') {
    return { status: 'rejected', code: 'OUT_OF_RANGE', message };
  }
  if (status === 403 && code === 'PERMISSION_DENIED') {
    return new UpstreamError(context.provider, 'auth', message, { httpStatus: status });
  }
  const failure: UpstreamFailure =
    failureOfStatus(status) ?? (status >= 200 && status < 300 ? 'malformed' : 'rejected');
  return new UpstreamError(context.provider, failure, message, {
    httpStatus: status,
    retryAfterMs: failure === 'rate_limited' ? parseRetryAfter(response.headers.get('retry-after'), context.now) : undefined,
  });
}

function errorCodeOf(body: string): string | undefined {
  return readJsonAs(CamaraErrorBody, body)?.code;
}

function describe(response: HttpResponse, code: string | undefined, context: ResponseMappingContext): string {
  const upstreamMessage = readJsonAs(CamaraErrorBody, response.body)?.message;
  const head = `${context.provider} answered ${response.status}${code ? ` ${quotedUpstreamText(code, 80)}` : ''}`;
  return upstreamMessage ? `${head}: ${quotedUpstreamText(upstreamMessage)}` : head;
}

/** The authorization server said the login_hint names no subscriber it knows. */
export class UnknownSubjectError extends Error {
  constructor(provider: string) {
    super(`${provider}: the authorization server does not know this subscriber`);
    this.name = 'UnknownSubjectError';
  }
}

const AUTH_CONFIGURATION_ERRORS = new Set(['invalid_client', 'unauthorized_client', 'invalid_scope']);
const MALFORMED_CODES = new Set([
  'OAUTH_RESPONSE_IS_NOT_JSON',
  'OAUTH_PARSE_ERROR',
  'OAUTH_INVALID_RESPONSE',
  'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
  'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
  'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
  'OAUTH_MISSING_SERVER_METADATA',
  'OAUTH_INVALID_SERVER_METADATA',
  'OAUTH_UNSUPPORTED_OPERATION',
]);

/**
 * Anything openid-client threw during discovery or a grant → UpstreamError, or UnknownSubjectError
 * for CIBA's `unknown_user_id` (a definite "not found", not a failure).
 *
 * openid-client's errors are never kept as `cause`: they carry response bodies that may hold the
 * login_hint (the raw number) or an access token. Transport errors (no body) are kept.
 */
export function mapOAuthError(
  provider: string,
  error: unknown,
  signal: AbortSignal | undefined,
  now: number,
): UpstreamError | UnknownSubjectError {
  if (error instanceof UnknownSubjectError) return error;
  if (signal?.aborted || error instanceof UpstreamError) return upstreamErrorFromThrown(provider, error, signal);

  if (error instanceof oidc.ResponseBodyError) {
    if (error.error === 'unknown_user_id') return new UnknownSubjectError(provider);
    const failure: UpstreamFailure = AUTH_CONFIGURATION_ERRORS.has(error.error)
      ? 'auth'
      : (failureOfStatus(error.status) ?? (error.error === 'server_error' || error.error === 'temporarily_unavailable' ? 'server' : 'rejected'));
    const description = error.error_description ? `: ${quotedUpstreamText(error.error_description)}` : '';
    return new UpstreamError(
      provider,
      failure,
      `${provider} authorization server answered ${error.status} ${quotedUpstreamText(error.error, 80)}${description}`,
      {
        httpStatus: error.status,
        retryAfterMs: failure === 'rate_limited' ? parseRetryAfter(error.response.headers.get('retry-after'), now) : undefined,
      },
    );
  }

  if (error instanceof oidc.WWWAuthenticateChallengeError) {
    return new UpstreamError(provider, failureOfStatus(error.status) ?? 'auth', `${provider} authorization server refused our credentials (${error.status})`, {
      httpStatus: error.status,
    });
  }

  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') {
    const response = (error as Error).cause;
    const status = response instanceof Response ? response.status : 0;
    const failure = failureOfStatus(status) ?? 'rejected';
    return new UpstreamError(provider, failure, `${provider} authorization server answered ${status}`, {
      httpStatus: status || undefined,
      retryAfterMs:
        failure === 'rate_limited' && response instanceof Response
          ? parseRetryAfter(response.headers.get('retry-after'), now)
          : undefined,
    });
  }
  if (code === 'OAUTH_HTTP_REQUEST_FORBIDDEN' || code === 'OAUTH_REQUEST_PROTOCOL_FORBIDDEN') {
    return new UpstreamError(provider, 'auth', `${provider}: authorization server URL not allowed (https required)`);
  }

  const transport = upstreamErrorFromThrown(provider, error, signal);
  if (transport.failure === 'network' && typeof code === 'string' && MALFORMED_CODES.has(code)) {
    return new UpstreamError(provider, 'malformed', `${provider} authorization server sent an invalid response (${code})`);
  }
  return transport;
}
