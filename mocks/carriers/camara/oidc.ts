import type { Context, Hono, MiddlewareHandler } from 'hono';
import { E164 } from '../../world/subscriber.ts';
import { baseUrlOf, type CarrierContext } from '../carrier.ts';
import { authenticateClient, type ClientAuthPolicy, type ClientKeyCache } from './auth.ts';
import { ID_TOKEN_ALG, type IdTokenSigner } from './id-token.ts';
import { oauthError, oauthFaultResponse, oauthJson, readForm, type OAuthFailure } from './errors.ts';
import { exchangeAuthorizationCode, mountAuthorizationCodeFlow, type AuthorizationCodeStore } from './authorize.ts';
import { AUTHORIZATION_CODE_GRANT, CIBA_GRANT, CLIENT_CREDENTIALS_GRANT, type CamaraProfile } from './profiles.ts';
import { checkScope, FRAUD_PREVENTION_PURPOSE, type ScopeCatalog } from './scopes.ts';
import type { CamaraSettings } from './settings.ts';
import type { CibaRequestRecord, OperatorState } from './state.ts';

/**
 * The operator's OpenID Provider: discovery, JWKS, the token endpoint (client credentials and CIBA
 * poll) and the CIBA backchannel authentication endpoint. Errors are RFC 6749-shaped.
 */

export interface AuthorizationServerDeps {
  profile: CamaraProfile;
  ctx: CarrierContext;
  state: OperatorState;
  settings: CamaraSettings;
  signer: IdTokenSigner;
  keys: ClientKeyCache;
  scopes: ScopeCatalog;
  operators: ReadonlySet<string>;
  /** Request counting and fault injection for one endpoint. */
  instrument: (
    name: string,
    errorResponse: (c: Context, status: number, message: string) => Response,
    phoneNumberOf?: (c: Context) => Promise<string | undefined>,
  ) => [count: MiddlewareHandler, faults: MiddlewareHandler];
}

/** openid-client waits `interval` with a timer that may fire a hair early; don't call that polling too fast. */
const POLL_TOLERANCE_MS = 250;

export function mountAuthorizationServer(app: Hono, deps: AuthorizationServerDeps): void {
  const { profile, instrument } = deps;
  const phoneNumberOf = (c: Context) => phoneNumberOfOAuthRequest(c, deps.state);

  const discovery = instrument('discovery', oauthFaultResponse);
  app.get('/.well-known/openid-configuration', discovery[0], discovery[1], (c) =>
    c.json(discoveryDocument(baseUrlOf(c.req.url, deps.ctx.basePath), deps)),
  );
  const jwks = instrument('jwks', oauthFaultResponse);
  app.get('/jwks', jwks[0], jwks[1], async (c) => c.json(await deps.signer.jwks()));
  const codes = profile.grantTypes.includes(AUTHORIZATION_CODE_GRANT) ? mountAuthorizationCodeFlow(app, deps) : undefined;
  const token = instrument('token', oauthFaultResponse, phoneNumberOf);
  app.post('/token', token[0], token[1], (c) => tokenEndpoint(c, deps, codes));
  methodNotAllowed(app, '/token', 'POST');
  if (profile.cibaPath) {
    const bcAuthorize = instrument('bc-authorize', oauthFaultResponse, phoneNumberOf);
    app.post(profile.cibaPath, bcAuthorize[0], bcAuthorize[1], (c) => backchannelAuthorize(c, deps));
    methodNotAllowed(app, profile.cibaPath, 'POST');
  }
}

function discoveryDocument(issuer: string, { profile, scopes }: AuthorizationServerDeps): Record<string, unknown> {
  const ciba = profile.cibaPath && profile.grantTypes.includes(CIBA_GRANT);
  return {
    issuer,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    ...(profile.grantTypes.includes(AUTHORIZATION_CODE_GRANT)
      ? {
          authorization_endpoint: `${issuer}/authorize`,
          response_types_supported: ['code'],
          response_modes_supported: ['query'],
          code_challenge_methods_supported: ['S256'],
          prompt_values_supported: ['none'],
        }
      : {}),
    ...(ciba
      ? {
          backchannel_authentication_endpoint: `${issuer}${profile.cibaPath}`,
          backchannel_token_delivery_modes_supported: ['poll'],
          backchannel_user_code_parameter_supported: false,
        }
      : {}),
    grant_types_supported: profile.grantTypes,
    token_endpoint_auth_methods_supported: [profile.clientAuthMethod],
    ...(profile.clientAuthMethod === 'private_key_jwt' ? { token_endpoint_auth_signing_alg_values_supported: ['ES256'] } : {}),
    scopes_supported: ['openid', FRAUD_PREVENTION_PURPOSE, ...scopes.apiScopes],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: [ID_TOKEN_ALG],
    claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time'],
  };
}

async function tokenEndpoint(c: Context, deps: AuthorizationServerDeps, codes: AuthorizationCodeStore | undefined): Promise<Response> {
  const issuer = baseUrlOf(c.req.url, deps.ctx.basePath);
  const authenticated = await authenticate(c, deps, [issuer, `${issuer}/token`]);
  if ('failure' in authenticated) return oauthError(c, authenticated.failure);
  const { form, clientId, now } = authenticated;

  const grantType = form.get('grant_type');
  if (!grantType) return oauthError(c, invalidRequest('grant_type is required'));
  if (grantType !== CLIENT_CREDENTIALS_GRANT && grantType !== CIBA_GRANT && grantType !== AUTHORIZATION_CODE_GRANT) {
    return oauthError(c, { status: 400, error: 'unsupported_grant_type', description: `grant_type ${grantType} is not supported` });
  }
  if (!deps.profile.grantTypes.includes(grantType)) {
    return oauthError(c, { status: 400, error: 'unauthorized_client', description: `this client may not use the ${grantType} grant` });
  }
  if (grantType === AUTHORIZATION_CODE_GRANT) return exchangeAuthorizationCode(c, deps, codes!, form, clientId, now);
  return grantType === CLIENT_CREDENTIALS_GRANT
    ? clientCredentials(c, deps, form, clientId, now)
    : cibaPoll(c, deps, form, clientId, now, issuer);
}

function clientCredentials(c: Context, deps: AuthorizationServerDeps, form: URLSearchParams, clientId: string, now: number): Response {
  const scope = checkScope(form.get('scope'), deps.scopes, { requireOpenid: false });
  if (!scope.ok) return oauthError(c, { status: 400, error: 'invalid_scope', description: scope.description });
  const ttl = deps.settings.current.tokenTtlSeconds;
  const accessToken = deps.state.issueAccessToken(
    { clientId, grant: CLIENT_CREDENTIALS_GRANT, apiScopes: new Set(scope.granted.apiScopes), phoneNumber: null, expiresAt: now + ttl * 1000 },
    now,
  );
  const granted = scope.granted.text.split(' ').filter((token) => token !== 'openid').join(' ');
  return oauthJson(c, { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope: granted });
}

async function cibaPoll(
  c: Context,
  deps: AuthorizationServerDeps,
  form: URLSearchParams,
  clientId: string,
  now: number,
  issuer: string,
): Promise<Response> {
  const authReqId = form.get('auth_req_id');
  if (!authReqId) return oauthError(c, invalidRequest('auth_req_id is required'));
  const request = deps.state.findCibaRequest(authReqId);
  if (!request || request.clientId !== clientId) {
    return oauthError(c, { status: 400, error: 'invalid_grant', description: 'unknown, used or foreign auth_req_id' });
  }
  if (now >= request.expiresAt) {
    deps.state.finishCibaRequest(authReqId);
    return oauthError(c, { status: 400, error: 'expired_token', description: 'the authentication request has expired' });
  }
  if (now - request.lastPollAt < request.intervalSeconds * 1000 - POLL_TOLERANCE_MS) {
    request.lastPollAt = now;
    request.intervalSeconds += 5;
    return oauthError(c, { status: 400, error: 'slow_down', description: `poll at most every ${request.intervalSeconds} s` });
  }
  request.lastPollAt = now;
  if (now < request.approveAt) {
    return oauthError(c, { status: 400, error: 'authorization_pending', description: 'the user has not yet been authenticated' });
  }
  deps.state.finishCibaRequest(authReqId);
  if (request.denied) {
    return oauthError(c, { status: 400, error: 'access_denied', description: 'the user refused consent' });
  }
  return oauthJson(c, await cibaTokenResponse(deps, request, now, issuer));
}

async function cibaTokenResponse(
  deps: AuthorizationServerDeps,
  request: CibaRequestRecord,
  now: number,
  issuer: string,
): Promise<Record<string, unknown>> {
  const ttl = deps.settings.current.tokenTtlSeconds;
  const accessToken = deps.state.issueAccessToken(
    {
      clientId: request.clientId,
      grant: CIBA_GRANT,
      apiScopes: new Set(request.granted.apiScopes),
      phoneNumber: request.phoneNumber,
      expiresAt: now + ttl * 1000,
    },
    now,
  );
  const idToken = await deps.signer.sign({
    issuer,
    clientId: request.clientId,
    phoneNumber: request.phoneNumber,
    nowMs: now,
    ttlSeconds: ttl,
  });
  return { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope: request.granted.text, id_token: idToken };
}

async function backchannelAuthorize(c: Context, deps: AuthorizationServerDeps): Promise<Response> {
  const issuer = baseUrlOf(c.req.url, deps.ctx.basePath);
  const authenticated = await authenticate(c, deps, [issuer, `${issuer}${deps.profile.cibaPath}`]);
  if ('failure' in authenticated) return oauthError(c, authenticated.failure);
  const { form, clientId, now } = authenticated;

  if (!deps.profile.grantTypes.includes(CIBA_GRANT)) {
    return oauthError(c, { status: 400, error: 'unauthorized_client', description: 'this client may not use CIBA' });
  }
  const scope = checkScope(form.get('scope'), deps.scopes, { requireOpenid: true });
  if (!scope.ok) return oauthError(c, { status: 400, error: 'invalid_scope', description: scope.description });
  if (form.has('login_hint_token') || form.has('id_token_hint')) {
    return oauthError(c, invalidRequest('only login_hint is supported'));
  }
  const hint = form.get('login_hint');
  if (!hint) return oauthError(c, invalidRequest('login_hint is required'));
  const parsed = parseLoginHint(hint);
  if ('failure' in parsed) return oauthError(c, parsed.failure);
  if (!deps.ctx.world.isServedBy(parsed.phoneNumber, deps.operators)) {
    return oauthError(c, { status: 400, error: 'unknown_user_id', description: 'login_hint does not identify a subscriber of this operator' });
  }

  const settings = deps.settings.current;
  const request = deps.state.createCibaRequest(
    {
      clientId,
      granted: scope.granted,
      phoneNumber: parsed.phoneNumber,
      issuedAt: now,
      expiresAt: now + settings.cibaExpiresInSeconds * 1000,
      intervalSeconds: settings.cibaIntervalSeconds,
      lastPollAt: now,
      approveAt: now + settings.cibaApprovalDelayMs,
      denied: settings.cibaDenyAll || settings.cibaDenyNumbers.includes(parsed.phoneNumber),
    },
    now,
  );
  return oauthJson(c, {
    auth_req_id: request.authReqId,
    expires_in: settings.cibaExpiresInSeconds,
    interval: request.intervalSeconds,
  });
}

/** CAMARA login_hint: `tel:+E164` (RFC 3966, no separators); `phone_number:+E164` accepted too (Telefónica). */
export function parseLoginHint(hint: string): { phoneNumber: string } | { failure: OAuthFailure } {
  const match = /^(tel|phone_number):(.*)$/.exec(hint);
  if (!match) {
    return { failure: { status: 400, error: 'unknown_user_id', description: 'login_hint format not supported here (use tel:+E164)' } };
  }
  const phoneNumber = match[2]!;
  if (!E164.safeParse(phoneNumber).success) {
    return { failure: invalidRequest(`login_hint ${match[1]}: value must be an E.164 number with a leading +`) };
  }
  return { phoneNumber };
}

async function authenticate(
  c: Context,
  deps: AuthorizationServerDeps,
  audiences: string[],
): Promise<{ form: URLSearchParams; clientId: string; now: number } | { failure: OAuthFailure }> {
  const read = await readForm(c);
  if ('failure' in read) return read;
  const now = deps.ctx.world.now().getTime();
  const policy: ClientAuthPolicy = {
    method: deps.profile.clientAuthMethod,
    clients: deps.profile.clients,
    audiences,
    realm: audiences[0]!,
    now,
    state: deps.state,
    keys: deps.keys,
  };
  const result = await authenticateClient({ authorization: c.req.header('authorization'), form: read.form }, policy);
  return result.ok ? { form: read.form, clientId: result.clientId, now } : { failure: result.failure };
}

function invalidRequest(description: string): OAuthFailure {
  return { status: 400, error: 'invalid_request', description };
}

function methodNotAllowed(app: Hono, path: string, allow: string): void {
  app.all(path, (c) => oauthError(c, { status: 405, error: 'invalid_request', description: `use ${allow}`, headers: { allow } }));
}

/** For fault rules targeting one number: the login_hint of bc-authorize, or the line of a polled auth_req_id. */
async function phoneNumberOfOAuthRequest(c: Context, state: OperatorState): Promise<string | undefined> {
  const form = new URLSearchParams(await c.req.text());
  const hint = form.get('login_hint');
  if (hint) {
    const parsed = parseLoginHint(hint);
    return 'phoneNumber' in parsed ? parsed.phoneNumber : undefined;
  }
  const authReqId = form.get('auth_req_id');
  return authReqId ? state.findCibaRequest(authReqId)?.phoneNumber : undefined;
}
