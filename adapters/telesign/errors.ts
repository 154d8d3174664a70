/**
 * Telesign HTTP error answers → UpstreamErrors. Telesign says what happened in the body's
 * `errors[].code` (−30006 bad signature, −30010 stale Date, −30012 reused nonce, −30015 bad key,
 * −20002 product not enabled…); the HTTP status says which kind of failure it is for us.
 */
import type { HttpResponse } from '../../src/contract/http.ts';
import { UpstreamError, type UpstreamFailure } from '../../src/contract/adapter.ts';
import { parseJsonText } from '../shared/json-text.ts';
import { failureOfStatus, parseRetryAfter } from '../shared/upstream-failures.ts';
import { errorCodesOf } from './phoneid.ts';

export function telesignHttpError(provider: string, response: HttpResponse, now: number): UpstreamError {
  const failure: UpstreamFailure = failureOfStatus(response.status) ?? (response.status === 403 ? 'auth' : 'rejected');
  // Only the numeric codes are quoted: descriptions may repeat the number asked about.
  const message = `${provider}: PhoneID answered HTTP ${response.status} (Telesign errors: ${errorCodesOf(parseJsonText(response.body))})`;
  return new UpstreamError(provider, failure, message, {
    httpStatus: response.status,
    retryAfterMs: failure === 'rate_limited' ? parseRetryAfter(response.headers.get('retry-after'), now) : undefined,
  });
}
