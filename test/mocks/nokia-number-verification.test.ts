/**
 * The mock NaC's Number Verification on the wire, as NaC's SDKs drive it: client credentials and
 * discovery behind RapidAPI, the device's trip (NaC's endpoint → the operator's hop, which reads
 * the simulated data session), both flows' proof at /verify and /device-phone-number, the token
 * endpoint, and every refusal. (NaC's v0 path is Number Verification 1.x-shaped; the official
 * files pinned here are 2.x, so answers are checked by hand.)
 */
import { describe, expect, it } from 'vitest';
import { DEVICE_IP_HEADER } from '../../mocks/carriers/camara/authorize.ts';
import { NAC_DEV_CLIENT, NAC_DEV_RAPIDAPI_KEY, NAC_LISTING_HOST } from '../../mocks/carriers/nokia/dev-credentials.ts';
import { basic, bearer, getJson, postForm, postJson, useHarness } from './support/harness.ts';

const h = useHarness();

const RAPIDAPI = { 'x-rapidapi-key': NAC_DEV_RAPIDAPI_KEY, 'x-rapidapi-host': NAC_LISTING_HOST };
const NV = '/passthrough/camara/v1/number-verification/number-verification/v0';
const CALLBACK = 'http://127.0.0.1:9/callback';
const BRIGHTWAVE = { number: '+447700900502', ip: '100.64.20.2' };
const SCOPE = 'dpv:FraudPreventionAndDetection number-verification:verify';

const nac = (path: string) => `${h.base('nokia')}${path}`;

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  fast_flow_csp_auth_endpoint: string;
}

async function discovery(): Promise<Discovery> {
  const answer = await getJson(nac('/.well-known/openid-configuration'), RAPIDAPI);
  expect(answer.status).toBe(200);
  return answer.body as Discovery;
}

function authorizationUrl(endpoint: string, params: Record<string, string | undefined> = {}): URL {
  const url = new URL(endpoint);
  const all = { response_type: 'code', client_id: NAC_DEV_CLIENT.clientId, redirect_uri: CALLBACK, scope: SCOPE, state: 'st', login_hint: BRIGHTWAVE.number, ...params };
  for (const [name, value] of Object.entries(all)) if (value !== undefined) url.searchParams.set(name, value);
  return url;
}

/** One hop of the device's browser: the status and where it is sent. */
async function hop(url: URL, deviceIp?: string): Promise<{ status: number; location: URL | undefined; body: string }> {
  const response = await fetch(url, { redirect: 'manual', headers: deviceIp ? { [DEVICE_IP_HEADER]: deviceIp } : {} });
  const location = response.headers.get('location');
  return { status: response.status, location: location ? new URL(location, url) : undefined, body: await response.text() };
}

/** NaC's endpoint → the operator's hop → the callback's query. */
async function trip(endpoint: string, deviceIp: string | undefined, params: Record<string, string | undefined> = {}): Promise<URLSearchParams> {
  const first = await hop(authorizationUrl(endpoint, params), deviceIp);
  expect(first.status).toBe(302);
  expect(first.location!.pathname).toBe('/carriers/nokia/camara/oauth2/v1/authorize');
  const second = await hop(first.location!, deviceIp);
  expect(second.status).toBe(302);
  expect(second.location!.origin + second.location!.pathname).toBe(CALLBACK);
  return second.location!.searchParams;
}

function verify(query: string, body: unknown = { phoneNumber: BRIGHTWAVE.number }, headers: Record<string, string> = {}) {
  return postJson(nac(`${NV}/verify${query}`), body, { ...RAPIDAPI, ...headers });
}

describe('behind RapidAPI: the application’s NaC client and the authorization server’s endpoints', () => {
  it('hands the subscribed application its client, and names the endpoints under NaC’s auth host', async () => {
    const credentials = await getJson(nac('/oauth2/v1/auth/clientcredentials'), RAPIDAPI);
    expect(credentials).toMatchObject({ status: 200, body: { client_id: NAC_DEV_CLIENT.clientId, client_secret: NAC_DEV_CLIENT.clientSecret } });
    const metadata = await discovery();
    expect(metadata).toMatchObject({
      authorization_endpoint: nac('/oauth2/v1/authorize'),
      token_endpoint: nac('/oauth2/v1/token'),
      fast_flow_csp_auth_endpoint: nac('/oauth2/v1/retrieve_csp_auth_url'),
    });
    expect((await getJson(nac('/.well-known/oauth-authorization-server'), RAPIDAPI)).body).toEqual(metadata);
  });

  it('refuses them without the key, as RapidAPI does', async () => {
    expect((await getJson(nac('/oauth2/v1/auth/clientcredentials'))).status).toBe(401);
    expect((await getJson(nac('/.well-known/openid-configuration'), { 'x-rapidapi-key': 'nope', 'x-rapidapi-host': NAC_LISTING_HOST })).status).toBe(403);
  });
});

describe("the device's trip", () => {
  it('fast flow: a code for the line of the data session, the state echoed; NaC redeems it once in /verify?code&state', async () => {
    const callback = await trip((await discovery()).fast_flow_csp_auth_endpoint, BRIGHTWAVE.ip);
    expect(callback.get('state')).toBe('st');
    const code = callback.get('code')!;
    const answer = await verify(`?code=${code}&state=st`);
    expect(answer).toMatchObject({ status: 200, body: { devicePhoneNumberVerified: true } });
    expect(answer.headers.get('x-correlator')).toBeTruthy();
    const replay = await verify(`?code=${code}&state=st`);
    expect(replay).toMatchObject({ status: 401, body: { status: 401, code: 'UNAUTHENTICATED' } });
  });

  it('fast flow: another number claimed, or its SHA-256, is compared with the authenticated line', async () => {
    const endpoint = (await discovery()).fast_flow_csp_auth_endpoint;
    const other = (await trip(endpoint, BRIGHTWAVE.ip)).get('code')!;
    expect((await verify(`?code=${other}&state=st`, { phoneNumber: '+447700900501' })).body).toEqual({ devicePhoneNumberVerified: false });
    const hashed = (await trip(endpoint, BRIGHTWAVE.ip)).get('code')!;
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(BRIGHTWAVE.number))).toString('hex');
    expect((await verify(`?code=${hashed}&state=st`, { hashedPhoneNumber: digest })).body).toEqual({ devicePhoneNumberVerified: true });
  });

  it('fast flow: the code needs its own state, and is spent by a wrong one', async () => {
    const code = (await trip((await discovery()).fast_flow_csp_auth_endpoint, BRIGHTWAVE.ip)).get('code')!;
    expect((await verify(`?code=${code}&state=other`)).status).toBe(401);
    expect((await verify(`?code=${code}&state=st`)).status).toBe(401);
  });

  it('device-phone-number answers the authenticated line', async () => {
    const code = (await trip((await discovery()).fast_flow_csp_auth_endpoint, BRIGHTWAVE.ip)).get('code')!;
    const answer = await getJson(nac(`${NV}/device-phone-number?code=${code}&state=st`), RAPIDAPI);
    expect(answer).toMatchObject({ status: 200, body: { devicePhoneNumber: BRIGHTWAVE.number } });
  });

  it('standard flow: the code redeemed at the token endpoint (basic or post client auth) gives a Bearer for /verify; a fast-flow code is not', async () => {
    const metadata = await discovery();
    const code = (await trip(metadata.authorization_endpoint, BRIGHTWAVE.ip)).get('code')!;
    const token = await postForm(metadata.token_endpoint, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK }, basic(NAC_DEV_CLIENT.clientId, NAC_DEV_CLIENT.clientSecret));
    expect(token).toMatchObject({ status: 200, body: { token_type: 'Bearer', access_token: expect.any(String), expires_in: expect.any(Number) } });
    const accessToken = (token.body as { access_token: string }).access_token;
    expect((await verify('', undefined, bearer(accessToken))).body).toEqual({ devicePhoneNumberVerified: true });
    // A standard code is not accepted as a fast-flow proof, nor twice at the token endpoint.
    const posted = (await trip(metadata.authorization_endpoint, BRIGHTWAVE.ip)).get('code')!;
    expect((await verify(`?code=${posted}&state=st`)).status).toBe(401);
    const again = await postForm(metadata.token_endpoint, { grant_type: 'authorization_code', code: posted, client_id: NAC_DEV_CLIENT.clientId, client_secret: NAC_DEV_CLIENT.clientSecret });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const fastCode = (await trip(metadata.fast_flow_csp_auth_endpoint, BRIGHTWAVE.ip)).get('code')!;
    const fastAtToken = await postForm(metadata.token_endpoint, { grant_type: 'authorization_code', code: fastCode }, basic(NAC_DEV_CLIENT.clientId, NAC_DEV_CLIENT.clientSecret));
    expect(fastAtToken).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('the token endpoint refuses other client credentials (401 invalid_client) and another redirect_uri (invalid_grant)', async () => {
    const metadata = await discovery();
    const code = (await trip(metadata.authorization_endpoint, BRIGHTWAVE.ip)).get('code')!;
    const wrongSecret = await postForm(metadata.token_endpoint, { grant_type: 'authorization_code', code }, basic(NAC_DEV_CLIENT.clientId, 'wrong'));
    expect(wrongSecret).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const other = (await trip(metadata.authorization_endpoint, BRIGHTWAVE.ip)).get('code')!;
    const moved = await postForm(metadata.token_endpoint, { grant_type: 'authorization_code', code: other, redirect_uri: 'https://app.example/cb' }, basic(NAC_DEV_CLIENT.clientId, NAC_DEV_CLIENT.clientSecret));
    expect(moved).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it.each([
    ['over Wi-Fi (no data session)', BRIGHTWAVE.number, undefined],
    ['on another operator’s data session', BRIGHTWAVE.number, '100.64.30.2'],
  ])('access_denied %s', async (_case, loginHint, deviceIp) => {
    const callback = await trip((await discovery()).fast_flow_csp_auth_endpoint, deviceIp, { login_hint: loginHint });
    expect(Object.fromEntries(callback)).toMatchObject({ error: 'access_denied', state: 'st' });
    expect(callback.has('code')).toBe(false);
  });

  it.each([
    ['a number at an operator without an agreement', { login_hint: '+447700900002' }, 'access_denied'],
    ['an unknown number', { login_hint: '+447700900990' }, 'access_denied'],
    ['no login_hint', { login_hint: undefined }, 'invalid_request'],
    ['a scope without Number Verification', { scope: 'dpv:FraudPreventionAndDetection sim-swap' }, 'invalid_scope'],
    ['another response_type', { response_type: 'token' }, 'unsupported_response_type'],
  ])('%s: back to the client with error=%s, no operator hop', async (_case, params, error) => {
    const answer = await hop(authorizationUrl((await discovery()).fast_flow_csp_auth_endpoint, params), BRIGHTWAVE.ip);
    expect(answer.status).toBe(302);
    expect(answer.location!.origin + answer.location!.pathname).toBe(CALLBACK);
    expect(answer.location!.searchParams.get('error')).toBe(error);
  });

  it.each([
    ['an unknown client', { client_id: 'someone' }],
    ['an http redirect_uri off loopback', { redirect_uri: 'http://app.example/cb' }],
  ])('%s: 400, nothing sent to the redirect_uri', async (_case, params) => {
    const answer = await hop(authorizationUrl((await discovery()).authorization_endpoint, params), BRIGHTWAVE.ip);
    expect(answer.status).toBe(400);
    expect(answer.location).toBeUndefined();
  });

  it('the operator hop is single-use', async () => {
    const first = await hop(authorizationUrl((await discovery()).fast_flow_csp_auth_endpoint), BRIGHTWAVE.ip);
    expect((await hop(first.location!, BRIGHTWAVE.ip)).status).toBe(302);
    expect((await hop(first.location!, BRIGHTWAVE.ip)).status).toBe(400);
  });
});

describe('/verify without a proof of the device', () => {
  it('403 USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK with the RapidAPI key alone; 401 for an unknown token', async () => {
    expect(await verify('')).toMatchObject({ status: 403, body: { code: 'NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK' } });
    expect(await verify('', undefined, bearer('not-a-token'))).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
  });

  it('RapidAPI refuses a request without the key before NaC looks at the code', async () => {
    const code = (await trip((await discovery()).fast_flow_csp_auth_endpoint, BRIGHTWAVE.ip)).get('code')!;
    expect((await postJson(nac(`${NV}/verify?code=${code}&state=st`), { phoneNumber: BRIGHTWAVE.number })).status).toBe(401);
    // The code was not spent.
    expect((await verify(`?code=${code}&state=st`)).body).toEqual({ devicePhoneNumberVerified: true });
  });

  it('400 INVALID_ARGUMENT for a body with both or neither identifier', async () => {
    const endpoint = (await discovery()).fast_flow_csp_auth_endpoint;
    for (const body of [{}, { phoneNumber: BRIGHTWAVE.number, hashedPhoneNumber: 'a'.repeat(64) }]) {
      const code = (await trip(endpoint, BRIGHTWAVE.ip)).get('code')!;
      expect(await verify(`?code=${code}&state=st`, body)).toMatchObject({ status: 400, body: { code: 'INVALID_ARGUMENT' } });
    }
  });
});
