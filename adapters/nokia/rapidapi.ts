/**
 * RapidAPI sits in front of NaC: it refuses a request before NaC sees it, with its own body
 * `{"message": "..."}` (no CAMARA `code`), and it paces clients with rate-limit headers.
 */
import { z } from 'zod';
import type { HttpResponse } from '../http.ts';
import { UpstreamError } from '../types.ts';
import { parseRetryAfter, redactPhoneNumbers } from '../shared/upstream-failures.ts';

const GatewayBody = z.looseObject({ message: z.string(), code: z.unknown().optional() });

/** RapidAPI answers 404 with this when `x-rapidapi-host` names no API (even with a valid key). */
const UNKNOWN_API = /API doesn'?t exists?/i;

/**
 * A refusal by the RapidAPI gateway (missing or invalid key, no subscription, unknown host):
 * configuration, never the caller's number. Undefined when the body is NaC's own (CAMARA) error.
 */
export function rapidApiRefusal(provider: string, response: HttpResponse): UpstreamError | undefined {
  const message = gatewayMessage(response.body);
  if (message === undefined) return undefined;
  const quoted = redactPhoneNumbers(message);
  if (response.status === 401 || response.status === 403) {
    return new UpstreamError(provider, 'auth', `${provider}: RapidAPI refused the application key (${response.status}): ${quoted}`, {
      httpStatus: response.status,
    });
  }
  if (response.status === 404 && UNKNOWN_API.test(message)) {
    return new UpstreamError(provider, 'auth', `${provider}: RapidAPI knows no API under this x-rapidapi-host (404): ${quoted}`, {
      httpStatus: response.status,
    });
  }
  return undefined;
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

function gatewayMessage(body: string): string | undefined {
  try {
    const parsed = GatewayBody.safeParse(JSON.parse(body));
    return parsed.success && parsed.data.code === undefined ? parsed.data.message : undefined;
  } catch {
    return undefined;
  }
}
