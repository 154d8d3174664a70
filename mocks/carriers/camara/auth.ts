import { decodeJwt, importJWK, jwtVerify, errors as joseErrors, type CryptoKey } from 'jose';
import type { OAuthFailure } from './errors.ts';
import type { ClientAuthMethod, RegisteredClient } from './profiles.ts';
import type { OperatorState } from './state.ts';

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** ICM: a client assertion may live at most 300 s. */
const MAX_ASSERTION_LIFETIME_S = 300;
const CLOCK_TOLERANCE_S = 5;

export interface ClientAuthPolicy {
  method: ClientAuthMethod;
  clients: readonly RegisteredClient[];
  /** Accepted `aud` values of client assertions: the issuer and the endpoint URLs. */
  audiences: string[];
  /** Realm of WWW-Authenticate challenges. */
  realm: string;
  now: number;
  state: OperatorState;
  keys: ClientKeyCache;
}

export type ClientAuthResult = { ok: true; clientId: string } | { ok: false; failure: OAuthFailure };

/** Imports each client's public JWK once per operator instance. */
export class ClientKeyCache {
  private readonly keys = new Map<string, Promise<CryptoKey | Uint8Array>>();

  get(client: RegisteredClient): Promise<CryptoKey | Uint8Array> {
    let key = this.keys.get(client.clientId);
    if (!key) {
      if (!client.publicJwk) throw new Error(`client ${client.clientId} has no public key`);
      key = importJWK(client.publicJwk, 'ES256');
      this.keys.set(client.clientId, key);
    }
    return key;
  }
}

/**
 * Authenticates the client strictly by the operator's one method: another method, even with
 * correct credentials, is refused with 401 invalid_client (RFC 6749 §5.2).
 */
export async function authenticateClient(
  request: { authorization: string | undefined; form: URLSearchParams },
  policy: ClientAuthPolicy,
): Promise<ClientAuthResult> {
  const presented = presentedMethods(request);
  const challenge = (used: ClientAuthMethod | undefined) =>
    used === 'client_secret_basic' || (used === undefined && policy.method === 'client_secret_basic')
      ? { 'www-authenticate': `Basic realm="${policy.realm}"` }
      : undefined;
  const fail = (description: string, used: ClientAuthMethod | undefined): ClientAuthResult => ({
    ok: false,
    failure: { status: 401, error: 'invalid_client', description, headers: challenge(used) },
  });

  if (presented.length > 1) {
    return { ok: false, failure: { status: 400, error: 'invalid_request', description: 'more than one client authentication method used' } };
  }
  const used = presented[0];
  if (!used) return fail('client authentication required', undefined);
  if (used !== policy.method) {
    return fail(`client authentication method ${used} is not allowed for this client; use ${policy.method}`, used);
  }

  if (used === 'private_key_jwt') return verifyAssertion(request.form, policy, (d) => fail(d, used));

  const credentials = used === 'client_secret_basic' ? parseBasic(request.authorization!) : fromForm(request.form);
  if (!credentials) return fail('malformed client credentials', used);
  const bodyClientId = request.form.get('client_id');
  if (used === 'client_secret_basic' && bodyClientId !== null && bodyClientId !== credentials.clientId) {
    return { ok: false, failure: { status: 400, error: 'invalid_request', description: 'client_id does not match the Authorization header' } };
  }
  const client = policy.clients.find((candidate) => candidate.clientId === credentials.clientId);
  if (!client || client.clientSecret === undefined || client.clientSecret !== credentials.secret) {
    return fail('client authentication failed', used);
  }
  return { ok: true, clientId: client.clientId };
}

function presentedMethods(request: { authorization: string | undefined; form: URLSearchParams }): ClientAuthMethod[] {
  const methods: ClientAuthMethod[] = [];
  if (/^basic\s/i.test(request.authorization ?? '')) methods.push('client_secret_basic');
  if (request.form.has('client_secret')) methods.push('client_secret_post');
  if (request.form.has('client_assertion') || request.form.has('client_assertion_type')) methods.push('private_key_jwt');
  return methods;
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before being joined and base64-encoded. */
function parseBasic(header: string): { clientId: string; secret: string } | undefined {
  try {
    const decoded = Buffer.from(header.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) return undefined;
    const formDecode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
    return { clientId: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

function fromForm(form: URLSearchParams): { clientId: string; secret: string } | undefined {
  const clientId = form.get('client_id');
  const secret = form.get('client_secret');
  return clientId && secret !== null ? { clientId, secret } : undefined;
}

async function verifyAssertion(
  form: URLSearchParams,
  policy: ClientAuthPolicy,
  fail: (description: string) => ClientAuthResult,
): Promise<ClientAuthResult> {
  if (form.get('client_assertion_type') !== JWT_BEARER_ASSERTION_TYPE) {
    return fail(`client_assertion_type must be ${JWT_BEARER_ASSERTION_TYPE}`);
  }
  const assertion = form.get('client_assertion') ?? '';
  let issuer: unknown;
  try {
    issuer = decodeJwt(assertion).iss;
  } catch {
    return fail('client_assertion is not a JWT');
  }
  const client = policy.clients.find((candidate) => candidate.clientId === issuer && candidate.publicJwk);
  if (!client) return fail('unknown client');
  const bodyClientId = form.get('client_id');
  if (bodyClientId !== null && bodyClientId !== client.clientId) return fail('client_id does not match the assertion issuer');

  try {
    const { payload } = await jwtVerify(assertion, await policy.keys.get(client), {
      algorithms: ['ES256'],
      issuer: client.clientId,
      subject: client.clientId,
      audience: policy.audiences,
      requiredClaims: ['exp', 'iat', 'jti'],
      currentDate: new Date(policy.now),
      clockTolerance: CLOCK_TOLERANCE_S,
    });
    const exp = payload.exp!;
    const iat = payload.iat!;
    const nowSeconds = policy.now / 1000;
    if (exp - iat > MAX_ASSERTION_LIFETIME_S || exp - nowSeconds > MAX_ASSERTION_LIFETIME_S + CLOCK_TOLERANCE_S) {
      return fail(`client assertion lifetime exceeds ${MAX_ASSERTION_LIFETIME_S} s`);
    }
    if (!policy.state.rememberJti(client.clientId, String(payload.jti), exp * 1000, policy.now)) {
      return fail('client assertion jti already used');
    }
    return { ok: true, clientId: client.clientId };
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return fail(`invalid client assertion: ${error.message}`);
    throw error;
  }
}
