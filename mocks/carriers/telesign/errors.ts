import type { Context } from 'hono';

/**
 * Telesign's error shape: the HTTP status says little, the body says what happened —
 * `{status: {code, description, updated_on}, errors: [{code, description}]}`.
 */

export interface TelesignErrorEntry {
  code: number;
  description: string;
}

/** Transaction-level status codes that accompany errors. */
export const NOT_AUTHORIZED = { code: 501, description: 'Not authorized' } as const;
export const NOT_ATTEMPTED = { code: 500, description: 'Transaction not attempted' } as const;

/** Authentication failures as the Telesign docs list them (all answered with HTTP 401). */
export const AUTH_ERRORS = {
  productNotEnabled: { code: -20002, description: 'This product is not enabled for this Customer ID.' },
  invalidCustomerId: { code: -30000, description: 'Invalid Customer ID.' },
  missingAuthorization: { code: -30004, description: "Missing required 'Authorization' header" },
  badAuthorizationFormat: { code: -30005, description: "Required 'Authorization' header is not in the correct format" },
  invalidSignature: { code: -30006, description: 'Invalid Signature.' },
  missingDate: { code: -30007, description: "Missing required 'Date' or 'x-ts-date' header" },
  invalidAuthMethod: { code: -30008, description: "Invalid 'x-ts-auth-method' header." },
  dateNotRfc822: { code: -30009, description: "'Date' or 'x-ts-date' header is not RFC822 compliant" },
  dateOutOfRange: { code: -30010, description: "'Date' or 'x-ts-date' header is not within tolerable range" },
  badNonceLength: { code: -30011, description: "'x-ts-nonce' header value is either too long or too short" },
  nonceReused: { code: -30012, description: "'x-ts-nonce' header value has been used recently" },
  invalidApiKey: { code: -30015, description: 'Invalid API Key.' },
} satisfies Record<string, TelesignErrorEntry>;

export type AuthError = (typeof AUTH_ERRORS)[keyof typeof AUTH_ERRORS];

/** Code the mock uses for malformed requests (the docs list −40006 "Bad request"). */
export const BAD_REQUEST_CODE = -40006;
/** Code the mock uses for injected 5xx/429 faults (system unavailable). */
export const FAULT_CODE = -90001;

export function telesignError(
  c: Context,
  httpStatus: number,
  status: { code: number; description: string },
  errors: TelesignErrorEntry[],
  updatedOn: Date,
): Response {
  return c.json({ status: { ...status, updated_on: updatedOn.toISOString() }, errors }, httpStatus as 400);
}

export function authErrorResponse(c: Context, error: AuthError, updatedOn: Date): Response {
  // The docs pair −30008 with "Transaction not attempted"; every other auth failure is "Not authorized".
  const status = error.code === AUTH_ERRORS.invalidAuthMethod.code ? NOT_ATTEMPTED : NOT_AUTHORIZED;
  return telesignError(c, 401, status, [error], updatedOn);
}

export function badRequestResponse(c: Context, description: string, updatedOn: Date): Response {
  return telesignError(c, 400, NOT_ATTEMPTED, [{ code: BAD_REQUEST_CODE, description }], updatedOn);
}

/** Injected status faults, in Telesign's shape. */
export function telesignFaultResponse(c: Context, httpStatus: number, message: string): Response {
  const now = new Date();
  if (httpStatus === 401 || httpStatus === 403) {
    return telesignError(c, httpStatus, NOT_AUTHORIZED, [{ code: AUTH_ERRORS.invalidCustomerId.code, description: message }], now);
  }
  const code = httpStatus >= 500 || httpStatus === 429 ? FAULT_CODE : BAD_REQUEST_CODE;
  return telesignError(c, httpStatus, NOT_ATTEMPTED, [{ code, description: message }], now);
}
