/** Non-200 Lookup answers → UpstreamError. Twilio bodies are `{code, message, more_info, status}`. */
import type { HttpResponse } from '../../src/contract/http.ts';
import { UpstreamError, type UpstreamFailure } from '../../src/contract/adapter.ts';
import { readJsonAs } from '../shared/json-text.ts';
import { failureOfStatus, parseRetryAfter, quotedUpstreamText } from '../shared/upstream-failures.ts';
import { TwilioErrorBody } from './wire.ts';

export function httpErrorOf(response: HttpResponse, context: { provider: string; now: number }): UpstreamError {
  const { status } = response;
  const body = readJsonAs(TwilioErrorBody, response.body);
  const failure: UpstreamFailure =
    status === 403
      ? 'auth' // refused for this account (test credentials outside the magic numbers, a suspended account)
      : (failureOfStatus(status) ?? (status >= 200 && status < 300 ? 'malformed' : 'rejected'));
  // A 404 is a wrong path (base URL, region): Lookup v2 answers an invalid number with 200 valid:false.
  const code = body?.code !== undefined ? ` (Twilio ${body.code})` : '';
  const message = body?.message ? `: ${quotedUpstreamText(body.message)}` : '';
  return new UpstreamError(context.provider, failure, `${context.provider} answered ${status}${code}${message}`, {
    httpStatus: status,
    // Twilio documents no Retry-After; honoured when present.
    retryAfterMs: failure === 'rate_limited' ? parseRetryAfter(response.headers.get('retry-after'), context.now) : undefined,
  });
}

