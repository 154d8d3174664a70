/**
 * RapidAPI sits in front of NaC: it refuses a request before NaC sees it, with its own body
 * `{"message": "..."}` (no CAMARA `code`), and it paces clients with rate-limit headers.
 */
import { z } from 'zod';
import type { HttpResponse } from '../../src/contract/http.ts';
import { UpstreamError } from '../../src/contract/adapter.ts';
import { parseJsonText } from '../shared/json-text.ts';
import { parseRetryAfter, quotedUpstreamText } from '../shared/upstream-failures.ts';
import { mapCamaraErrorResponse, type DefiniteNonOkOutcome } from '../camara/errors.ts';

const GatewayBody = z.looseObject({ message: z.string(), code: z.unknown().optional() });

/** RapidAPI answers 404 with this when `x-rapidapi-host` names no API (even with a valid key). */
const UNKNOWN_API = /API doesn'?t exists?/i;

/**
 * A refusal by the RapidAPI gateway (missing or invalid key, no subscription, unknown host):
 * configuration, never the caller's number. A 401/403 without a CAMARA code is the gateway's
 * whatever its body (NaC's own refusals carry one). Undefined when the answer is NaC's own.
 */
export function rapidApiRefusal(provider: string, response: HttpResponse): UpstreamError | undefined {
  const body = gatewayBody(response.body);
  if (body === undefined) return undefined;
  const quoted = body.message === undefined ? '' : `: ${quotedUpstreamText(body.message)}`;
  if (response.status === 401 || response.status === 403) {
    return new UpstreamError(provider, 'auth', `${provider}: RapidAPI refused the application key (${response.status})${quoted}`, {
      httpStatus: response.status,
    });
  }
  if (response.status === 404 && body.message !== undefined && UNKNOWN_API.test(body.message)) {
    return new UpstreamError(provider, 'auth', `${provider}: RapidAPI knows no API under this x-rapidapi-host (404)${quoted}`, {
      httpStatus: response.status,
    });
  }
  return undefined;
}

/**
 * A non-200 answer from NaC: RapidAPI's refusal, else NaC's CAMARA-shaped one as a definite outcome
 * (not_found, not_supported, OUT_OF_RANGE) or the error to throw, a 429 with RapidAPI's pacing.
 */
export function nacNonOkAnswer(
  provider: string,
  response: HttpResponse,
  now: number,
  unknownNumberCodes?: ReadonlySet<string>,
): DefiniteNonOkOutcome | UpstreamError {
  const refusal = rapidApiRefusal(provider, response);
  if (refusal) return refusal;
  const mapped = mapCamaraErrorResponse(response, { provider, now, unknownNumberCodes });
  if (!(mapped instanceof UpstreamError)) return mapped;
  if (mapped.failure === 'rate_limited' && mapped.retryAfterMs === undefined) {
    const retryAfterMs = retryDelayMs(response, now);
    if (retryAfterMs !== undefined) {
      return new UpstreamError(provider, 'rate_limited', mapped.message, { httpStatus: mapped.httpStatus, retryAfterMs });
    }
  }
  return mapped;
}

/**
 * How long to wait after a 429: Retry-After, else X-RateLimit-Reset (which NaC's SDK also
 * honours). X-RateLimit-Reset is read as a Unix time in seconds when it looks like one, else as
 * seconds from now (RapidAPI's own `x-ratelimit-*-reset` headers count seconds).
 */
export function retryDelayMs(response: HttpResponse, now: number): number | undefined {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now);
  if (retryAfter !== undefined) return retryAfter;
  const reset = response.headers.get('x-ratelimit-reset')?.trim();
  if (!reset || !/^\d+$/.test(reset)) return undefined;
  const seconds = Number(reset);
  return seconds >= 1_000_000_000 ? Math.max(0, seconds * 1000 - now) : seconds * 1000;
}

/** The body of an answer that is not NaC's (no CAMARA `code`), with RapidAPI's message when there is one. */
function gatewayBody(text: string): { message: string | undefined } | undefined {
  const json = parseJsonText(text);
  if (json === undefined) return { message: undefined };
  const parsed = GatewayBody.safeParse(json);
  if (parsed.success) return parsed.data.code === undefined ? { message: parsed.data.message } : undefined;
  const hasCode = typeof json === 'object' && json !== null && typeof (json as { code?: unknown }).code === 'string';
  return hasCode ? undefined : { message: undefined };
}
