import type { Context, Hono, MiddlewareHandler } from 'hono';
import { baseUrlOf } from '../carrier.ts';
import { DEVICE_IP_HEADER, subscriberOnDataSession } from '../camara/authorize.ts';
import { oauthError, oauthFaultResponse, oauthJson, readForm } from '../camara/errors.ts';
import { isLoopbackHttp, redirectTo, singleQueryParameter } from '../shared/authorization-request.ts';
import { camaraFaultResponse } from '../shared/camara-wire.ts';
import { E164 } from '../../world/subscriber.ts';
import type { World } from '../../world/world.ts';
import { rapidApiGateway } from './auth.ts';
import {
  NAC_ACCESS_TOKEN_TTL_SECONDS,
  NAC_CODE_TTL_MS,
  NAC_PENDING_TTL_MS,
  type NacAuthorizationState,
  type NacFlow,
} from './authorization-state.ts';
import type { NacCoverage } from './coverage.ts';
import { nacClientById, nacClientOfRapidApiKey } from './dev-credentials.ts';

/**
 * NaC's authorization server for Number Verification, as NaC's SDKs drive it.
 *
 * Behind RapidAPI (the application key and the listing's host):
 *   GET /oauth2/v1/auth/clientcredentials        → {client_id, client_secret} of the RapidAPI application
 *   GET /.well-known/openid-configuration         → {authorization_endpoint, token_endpoint, fast_flow_csp_auth_endpoint}
 *   GET /.well-known/oauth-authorization-server   (the same document)
 * On NaC's own auth host (no RapidAPI key: a device's browser and a token request come here):
 *   GET  /oauth2/v1/authorize                     standard flow: NaC → the operator → redirect_uri?code&state
 *   GET  /oauth2/v1/retrieve_csp_auth_url         fast flow: the same trip; NaC redeems the code itself in /verify
 *   GET  /camara/oauth2/v1/authorize              the operator's hop: network-based authentication of the device
 *   POST /oauth2/v1/token                         standard flow: the code → a 3-legged access token
 *
 * NaC is an aggregator: the login_hint (the number the app wants verified) tells it which operator
 * to send the device to. That operator recognises the device by its mobile data session (the
 * address in DEVICE_IP_HEADER, as at the CAMARA mocks' /authorize): a subscriber of that operator
 * on that session is the authenticated line; anything else is `access_denied` (Wi-Fi, another
 * operator, a number NaC cannot route). The line, not the login_hint, is what /verify compares.
 * In this mock the auth host is the carrier's own base URL (discovery names it).
 */

export const NV_VERIFY_SCOPE = 'number-verification:verify';
export const NV_SHARE_SCOPE = 'number-verification:device-phone-number:read';

const PATHS = {
  clientCredentials: '/oauth2/v1/auth/clientcredentials',
  authorize: '/oauth2/v1/authorize',
  fastFlow: '/oauth2/v1/retrieve_csp_auth_url',
  operatorHop: '/camara/oauth2/v1/authorize',
  token: '/oauth2/v1/token',
} as const;

export interface NacAuthorizationDeps {
  world: World;
  coverage: NacCoverage;
  state: NacAuthorizationState;
  basePath: string;
  /** Request counting and fault injection for one endpoint. */
  instrument: (
    name: string,
    errorResponse: (c: Context, status: number, message: string) => Response,
  ) => [count: MiddlewareHandler, faults: MiddlewareHandler];
}

/** The endpoint names requests are counted (and faults aimed) under. */
export const NAC_AUTH_ENDPOINTS = {
  clientCredentials: 'oauth2/clientcredentials',
  discovery: 'well-known',
  authorize: 'oauth2/authorize',
  fastFlow: 'oauth2/retrieve_csp_auth_url',
  operatorHop: 'camara/authorize',
  token: 'oauth2/token',
} as const;

export function mountNacAuthorizationServer(app: Hono, deps: NacAuthorizationDeps): void {
  const { instrument } = deps;
  // Behind RapidAPI: counted, then the key checks, then faults (as the NaC APIs).
  const clientCredentials = instrument(NAC_AUTH_ENDPOINTS.clientCredentials, camaraFaultResponse);
  app.get(PATHS.clientCredentials, clientCredentials[0], rapidApiGateway(), clientCredentials[1], (c) => {
    const client = nacClientOfRapidApiKey(c.req.header('x-rapidapi-key') ?? '');
    if (!client) return c.json({ message: 'You are not subscribed to this API.' }, 403);
    return c.json({ client_id: client.clientId, client_secret: client.clientSecret });
  });
  const discovery = instrument(NAC_AUTH_ENDPOINTS.discovery, camaraFaultResponse);
  for (const path of ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']) {
    app.get(path, discovery[0], rapidApiGateway(), discovery[1], (c) => c.json(discoveryDocument(baseUrlOf(c.req.url, deps.basePath))));
  }
  // On NaC's auth host: no RapidAPI key.
  const authorize = instrument(NAC_AUTH_ENDPOINTS.authorize, authorizeFaultAnswer);
  app.get(PATHS.authorize, authorize[0], authorize[1], (c) => startAuthorization(c, deps, 'standard'));
  const fastFlow = instrument(NAC_AUTH_ENDPOINTS.fastFlow, authorizeFaultAnswer);
  app.get(PATHS.fastFlow, fastFlow[0], fastFlow[1], (c) => startAuthorization(c, deps, 'fast'));
  const operatorHopAt = instrument(NAC_AUTH_ENDPOINTS.operatorHop, authorizeFaultAnswer);
  app.get(PATHS.operatorHop, operatorHopAt[0], operatorHopAt[1], (c) => operatorHop(c, deps));
  const token = instrument(NAC_AUTH_ENDPOINTS.token, oauthFaultResponse);
  app.post(PATHS.token, token[0], token[1], (c) => tokenEndpoint(c, deps));
}

function discoveryDocument(origin: string): Record<string, unknown> {
  return {
    issuer: origin,
    authorization_endpoint: `${origin}${PATHS.authorize}`,
    token_endpoint: `${origin}${PATHS.token}`,
    fast_flow_csp_auth_endpoint: `${origin}${PATHS.fastFlow}`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: [NV_VERIFY_SCOPE, NV_SHARE_SCOPE],
  };
}

/** NaC's /authorize (standard) or /retrieve_csp_auth_url (fast): checks the request, sends the device to the operator. */
function startAuthorization(c: Context, deps: NacAuthorizationDeps, flow: NacFlow): Response {
  const single = singleQueryParameter(c);
  // Nothing goes to a redirect_uri before the client and the redirect_uri are known good.
  const clientId = single('client_id');
  const client = clientId ? nacClientById(clientId) : undefined;
  if (!client) return refusal(c, 'client_id is missing or unknown');
  const redirectUri = single('redirect_uri');
  if (!redirectUri || !redirectUriAllowed(redirectUri)) {
    return refusal(c, 'redirect_uri is missing, or not an https URL (http only on a loopback host)');
  }

  const state = single('state');
  const fail = (error: string, description: string) => redirectTo(c, redirectUri, { error, error_description: description, state });
  if (state === null) return fail('invalid_request', 'state must not be repeated');
  for (const name of ['response_type', 'scope', 'login_hint']) {
    if (single(name) === null) return fail('invalid_request', `${name} must not be repeated`);
  }
  if (single('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
  const scopes = (single('scope') ?? '').split(' ');
  if (!scopes.includes(NV_VERIFY_SCOPE) && !scopes.includes(NV_SHARE_SCOPE)) {
    return fail('invalid_scope', `scope must include ${NV_VERIFY_SCOPE} or ${NV_SHARE_SCOPE}`);
  }
  const loginHint = single('login_hint');
  if (!loginHint || !E164.safeParse(loginHint).success) {
    return fail('invalid_request', 'login_hint (the phone number, E.164) is required: it names the operator');
  }
  const operator = routedOperator(deps, loginHint);
  // A number NaC cannot route to an operator looks like a device the operator cannot see.
  if (!operator) return fail('access_denied', 'the device could not be authenticated by the mobile network');

  const now = deps.world.now().getTime();
  const request = deps.state.addPending({ clientId: client.clientId, redirectUri, state, flow, operator, expiresAt: now + NAC_PENDING_TTL_MS }, now);
  const hop = new URL(`${baseUrlOf(c.req.url, deps.basePath)}${PATHS.operatorHop}`);
  hop.searchParams.set('request', request);
  return c.body(null, 302, { location: hop.href, 'cache-control': 'no-store' });
}

/** The operator's hop: the device's data session decides the line; back to the client with a code, or access_denied. */
function operatorHop(c: Context, deps: NacAuthorizationDeps): Response {
  const now = deps.world.now().getTime();
  const pending = deps.state.takePending(c.req.query('request') ?? '', now);
  if (!pending) return refusal(c, 'unknown, used or expired authorization request');
  const line = subscriberOnDataSession(deps.world, new Set([pending.operator]), c.req.header(DEVICE_IP_HEADER));
  if (!line) {
    return redirectTo(c, pending.redirectUri, {
      error: 'access_denied',
      error_description: 'the device could not be authenticated by the mobile network',
      state: pending.state,
    });
  }
  const code = deps.state.issueCode(
    {
      clientId: pending.clientId,
      redirectUri: pending.redirectUri,
      state: pending.state,
      flow: pending.flow,
      phoneNumber: line.phoneNumber,
      expiresAt: now + NAC_CODE_TTL_MS,
    },
    now,
  );
  return redirectTo(c, pending.redirectUri, { code, state: pending.state });
}

/** POST /oauth2/v1/token: grant_type=authorization_code with a standard-flow code; client_secret_basic or _post. */
async function tokenEndpoint(c: Context, deps: NacAuthorizationDeps): Promise<Response> {
  const read = await readForm(c);
  if ('failure' in read) return oauthError(c, read.failure);
  const { form } = read;
  const clientId = authenticatedClient(c, form);
  if (!clientId) {
    return oauthError(c, { status: 401, error: 'invalid_client', description: 'client authentication failed', headers: { 'www-authenticate': 'Basic' } });
  }
  if (form.get('grant_type') !== 'authorization_code') {
    return oauthError(c, { status: 400, error: 'unsupported_grant_type', description: 'only authorization_code is supported' });
  }
  const code = form.get('code');
  if (!code) return oauthError(c, { status: 400, error: 'invalid_request', description: 'code is required' });
  const now = deps.world.now().getTime();
  const record = deps.state.takeCode(code, now);
  const invalidGrant = (description: string) => oauthError(c, { status: 400, error: 'invalid_grant', description });
  if (!record || record.clientId !== clientId) return invalidGrant('unknown, used or expired authorization code');
  if (record.flow !== 'standard') return invalidGrant('a fast-flow code is redeemed by Network as Code in the verify call');
  const redirectUri = form.get('redirect_uri');
  if (redirectUri !== null && redirectUri !== record.redirectUri) return invalidGrant('redirect_uri does not match the authorization request');

  const accessToken = deps.state.issueToken(
    { clientId, phoneNumber: record.phoneNumber, expiresAt: now + NAC_ACCESS_TOKEN_TTL_SECONDS * 1000 },
    now,
  );
  return oauthJson(c, { access_token: accessToken, token_type: 'Bearer', expires_in: NAC_ACCESS_TOKEN_TTL_SECONDS });
}

function authenticatedClient(c: Context, form: URLSearchParams): string | undefined {
  const basic = /^Basic\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  let id: string | null;
  let secret: string | null;
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    id = decodeURIComponent(decoded.slice(0, colon));
    secret = decodeURIComponent(decoded.slice(colon + 1));
  } else {
    id = form.get('client_id');
    secret = form.get('client_secret');
  }
  const client = id ? nacClientById(id) : undefined;
  return client && client.clientSecret === secret ? client.clientId : undefined;
}

/** The operator NaC sends the device to for this number: one it has an agreement with. */
function routedOperator(deps: NacAuthorizationDeps, phoneNumber: string): string | undefined {
  const subscriber = deps.world.get(phoneNumber);
  return subscriber && deps.coverage.agreementOf(subscriber.operator) ? subscriber.operator : undefined;
}

function redirectUriAllowed(redirectUri: string): boolean {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return false;
  }
  if (url.hash !== '' || url.username !== '' || url.password !== '') return false;
  return url.protocol === 'https:' || isLoopbackHttp(url);
}

/** A request NaC cannot send back to any redirect_uri: its own JSON error. */
function refusal(c: Context, description: string): Response {
  return c.json({ error: 'invalid_request', error_description: description }, 400, { 'cache-control': 'no-store' });
}

/** Injected status faults on the device-facing endpoints: NaC's JSON error, never a redirect. */
function authorizeFaultAnswer(c: Context, status: number, message: string): Response {
  const error = status >= 500 ? 'server_error' : 'invalid_request';
  return c.json({ error, error_description: message }, status as 400, { 'cache-control': 'no-store' });
}
