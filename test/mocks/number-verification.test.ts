/**
 * Mock Number Verification: the authorization-code flow with network-based authentication
 * (/authorize, /token) and the NV 2.x API (/verify, /device-phone-number), validated against the
 * official 2.1.0 (albion) and 2.0.0 (brightwave) definitions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { AUTHORIZATION_CODE_TTL_MS, DEVICE_IP_HEADER } from '../../mocks/carriers/camara/authorize.ts';
import { loadSpec, responseSchema, NEEDS_SPECS, specsAvailable, validate } from './support/openapi.ts';
import {
  CLIENT_ID,
  FRAUD,
  SECRETS,
  bearer,
  cibaToken,
  clientAuth,
  clientCredentialsToken,
  getJson,
  postForm,
  postJson,
  send,
  useHarness,
  type JsonReply,
} from './support/harness.ts';

const h = useHarness();

const ALBION_DEVICE = { number: '+447700900002', ip: '100.64.10.2' };
const ALBION_OTHER_DEVICE = { number: '+447700900001', ip: '100.64.10.1' };
const BRIGHTWAVE_DEVICE = { number: '+447700900502', ip: '100.64.20.2' };
const LIBERTY_DEVICE_IP = '100.64.30.2';
const CALLBACK = 'http://127.0.0.1:3000/nv/callback';
const VERIFY_SCOPE = `openid ${FRAUD} number-verification:verify`;
const SPECS = { albion: 'number-verification/2.1.0/number-verification.yaml', brightwave: 'number-verification/2.0.0/number-verification.yaml' } as const;
type NvCarrier = keyof typeof SPECS;

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(carrierId: string, params: Record<string, string | undefined>): string {
  const url = new URL(`${h.base(carrierId)}/authorize`);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.append(name, value);
  return url.href;
}

/** A complete, valid authorization request; `overrides` replaces (or with undefined removes) parameters. */
function authorizeParams(challenge: string, overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: CALLBACK,
    scope: VERIFY_SCOPE,
    state: 'state-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    prompt: 'none',
    ...overrides,
  };
}

/** GET /authorize as the device's browser would, without following the redirect. */
async function authorize(url: string, deviceIp?: string): Promise<Response> {
  return fetch(url, { redirect: 'manual', headers: deviceIp ? { [DEVICE_IP_HEADER]: deviceIp } : {} });
}

function redirectParams(response: Response): URLSearchParams {
  expect(response.status).toBe(302);
  const location = response.headers.get('location')!;
  expect(location.startsWith(CALLBACK)).toBe(true);
  return new URL(location).searchParams;
}

async function exchange(carrierId: string, params: Record<string, string>): Promise<JsonReply> {
  const url = `${h.base(carrierId)}/token`;
  const auth = await clientAuth(h, carrierId, url);
  return postForm(url, { grant_type: 'authorization_code', ...params, ...auth.params }, auth.headers);
}

/** A network-authenticated token for the device on `ip`, by the whole authorization-code flow. */
async function deviceToken(carrierId: string, ip: string, scope = VERIFY_SCOPE): Promise<string> {
  const { verifier, challenge } = pkce();
  const code = redirectParams(await authorize(authorizeUrl(carrierId, authorizeParams(challenge, { scope })), ip)).get('code');
  const token = await exchange(carrierId, { code: code!, redirect_uri: CALLBACK, code_verifier: verifier });
  if (token.status !== 200) throw new Error(`token exchange failed: ${token.text}`);
  return token.body.access_token;
}

function expectConforms(carrierId: NvCarrier, path: '/verify' | '/device-phone-number', response: JsonReply): void {
  expect(response.headers.get('x-correlator')).toBeTruthy();
  if (!specsAvailable) return; // the conformance half needs the official files: see the skipped test's reason
  const doc = loadSpec(SPECS[carrierId]);
  const schema = responseSchema(doc, path, response.status, path === '/verify' ? 'post' : 'get');
  expect(schema, `status ${response.status} documented for ${path}`).toBeDefined();
  expect(validate(doc, schema!, response.body, { closed: true })).toEqual([]);
}

it.skipIf(!specsAvailable)(`checks answers against the official YAML (${NEEDS_SPECS})`, () => {
  expect(responseSchema(loadSpec(SPECS.albion), '/verify', 200)).toBeDefined();
  expect(responseSchema(loadSpec(SPECS.brightwave), '/device-phone-number', 200, 'get')).toBeDefined();
});

describe('discovery', () => {
  it.each(['albion', 'brightwave'])('%s publishes the authorization endpoint, code flow and S256', async (carrierId) => {
    const base = h.base(carrierId);
    const response = await getJson(`${base}/.well-known/openid-configuration`);
    expect(response.body).toMatchObject({
      authorization_endpoint: `${base}/authorize`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: expect.arrayContaining(['authorization_code']),
      scopes_supported: expect.arrayContaining(['number-verification:verify', 'number-verification:device-phone-number:read']),
    });
  });

  it('liberty offers no authorization-code flow and no Number Verification', async () => {
    const base = h.base('liberty');
    const response = await getJson(`${base}/.well-known/openid-configuration`);
    expect(response.body).not.toHaveProperty('authorization_endpoint');
    expect(response.body.grant_types_supported).not.toContain('authorization_code');
    expect((await authorize(`${base}/authorize`, LIBERTY_DEVICE_IP)).status).toBe(404);
    const token = await exchange('liberty', { code: 'x', redirect_uri: CALLBACK, code_verifier: 'y' });
    expect(token.body.error).toBe('unauthorized_client');
  });
});

describe('GET /authorize: network-based authentication', () => {
  it('recognises the line by its data session and redirects with a code and the state', async () => {
    const { challenge } = pkce();
    const response = await authorize(authorizeUrl('albion', authorizeParams(challenge)), ALBION_DEVICE.ip);
    const params = redirectParams(response);
    expect(params.get('code')).toMatch(/^[\w-]{20,}$/);
    expect(params.get('state')).toBe('state-123');
    expect(params.has('error')).toBe(false);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(h.net.stats.get('albion', 'authorize')).toBeGreaterThan(0);
  });

  it('keeps the query of a redirect_uri and leaves the number out of the redirect', async () => {
    const { challenge } = pkce();
    const redirect = `${CALLBACK}?app=demo`;
    const response = await authorize(authorizeUrl('albion', authorizeParams(challenge, { redirect_uri: redirect })), ALBION_DEVICE.ip);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('app')).toBe('demo');
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(location.href).not.toContain(ALBION_DEVICE.number.slice(1));
  });

  it.each([
    ['no device address at all', undefined],
    ['an address that is no data session', '100.64.99.99'],
    ['the data session of another operator', BRIGHTWAVE_DEVICE.ip],
    ['a line of this operator without a data session (Wi-Fi)', 'none'],
  ])('redirects with access_denied and the state for %s', async (_case, ip) => {
    if (ip === 'none') {
      h.net.world.put(ALBION_DEVICE.number, { ...h.net.world.get(ALBION_DEVICE.number)!, dataSession: null });
      ip = ALBION_DEVICE.ip;
    }
    const { challenge } = pkce();
    const params = redirectParams(await authorize(authorizeUrl('albion', authorizeParams(challenge)), ip));
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('state')).toBe('state-123');
    expect(params.has('code')).toBe(false);
  });

  it.each([
    ['an unknown client_id', { client_id: 'someone-else' }],
    ['no client_id', { client_id: undefined }],
    ['a redirect_uri on another host', { redirect_uri: 'https://evil.example/callback' }],
    ['an https redirect_uri on loopback (only http loopback is registered)', { redirect_uri: 'https://127.0.0.1:3000/cb' }],
    ['no redirect_uri', { redirect_uri: undefined }],
  ])('answers a 400 page and never redirects for %s', async (_case, overrides) => {
    const { challenge } = pkce();
    const response = await authorize(authorizeUrl('albion', authorizeParams(challenge, overrides)), ALBION_DEVICE.ip);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('accepts any loopback port and localhost for the development client', async () => {
    for (const redirect of ['http://127.0.0.1:54321/cb', 'http://localhost:8080/v1/number-verification/callback']) {
      const { challenge } = pkce();
      const response = await authorize(authorizeUrl('brightwave', authorizeParams(challenge, { redirect_uri: redirect })), BRIGHTWAVE_DEVICE.ip);
      expect(response.status).toBe(302);
      expect(new URL(response.headers.get('location')!).searchParams.get('code')).toBeTruthy();
    }
  });

  it.each([
    ['response_type token', { response_type: 'token' }, 'unsupported_response_type'],
    ['no response_type', { response_type: undefined }, 'invalid_request'],
    ['no code_challenge (PKCE is required)', { code_challenge: undefined }, 'invalid_request'],
    ['code_challenge_method plain', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['no code_challenge_method', { code_challenge_method: undefined }, 'invalid_request'],
    ['a malformed code_challenge', { code_challenge: 'short' }, 'invalid_request'],
    ['an unknown scope', { scope: `openid ${FRAUD} number-verification:everything` }, 'invalid_scope'],
    ['no purpose', { scope: 'openid number-verification:verify' }, 'invalid_scope'],
    ['no API scope', { scope: `openid ${FRAUD}` }, 'invalid_scope'],
    ['a request_uri', { request_uri: 'urn:example:1' }, 'request_uri_not_supported'],
  ])('redirects with the error for %s', async (_case, overrides, error) => {
    const { challenge } = pkce();
    const params = redirectParams(await authorize(authorizeUrl('albion', authorizeParams(challenge, overrides)), ALBION_DEVICE.ip));
    expect(params.get('error')).toBe(error);
    expect(params.get('state')).toBe('state-123');
    expect(params.has('code')).toBe(false);
  });

  it('redirects with invalid_request for a repeated parameter', async () => {
    const { challenge } = pkce();
    const url = `${authorizeUrl('albion', authorizeParams(challenge))}&scope=openid`;
    expect(redirectParams(await authorize(url, ALBION_DEVICE.ip)).get('error')).toBe('invalid_request');
  });

  it('accepts the legacy single-token scope of Number Verification 0.3.1', async () => {
    const { challenge } = pkce();
    const scope = `openid ${FRAUD}#number-verification-verify-read`;
    const params = redirectParams(await authorize(authorizeUrl('albion', authorizeParams(challenge, { scope })), ALBION_DEVICE.ip));
    expect(params.get('code')).toBeTruthy();
  });

  it('answers 405 to POST, and an injected fault as an error page of that status', async () => {
    expect((await fetch(`${h.base('albion')}/authorize`, { method: 'POST' })).status).toBe(405);
    h.net.faults.add({ carrier: 'albion', endpoint: 'authorize', kind: 'status', status: 503, times: 1 });
    const { challenge } = pkce();
    const response = await authorize(authorizeUrl('albion', authorizeParams(challenge)), ALBION_DEVICE.ip);
    expect(response.status).toBe(503);
    expect(response.headers.get('location')).toBeNull();
  });

  it('targets a fault at the number whose device comes to /authorize', async () => {
    h.net.faults.add({ carrier: 'albion', endpoint: 'authorize', phoneNumber: ALBION_OTHER_DEVICE.number, kind: 'status', status: 500 });
    const { challenge } = pkce();
    expect((await authorize(authorizeUrl('albion', authorizeParams(challenge)), ALBION_DEVICE.ip)).status).toBe(302);
    expect((await authorize(authorizeUrl('albion', authorizeParams(challenge)), ALBION_OTHER_DEVICE.ip)).status).toBe(500);
  });
});

describe('POST /token with an authorization code', () => {
  async function codeFor(carrierId: string, ip: string, extra: Record<string, string> = {}) {
    const { verifier, challenge } = pkce();
    const params = redirectParams(await authorize(authorizeUrl(carrierId, authorizeParams(challenge, extra)), ip));
    return { code: params.get('code')!, verifier };
  }

  it('issues a Bearer token and an ID token with the nonce, amr nba and a pairwise sub', async () => {
    const { code, verifier } = await codeFor('albion', ALBION_DEVICE.ip, { nonce: 'n-0S6_WzA2Mj' });
    const token = await exchange('albion', { code, redirect_uri: CALLBACK, code_verifier: verifier });
    expect(token.status).toBe(200);
    expect(token.headers.get('cache-control')).toBe('no-store');
    expect(token.body).toMatchObject({ token_type: 'Bearer', expires_in: expect.any(Number), scope: VERIFY_SCOPE });
    const claims = decodeJwt(token.body.id_token);
    expect(claims).toMatchObject({ iss: h.base('albion'), aud: CLIENT_ID, nonce: 'n-0S6_WzA2Mj', amr: ['nba'] });
    expect(JSON.stringify(claims)).not.toContain(ALBION_DEVICE.number.slice(1));
  });

  it('issues no ID token without openid', async () => {
    const { code, verifier } = await codeFor('albion', ALBION_DEVICE.ip, { scope: `${FRAUD} number-verification:verify` });
    const token = await exchange('albion', { code, redirect_uri: CALLBACK, code_verifier: verifier });
    expect(token.status).toBe(200);
    expect(token.body).not.toHaveProperty('id_token');
  });

  it('accepts a code once only', async () => {
    const { code, verifier } = await codeFor('albion', ALBION_DEVICE.ip);
    expect((await exchange('albion', { code, redirect_uri: CALLBACK, code_verifier: verifier })).status).toBe(200);
    const again = await exchange('albion', { code, redirect_uri: CALLBACK, code_verifier: verifier });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
  });

  it.each([
    ['a wrong code_verifier', (v: string) => ({ redirect_uri: CALLBACK, code_verifier: `${v}x` })],
    ['no code_verifier', () => ({ redirect_uri: CALLBACK })],
    ['another redirect_uri', (v: string) => ({ redirect_uri: 'http://127.0.0.1:3000/other', code_verifier: v })],
  ])('answers invalid_grant for %s, and the code is spent', async (_case, params) => {
    const { code, verifier } = await codeFor('albion', ALBION_DEVICE.ip);
    const wrong = await exchange('albion', { code, ...(params(verifier) as Record<string, string>) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');
    const right = await exchange('albion', { code, redirect_uri: CALLBACK, code_verifier: verifier });
    expect(right.body.error).toBe('invalid_grant');
  });

  it('answers invalid_grant for an expired code and for a code of another operator', async () => {
    const expired = await codeFor('albion', ALBION_DEVICE.ip);
    h.advance(AUTHORIZATION_CODE_TTL_MS + 1000);
    expect((await exchange('albion', { code: expired.code, redirect_uri: CALLBACK, code_verifier: expired.verifier })).body.error).toBe('invalid_grant');
    const foreign = await codeFor('brightwave', BRIGHTWAVE_DEVICE.ip);
    expect((await exchange('albion', { code: foreign.code, redirect_uri: CALLBACK, code_verifier: foreign.verifier })).body.error).toBe('invalid_grant');
  });

  it('needs client authentication and the code and redirect_uri parameters', async () => {
    const { code, verifier } = await codeFor('albion', ALBION_DEVICE.ip);
    const anonymous = await postForm(`${h.base('albion')}/token`, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: verifier });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toBe('invalid_client');
    expect((await exchange('albion', { redirect_uri: CALLBACK, code_verifier: verifier })).body.error).toBe('invalid_request');
    expect((await exchange('albion', { code, code_verifier: verifier })).body.error).toBe('invalid_request');
  });

  it('works with openid-client as a real relying party would use it', async () => {
    const config = await client.discovery(new URL(h.base('albion')), CLIENT_ID, undefined, client.ClientSecretBasic(SECRETS.albion), {
      execute: [client.allowInsecureRequests],
    });
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: VERIFY_SCOPE,
      state,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      prompt: 'none',
    });
    const callback = new URL((await authorize(url.href, ALBION_DEVICE.ip)).headers.get('location')!);
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.token_type).toBe('bearer');
    const verify = await postJson(`${h.base('albion')}/number-verification/v2/verify`, { phoneNumber: ALBION_DEVICE.number }, bearer(tokens.access_token));
    expect(verify.body).toEqual({ devicePhoneNumberVerified: true });
  });
});

describe.each(['albion', 'brightwave'] as const)('Number Verification API at %s', (carrierId) => {
  const device = carrierId === 'albion' ? ALBION_DEVICE : BRIGHTWAVE_DEVICE;
  const verifyUrl = () => `${h.base(carrierId)}/number-verification/v2/verify`;
  const shareUrl = () => `${h.base(carrierId)}/number-verification/v2/device-phone-number`;
  const hash = (number: string) => createHash('sha256').update(number).digest('hex');

  it.each([
    ['its own number', true, () => ({ phoneNumber: device.number })],
    ['another number', false, () => ({ phoneNumber: '+447700900003' })],
    ['its own number hashed (lowercase hex of the E.164 string with +)', true, () => ({ hashedPhoneNumber: hash(device.number) })],
    ['its own number hashed (uppercase hex)', true, () => ({ hashedPhoneNumber: hash(device.number).toUpperCase() })],
    ['its own number hashed without the +', false, () => ({ hashedPhoneNumber: hash(device.number.slice(1)) })],
    ['another number hashed', false, () => ({ hashedPhoneNumber: hash('+447700900003') })],
  ])('verify %s → devicePhoneNumberVerified %s', async (_case, verified, body) => {
    const token = await deviceToken(carrierId, device.ip);
    const response = await postJson(verifyUrl(), body(), bearer(token));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ devicePhoneNumberVerified: verified });
    expectConforms(carrierId, '/verify', response);
  });

  it('device-phone-number returns the line the network authenticated', async () => {
    const token = await deviceToken(carrierId, device.ip, `openid ${FRAUD} number-verification:device-phone-number:read`);
    const response = await getJson(shareUrl(), bearer(token));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ devicePhoneNumber: device.number });
    expectConforms(carrierId, '/device-phone-number', response);
  });

  it('403 USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK for a CIBA token, on both operations', async () => {
    const token = await cibaToken(h, carrierId, device.number, `openid ${FRAUD} number-verification:verify number-verification:device-phone-number:read`);
    for (const response of [await postJson(verifyUrl(), { phoneNumber: device.number }, bearer(token)), await getJson(shareUrl(), bearer(token))]) {
      expect(response.status).toBe(403);
      expect(response.body).toEqual({
        status: 403,
        code: 'NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK',
        message: expect.any(String),
      });
    }
    expectConforms(carrierId, '/verify', await postJson(verifyUrl(), { phoneNumber: device.number }, bearer(token)));
  });

  it('403 PERMISSION_DENIED for a network-authenticated token without the operation scope', async () => {
    const shareOnly = await deviceToken(carrierId, device.ip, `openid ${FRAUD} number-verification:device-phone-number:read`);
    const verify = await postJson(verifyUrl(), { phoneNumber: device.number }, bearer(shareOnly));
    expect(verify.status).toBe(403);
    expect(verify.body.code).toBe('PERMISSION_DENIED');
    expectConforms(carrierId, '/verify', verify);
    const verifyOnly = await deviceToken(carrierId, device.ip);
    expect((await getJson(shareUrl(), bearer(verifyOnly))).body.code).toBe('PERMISSION_DENIED');
  });

  it('401 UNAUTHENTICATED without a token or with an unknown one', async () => {
    for (const headers of [{}, bearer('not-a-token')]) {
      const response = await postJson(verifyUrl(), { phoneNumber: device.number }, headers);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
      expectConforms(carrierId, '/verify', response);
    }
  });

  it.each([
    ['both fields', () => ({ phoneNumber: device.number, hashedPhoneNumber: hash(device.number) })],
    ['neither field', () => ({})],
    ['an unknown field only', () => ({ msisdn: device.number })],
    ['a number without +', () => ({ phoneNumber: device.number.slice(1) })],
    ['an empty body', () => ''],
    ['a body that is not JSON', () => '{"phoneNumber":'],
  ])('400 INVALID_ARGUMENT for %s', async (_case, body) => {
    const token = await deviceToken(carrierId, device.ip);
    const response = await postJson(verifyUrl(), body(), bearer(token));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_ARGUMENT');
    expect(response.text).not.toContain(device.number.slice(1));
    expectConforms(carrierId, '/verify', response);
  });

  it('405 for the wrong method on each operation', async () => {
    expect((await send('GET', verifyUrl())).status).toBe(405);
    const post = await send('POST', shareUrl(), {});
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });
});

describe('version differences', () => {
  it('2.1.0 (albion) refuses a hashedPhoneNumber that is not 64 hex digits; 2.0.0 (brightwave) has no pattern and answers false', async () => {
    const albion = await postJson(`${h.base('albion')}/number-verification/v2/verify`, { hashedPhoneNumber: 'xyz' }, bearer(await deviceToken('albion', ALBION_DEVICE.ip)));
    expect(albion.status).toBe(400);
    const brightwave = await postJson(
      `${h.base('brightwave')}/number-verification/v2/verify`,
      { hashedPhoneNumber: 'xyz' },
      bearer(await deviceToken('brightwave', BRIGHTWAVE_DEVICE.ip)),
    );
    expect(brightwave.status).toBe(200);
    expect(brightwave.body).toEqual({ devicePhoneNumberVerified: false });
  });

  it('x-correlator: 2.1.0 accepts the Commonalities 0.6 characters, 2.0.0 only [a-zA-Z0-9-]; both echo', async () => {
    const wide = 'abc:123;{x}';
    const albion = await postJson(
      `${h.base('albion')}/number-verification/v2/verify`,
      { phoneNumber: ALBION_DEVICE.number },
      { ...bearer(await deviceToken('albion', ALBION_DEVICE.ip)), 'x-correlator': wide },
    );
    expect(albion.status).toBe(200);
    expect(albion.headers.get('x-correlator')).toBe(wide);
    const brightwaveToken = await deviceToken('brightwave', BRIGHTWAVE_DEVICE.ip);
    const refused = await postJson(`${h.base('brightwave')}/number-verification/v2/verify`, { phoneNumber: BRIGHTWAVE_DEVICE.number }, { ...bearer(brightwaveToken), 'x-correlator': wide });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('INVALID_ARGUMENT');
    const echoed = await postJson(
      `${h.base('brightwave')}/number-verification/v2/verify`,
      { phoneNumber: BRIGHTWAVE_DEVICE.number },
      { ...bearer(brightwaveToken), 'x-correlator': 'b4333c46-49c0-4f62-80d7-f0ef930f1c46' },
    );
    expect(echoed.headers.get('x-correlator')).toBe('b4333c46-49c0-4f62-80d7-f0ef930f1c46');
  });

  it('a 2-legged token at brightwave is refused like CIBA: 403 USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK', async () => {
    const cc = await clientCredentialsToken(h, `${FRAUD} number-verification:verify`);
    const response = await postJson(`${h.base('brightwave')}/number-verification/v2/verify`, { phoneNumber: BRIGHTWAVE_DEVICE.number }, bearer(cc));
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK');
    expectConforms('brightwave', '/verify', response);
  });
});
