/**
 * Failure classification every adapter shares: thrown transport errors, HTTP statuses that mean
 * the same for every upstream, Retry-After, and keeping phone numbers out of messages.
 */
import { UpstreamError, type UpstreamFailure } from '../../src/contract/adapter.ts';
import { HttpBodyTooLargeError } from '../../src/contract/http.ts';
import { scrubNumbers } from '../../src/contract/number-scrub.ts';

/**
 * Turns anything thrown while talking to an upstream into an UpstreamError. The caller's signal
 * decides 'timeout' (whatever error type the aborted library produced), unless the abort came while
 * a subject's authorization was under way ('token_pending'); an UpstreamError passes through.
 */
export function upstreamErrorFromThrown(provider: string, error: unknown, signal?: AbortSignal): UpstreamError {
  if (error instanceof UpstreamError && error.failure === 'token_pending') return error;
  if (signal?.aborted) {
    return new UpstreamError(provider, 'timeout', `${provider}: request aborted by the deadline`, { cause: error });
  }
  if (error instanceof UpstreamError) return error;
  if (causeChainHas(error, (e) => e instanceof HttpBodyTooLargeError)) {
    return new UpstreamError(provider, 'malformed', `${provider}: response body too large`, { cause: error });
  }
  if (causeChainHas(error, isTimeoutError)) {
    return new UpstreamError(provider, 'timeout', `${provider}: request timed out`, { cause: error });
  }
  return new UpstreamError(provider, 'network', `${provider}: request failed (${describeNetworkError(error)})`, {
    cause: error,
  });
}

/** A 200 that cannot be read as an answer: 'malformed', the message saying only what was wrong with it. */
export function malformedAnswer(provider: string, what: string): UpstreamError {
  return new UpstreamError(provider, 'malformed', `${provider}: ${what}`, { httpStatus: 200 });
}

/** The failure an HTTP status means by itself, for statuses whose body does not matter. */
export function failureOfStatus(status: number): UpstreamFailure | undefined {
  if (status >= 300 && status < 400) return 'malformed'; // redirects are never followed
  if (status === 401) return 'auth';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return undefined;
}

/** Retry-After as milliseconds from now: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Upstream text made safe to carry in an error message: numbers scrubbed, length bounded. */
export function quotedUpstreamText(text: string, maxLength = 200): string {
  const safe = scrubNumbers(text);
  return safe.length > maxLength ? `${safe.slice(0, maxLength)}…` : safe;
}

function causeChainHas(error: unknown, test: (e: unknown) => boolean): boolean {
  for (let current = error, depth = 0; current !== undefined && depth < 8; depth++) {
    if (test(current)) return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}

function isTimeoutError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    error.name === 'TimeoutError' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'OAUTH_TIMEOUT'
  );
}

/** A short code for logs (ECONNREFUSED, UND_ERR_SOCKET, ...), never a URL or message that could hold data. */
function describeNetworkError(error: unknown): string {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return error instanceof Error ? error.name : 'unknown error';
}
