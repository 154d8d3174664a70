import { createHash, randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { Subscriber } from '../../world/subscriber.ts';
import type { World } from '../../world/world.ts';
import { baseUrlOf } from '../carrier.ts';
import { isLoopbackHttp, redirectTo, singleQueryParameter } from '../shared/authorization-request.ts';
import { oauthError, oauthJson, type OAuthFailure } from './errors.ts';
import type { AuthorizationServerDeps } from './oidc.ts';
import { AUTHORIZATION_CODE_GRANT, type RegisteredClient } from './profiles.ts';
import { checkScope, type GrantedScope } from './scopes.ts';

/**
 * The OIDC authorization-code flow with network-based authentication (CAMARA ICM, Number
 * Verification's normal flow). The device's browser comes to GET /authorize over its mobile data;
 * the operator recognises the line from the data session, shows no UI (prompt=none is implied)
 * and redirects back with a code, which the client's backend exchanges at /token.
 *
 * Every test request comes from 127.0.0.1, so the address the operator would see on its mobile
 * bearer is carried in DEVICE_IP_HEADER, which this mock trusts. A World subscriber of this
 * operator whose `dataSession.ipv4` is that address is the authenticated line.
 */

/** Simulates the source address of the device's mobile data session. */
export const DEVICE_IP_HEADER = 'x-mock-device-ip';

/** Codes are short-lived (RFC 6749 §4.1.2 recommends at most 10 minutes). */
export const AUTHORIZATION_CODE_TTL_MS = 60_000;

/** RFC 7636 §4.1: 43–128 unreserved characters (the S256 challenge is always 43). */
const CODE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

/** ICM: an authorization code flow that authenticated the line by its mobile data session. */
export const NETWORK_BASED_AMR = 'nba';

interface AuthorizationCodeRecord {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  phoneNumber: string;
  granted: GrantedScope;
  nonce: string | undefined;
  expiresAt: number;
}

/** Issued codes: single-use, bound to client, redirect_uri and PKCE challenge. */
export class AuthorizationCodeStore {
  private readonly codes = new Map<string, AuthorizationCodeRecord>();

  issue(record: AuthorizationCodeRecord, now: number): string {
    for (const [code, entry] of this.codes) if (entry.expiresAt <= now) this.codes.delete(code);
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, record);
    return code;
  }

  /** Removes the code whatever happens next: a code is presented once, right or wrong. */
  take(code: string): AuthorizationCodeRecord | undefined {
    const record = this.codes.get(code);
    this.codes.delete(code);
    return record;
  }
}

/**
 * Registered redirect URIs match exactly. A client with `loopbackRedirects` may also use any
 * http URI on a loopback host, any port (RFC 8252 §7.3): the gateway's callback on an ephemeral port.
 */
export function redirectUriAllowed(client: RegisteredClient, redirectUri: string): boolean {
  if (client.redirectUris?.includes(redirectUri)) return true;
  if (!client.loopbackRedirects) return false;
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return false;
  }
  return isLoopbackHttp(url);
}

/** The subscriber of this operator whose mobile data session has this address. */
export function subscriberOnDataSession(
  world: World,
  operators: ReadonlySet<string>,
  ipv4: string | undefined,
): ({ phoneNumber: string } & Subscriber) | undefined {
  if (!ipv4) return undefined;
  return world.list().find((s) => s.dataSession?.ipv4 === ipv4 && operators.has(s.operator));
}

export function mountAuthorizationCodeFlow(app: Hono, deps: AuthorizationServerDeps): AuthorizationCodeStore {
  const codes = new AuthorizationCodeStore();
  const [count, faults] = deps.instrument('authorize', authorizeFaultPage, async (c) =>
    subscriberOnDataSession(deps.ctx.world, deps.operators, c.req.header(DEVICE_IP_HEADER))?.phoneNumber,
  );
  app.get('/authorize', count, faults, (c) => authorize(c, deps, codes));
  app.all('/authorize', (c) => errorPage(c, 405, 'Use GET for the authorization endpoint.', { allow: 'GET' }));
  return codes;
}

function authorize(c: Context, deps: AuthorizationServerDeps, codes: AuthorizationCodeStore): Response {
  const query = new URL(c.req.url).searchParams;
  const single = singleQueryParameter(c);

  // Nothing is sent to a redirect_uri before client and redirect_uri are known to belong together.
  const clientId = single('client_id');
  const client = clientId ? deps.profile.clients.find((candidate) => candidate.clientId === clientId) : undefined;
  if (!client) return errorPage(c, 400, 'Unknown or missing client_id: the authorization request cannot be answered.');
  const redirectUri = single('redirect_uri');
  if (!redirectUri || !redirectUriAllowed(client, redirectUri)) {
    return errorPage(c, 400, 'Missing redirect_uri, or one not registered for this client: the authorization request cannot be answered.');
  }

  const state = single('state');
  const fail = (error: string, description: string) => redirectTo(c, redirectUri, { error, error_description: description, state });
  if (state === null) return fail('invalid_request', 'state must not be repeated');
  for (const name of ['response_type', 'scope', 'code_challenge', 'code_challenge_method', 'nonce', 'prompt']) {
    if (single(name) === null) return fail('invalid_request', `${name} must not be repeated`);
  }
  if (query.has('request_uri')) return fail('request_uri_not_supported', 'request_uri is not supported');
  if (query.has('request')) return fail('request_not_supported', 'request objects are not supported');
  const responseType = single('response_type');
  if (!responseType) return fail('invalid_request', 'response_type is required');
  if (responseType !== 'code') return fail('unsupported_response_type', 'only response_type=code is supported');

  const scope = checkScope(single('scope') ?? null, deps.scopes, { requireOpenid: false });
  if (!scope.ok) return fail('invalid_scope', scope.description);
  const challenge = single('code_challenge');
  if (!challenge) return fail('invalid_request', 'PKCE is required: code_challenge is missing');
  if (single('code_challenge_method') !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
  if (!CODE_CHALLENGE.test(challenge)) return fail('invalid_request', 'code_challenge is malformed');
  // prompt: NV 2.x says the provider implies prompt=none; no value changes anything here.

  const subscriber = subscriberOnDataSession(deps.ctx.world, deps.operators, c.req.header(DEVICE_IP_HEADER));
  if (!subscriber) {
    // ICM Appendix A: access_denied covers "the user cannot be authenticated"; no UI may be shown instead.
    return fail('access_denied', 'the device could not be authenticated by the mobile network (no data session of this operator)');
  }
  const now = deps.ctx.world.now().getTime();
  const code = codes.issue(
    {
      clientId: client.clientId,
      redirectUri,
      codeChallenge: challenge,
      phoneNumber: subscriber.phoneNumber,
      granted: scope.granted,
      nonce: single('nonce') ?? undefined,
      expiresAt: now + AUTHORIZATION_CODE_TTL_MS,
    },
    now,
  );
  return redirectTo(c, redirectUri, { code, state });
}

/** POST /token with grant_type=authorization_code, after client authentication. */
export async function exchangeAuthorizationCode(
  c: Context,
  deps: AuthorizationServerDeps,
  codes: AuthorizationCodeStore,
  form: URLSearchParams,
  clientId: string,
  now: number,
): Promise<Response> {
  const code = form.get('code');
  if (!code) return oauthError(c, invalidRequest('code is required'));
  const redirectUri = form.get('redirect_uri');
  if (!redirectUri) return oauthError(c, invalidRequest('redirect_uri is required (it was sent with the authorization request)'));
  const verifier = form.get('code_verifier');

  const record = codes.take(code);
  const invalidGrant = (description: string) => oauthError(c, { status: 400, error: 'invalid_grant', description });
  if (!record || record.expiresAt <= now) return invalidGrant('unknown, used or expired authorization code');
  if (record.clientId !== clientId) return invalidGrant('the authorization code was issued to another client');
  if (record.redirectUri !== redirectUri) return invalidGrant('redirect_uri does not match the authorization request');
  if (!verifier) return invalidGrant('code_verifier is required (PKCE)');
  if (createHash('sha256').update(verifier).digest('base64url') !== record.codeChallenge) {
    return invalidGrant('code_verifier does not match the code_challenge');
  }

  const ttl = deps.settings.current.tokenTtlSeconds;
  const accessToken = deps.state.issueAccessToken(
    {
      clientId,
      grant: AUTHORIZATION_CODE_GRANT,
      apiScopes: new Set(record.granted.apiScopes),
      phoneNumber: record.phoneNumber,
      expiresAt: now + ttl * 1000,
    },
    now,
  );
  const body: Record<string, unknown> = { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope: record.granted.text };
  if (record.granted.openid) {
    body.id_token = await deps.signer.sign({
      issuer: baseUrlOf(c.req.url, deps.ctx.basePath),
      clientId,
      phoneNumber: record.phoneNumber,
      nowMs: now,
      ttlSeconds: ttl,
      extraClaims: { amr: [NETWORK_BASED_AMR], ...(record.nonce !== undefined ? { nonce: record.nonce } : {}) },
    });
  }
  return oauthJson(c, body);
}

function errorPage(c: Context, status: number, message: string, headers: Record<string, string> = {}): Response {
  const html = `<!doctype html><title>Authorization error</title><h1>Authorization error</h1><p>${escapeHtml(message)}</p>`;
  return c.html(html, status as 400, { 'cache-control': 'no-store', ...headers });
}

/** Injected status faults at /authorize: the operator's error page, never a redirect. */
function authorizeFaultPage(c: Context, status: number, message: string): Response {
  return errorPage(c, status, message);
}

function invalidRequest(description: string): OAuthFailure {
  return { status: 400, error: 'invalid_request', description };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
