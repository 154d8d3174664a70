/**
 * Twilio's errors: non-200 Lookup answers → UpstreamError (bodies `{code, message, more_info,
 * status}`), and a package's `error_code` inside a 200.
 */
import type { HttpResponse } from '../../src/contract/http.ts';
import { UpstreamError, type OperationOutcome, type UpstreamFailure } from '../../src/contract/adapter.ts';
import { readJsonAs } from '../shared/json-text.ts';
import { failureOfStatus, parseRetryAfter, quotedUpstreamText } from '../shared/upstream-failures.ts';
import { TwilioErrorBody } from './wire.ts';
import type { TwilioPackage } from './config.ts';

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

/**
 * A package's `error_code` inside a 200: which Lookup errors say "not for this number" (a definite
 * not_supported, so the gateway may ask another provider) and which are failures.
 */

type NotOk = Extract<OperationOutcome, { status: 'not_supported' }>;

const NOT_SUPPORTED: Readonly<Record<number, string>> = {
  60607: "not offered for the number's country",
  // "Not provisioned with any carrier, or a carrier outside the coverage": Twilio cannot tell which,
  // so this is not a not_found; another provider may well know the number.
  60610: 'number outside coverage (no covered carrier holds it)',
  60612: 'not a mobile number',
};

const CONFIGURATION: Readonly<Record<number, string>> = {
  60606: 'the account is not enabled for this package',
  60614: 'the number must be looked up in another Twilio region',
  60619: 'not available in the configured Twilio region',
};

export function packageErrorOutcome(provider: string, name: TwilioPackage, code: number): NotOk | UpstreamError {
  const subject = `${provider}: ${name}`;
  const unsupported = NOT_SUPPORTED[code];
  if (unsupported !== undefined) return { status: 'not_supported', message: `${subject} ${unsupported} (Twilio ${code})` };
  const configuration = CONFIGURATION[code];
  if (configuration !== undefined) return new UpstreamError(provider, 'auth', `${subject}: ${configuration} (Twilio ${code})`);
  if (code === 60620) {
    // Billed, and Twilio says not to retry for this end user: a refusal, not a sign of ill health.
    return new UpstreamError(provider, 'rejected', `${subject}: the carrier's answer was incomplete; not to be retried (Twilio 60620)`);
  }
  if (code === 60608) return new UpstreamError(provider, 'server', `${subject}: Twilio's downstream provider failed (Twilio 60608)`);
  return new UpstreamError(provider, 'server', `${subject} failed (Twilio ${code})`);
}
