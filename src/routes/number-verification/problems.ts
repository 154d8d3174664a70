/**
 * Every way a Number Verification session can end other than a definite answer, fail-closed: none
 * of these is "not verified", and none carries upstream text that could hold a number.
 */
import { UpstreamError, type OperationOutcome } from '../../contract/adapter.ts';
import { CamaraError } from '../../errors.ts';
import { BreakerOpenError } from '../../resilience/breaker.ts';
import type { SessionProblem, SessionStatus } from './sessions.ts';

export const NOT_NETWORK_AUTHENTICATED = 'USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK';

const OAUTH_ERROR_CODE = /^[a-z_]{1,40}$/;

/** The operator redirected the device back with `error=` instead of a code. */
export function problemOfAuthorizationError(error: string): SessionProblem {
  switch (error) {
    case 'access_denied':
      return {
        code: NOT_NETWORK_AUTHENTICATED,
        message: 'The operator could not recognise the device by its mobile data connection (access_denied). Open the link over mobile data, not Wi-Fi.',
        retryable: true,
      };
    case 'server_error':
    case 'temporarily_unavailable':
      return { code: 'UNAVAILABLE', message: `The operator could not authenticate the device right now (${error}).`, retryable: true };
    default:
      return {
        code: 'AUTHORIZATION_FAILED',
        message: `The operator refused the authorization request (${OAUTH_ERROR_CODE.test(error) ? error : 'unrecognised error'}).`,
        retryable: false,
      };
  }
}

/** A finished verify(): the session's final status and, unless definite, why. */
export function resultOfOutcome(
  outcome: OperationOutcome<'number_verification.verify'>,
): { status: Exclude<SessionStatus, 'pending'>; problem?: SessionProblem } {
  switch (outcome.status) {
    case 'ok':
      return { status: outcome.value.verified ? 'verified' : 'not_verified' };
    case 'not_supported':
      return {
        status: 'failed',
        problem: {
          code: NOT_NETWORK_AUTHENTICATED,
          message: 'The operator did not authenticate the device by the mobile network, so it could not compare the number.',
          retryable: true,
        },
      };
    case 'not_found':
      return { status: 'failed', problem: { code: 'IDENTIFIER_NOT_FOUND', message: 'The operator does not know this line.', retryable: false } };
    case 'rejected':
      return { status: 'failed', problem: { code: 'PROVIDER_REJECTED', message: 'The operator refused the verification request.', retryable: false } };
  }
}

/** Why the code exchange or /verify failed: the operator's failure, its open breaker, or the tenant's daily cap. */
export function problemOfFailure(error: unknown): SessionProblem {
  if (error instanceof BreakerOpenError) {
    return { code: 'UNAVAILABLE', message: 'The operator is failing; the gateway is not calling it for now.', retryable: true };
  }
  if (error instanceof CamaraError && error.code === 'QUOTA_EXCEEDED') {
    return { code: 'QUOTA_EXCEEDED', message: error.message, retryable: true };
  }
  if (!(error instanceof UpstreamError)) {
    return { code: 'INTERNAL', message: 'The gateway could not complete the verification.', retryable: true };
  }
  switch (error.failure) {
    case 'timeout':
    case 'token_pending':
      return { code: 'TIMEOUT', message: 'The operator did not answer in time.', retryable: true };
    case 'network':
    case 'server':
      return { code: 'UNAVAILABLE', message: 'The operator is unavailable.', retryable: true };
    case 'rate_limited':
      return { code: 'TOO_MANY_REQUESTS', message: 'The operator is rate limiting the gateway.', retryable: true };
    case 'malformed':
      return { code: 'BAD_GATEWAY', message: 'The operator sent an answer the gateway cannot read.', retryable: true };
    case 'auth':
      return { code: 'PROVIDER_AUTH_FAILED', message: "The operator refused the gateway's credentials.", retryable: false };
    case 'rejected':
      // Typically invalid_grant: the code expired, was used already or does not match the PKCE verifier.
      return { code: 'PROVIDER_REJECTED', message: 'The operator refused the authorization code or the verification request.', retryable: true };
  }
}
