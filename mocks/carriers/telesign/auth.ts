import { createHmac, timingSafeEqual } from 'node:crypto';
import { AUTH_ERRORS, type AuthError } from './errors.ts';
import type { NonceMemory } from './nonce-memory.ts';

/**
 * The mock's own verifier of Telesign request authentication, written apart from the adapter's
 * signer (node:crypto here, Web Crypto there) so a mistake in either shows up as a refusal.
 *
 * Digest ("TSA") string-to-sign, as the Telesign SDKs build it:
 *   METHOD \n Content-Type (POST/PUT, else empty) \n Date \n x-ts-* headers as `name:value`
 *   lines sorted by name \n [body \n] resource path
 * When the date travels in x-ts-date instead of Date, the Date line is empty and x-ts-date is
 * one of the x-ts-* lines.
 */

export interface IncomingRequest {
  method: string;
  /** Path below the carrier's mount point, e.g. `/v1/phoneid/447700900001`. */
  resource: string;
  /** Header lookup, case-insensitive. */
  header(name: string): string | undefined;
  /** Every header, names lowercased. */
  headers: ReadonlyArray<[string, string]>;
  body: string;
}

export interface VerifierOptions {
  accounts: ReadonlyMap<string, string>;
  nonces: NonceMemory;
  now: number;
  dateToleranceMs: number;
  requireTsa: boolean;
}

export type AuthResult = { ok: true; customerId: string; scheme: 'basic' | 'tsa' } | { ok: false; error: AuthError };

const NONCE_LENGTH = { min: 8, max: 128 };
const RFC_822_DATE =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2,4} \d{2}:\d{2}(?::\d{2})? (?:GMT|UT|UTC|[+-]\d{4})$/;
const TSA = /^TSA ([^:\s]+):(\S+)$/;
const BASIC = /^Basic ([A-Za-z0-9+/=]+)$/;

export function authenticate(request: IncomingRequest, options: VerifierOptions): AuthResult {
  const authorization = request.header('authorization');
  if (authorization === undefined || authorization.trim() === '') return refused(AUTH_ERRORS.missingAuthorization);
  if (authorization.startsWith('Basic ')) {
    if (options.requireTsa) return refused(AUTH_ERRORS.badAuthorizationFormat);
    return basic(authorization, options);
  }
  return digest(authorization, request, options);
}

function basic(authorization: string, options: VerifierOptions): AuthResult {
  const match = BASIC.exec(authorization);
  const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon <= 0) return refused(AUTH_ERRORS.badAuthorizationFormat);
  const customerId = decoded.slice(0, colon);
  const apiKey = options.accounts.get(customerId);
  if (apiKey === undefined) return refused(AUTH_ERRORS.invalidCustomerId);
  if (!sameText(decoded.slice(colon + 1), apiKey)) return refused(AUTH_ERRORS.invalidApiKey);
  return { ok: true, customerId, scheme: 'basic' };
}

function digest(authorization: string, request: IncomingRequest, options: VerifierOptions): AuthResult {
  const match = TSA.exec(authorization);
  if (!match) return refused(AUTH_ERRORS.badAuthorizationFormat);
  const customerId = match[1]!;
  const apiKey = options.accounts.get(customerId);
  if (apiKey === undefined) return refused(AUTH_ERRORS.invalidCustomerId);

  if (request.header('x-ts-auth-method') !== 'HMAC-SHA256') return refused(AUTH_ERRORS.invalidAuthMethod);

  const tsDate = request.header('x-ts-date');
  const dateText = tsDate ?? request.header('date');
  if (dateText === undefined) return refused(AUTH_ERRORS.missingDate);
  const sentAt = RFC_822_DATE.test(dateText.trim()) ? Date.parse(dateText) : Number.NaN;
  if (Number.isNaN(sentAt)) return refused(AUTH_ERRORS.dateNotRfc822);
  if (Math.abs(options.now - sentAt) > options.dateToleranceMs) return refused(AUTH_ERRORS.dateOutOfRange);

  const nonce = request.header('x-ts-nonce') ?? '';
  if (nonce.length < NONCE_LENGTH.min || nonce.length > NONCE_LENGTH.max) return refused(AUTH_ERRORS.badNonceLength);

  const expected = createHmac('sha256', hmacKeyOf(apiKey)).update(stringToSign(request, tsDate !== undefined), 'utf8').digest();
  const presented = Buffer.from(match[2]!, 'base64');
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return refused(AUTH_ERRORS.invalidSignature);

  // Checked after the signature: only a correctly signed request can spend a nonce.
  if (options.nonces.wasUsed(customerId, nonce, options.now)) return refused(AUTH_ERRORS.nonceReused);
  options.nonces.remember(customerId, nonce, options.now, 2 * options.dateToleranceMs);
  return { ok: true, customerId, scheme: 'tsa' };
}

function stringToSign(request: IncomingRequest, dateInTsHeader: boolean): string {
  const method = request.method.toUpperCase();
  const contentType = method === 'POST' || method === 'PUT' ? (request.header('content-type') ?? '') : '';
  const tsHeaders = request.headers
    .filter(([name]) => name.startsWith('x-ts-'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value}`);
  const lines = [method, contentType, dateInTsHeader ? '' : (request.header('date') ?? ''), ...tsHeaders];
  if (contentType !== '' && request.body !== '') lines.push(request.body);
  lines.push(request.resource);
  return lines.join('\n');
}

/**
 * The API key's bytes, decoded as the SDKs decode it: characters outside the standard base64
 * alphabet are skipped (Node's own decoder would read '-' and '_' as base64url instead).
 */
function hmacKeyOf(apiKey: string): Buffer {
  return Buffer.from(apiKey.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

function refused(error: AuthError): AuthResult {
  return { ok: false, error };
}
