import { importJWK, SignJWT, generateKeyPair, decodeJwt } from 'jose';
import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { LIBERTY_CLIENT_PRIVATE_JWK } from '../../mocks/carriers/camara/dev-credentials.ts';
import {
  CIBA_GRANT,
  CLIENT_ID,
  FRAUD,
  SECRETS,
  basic,
  bearer,
  getJson,
  libertyAssertion,
  pollCiba,
  postForm,
  postJson,
  send,
  startCiba,
  useHarness,
} from './support/harness.ts';

const h = useHarness();

const EXPECTED = {
  albion: { ciba: '/bc-authorize', method: 'client_secret_basic', grants: [CIBA_GRANT, 'authorization_code'] },
  brightwave: { ciba: '/bc_authorize', method: 'client_secret_post', grants: ['client_credentials', CIBA_GRANT, 'authorization_code'] },
  liberty: { ciba: '/bc_authorize', method: 'private_key_jwt', grants: [CIBA_GRANT] },
} as const;

describe('discovery', () => {
  it.each(Object.entries(EXPECTED))('%s publishes its metadata with issuer = base URL exactly', async (id, expected) => {
    const base = h.base(id);
    const response = await getJson(`${base}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      issuer: base,
      token_endpoint: `${base}/token`,
      jwks_uri: `${base}/jwks`,
      backchannel_authentication_endpoint: `${base}${expected.ciba}`,
      backchannel_token_delivery_modes_supported: ['poll'],
      grant_types_supported: expected.grants,
      token_endpoint_auth_methods_supported: [expected.method],
    });
    expect(response.body.scopes_supported).toEqual(expect.arrayContaining(['openid', FRAUD, 'sim-swap:check', 'sim-swap:retrieve-date']));
    const jwks = await getJson(response.body.jwks_uri);
    expect(jwks.body.keys).toEqual([expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: expect.any(String) })]);
    expect(jwks.body.keys[0]).not.toHaveProperty('d');
  });

  it.each(Object.keys(EXPECTED))('openid-client discovery() accepts %s', async (id) => {
    const config = await client.discovery(new URL(h.base(id)), CLIENT_ID, undefined, undefined, {
      execute: [client.allowInsecureRequests],
    });
    expect(config.serverMetadata().issuer).toBe(h.base(id));
  });

  it('the issuer follows the host the client used', async () => {
    const viaLocalhost = h.net.url.replace('127.0.0.1', 'localhost');
    const response = await getJson(`${viaLocalhost}/carriers/albion/.well-known/openid-configuration`);
    expect(response.body.issuer).toBe(`${viaLocalhost}/carriers/albion`);
  });
});

describe('client credentials (brightwave, client_secret_post)', () => {
  const tokenUrl = () => `${h.base('brightwave')}/token`;
  const post = { client_id: CLIENT_ID, client_secret: SECRETS.brightwave };

  it('issues an opaque Bearer token through openid-client', async () => {
    const config = await client.discovery(new URL(h.base('brightwave')), CLIENT_ID, undefined, client.ClientSecretPost(SECRETS.brightwave), {
      execute: [client.allowInsecureRequests],
    });
    const token = await client.clientCredentialsGrant(config, { scope: `${FRAUD} sim-swap:check` });
    expect(token.token_type).toBe('bearer');
    expect(token.expires_in).toBe(3600);
    expect(token.scope).toBe(`${FRAUD} sim-swap:check`);
    expect(token.access_token.split('.')).toHaveLength(1);
  });

  it('accepts the legacy single-token purpose scope', async () => {
    const response = await postForm(tokenUrl(), { grant_type: 'client_credentials', scope: `${FRAUD}#sim-swap`, ...post });
    expect(response.status).toBe(200);
    const check = await postJson(`${h.base('brightwave')}/sim-swap/v2/check`, { phoneNumber: '+447700900501', maxAge: 72 }, bearer(response.body.access_token));
    expect(check.body).toEqual({ swapped: true });
  });

  it('refuses HTTP Basic even with the right secret: 401 invalid_client with WWW-Authenticate', async () => {
    const response = await postForm(tokenUrl(), { grant_type: 'client_credentials', scope: `${FRAUD} sim-swap` }, basic(CLIENT_ID, SECRETS.brightwave));
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: 'invalid_client', error_description: expect.stringMatching(/client_secret_post/) });
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
  });

  it.each([
    ['a wrong secret', { client_id: CLIENT_ID, client_secret: 'nope' }],
    ['an unknown client', { client_id: 'someone', client_secret: SECRETS.brightwave }],
    ['no client authentication', {}],
  ])('401 invalid_client for %s', async (_label, credentials) => {
    const response = await postForm(tokenUrl(), { grant_type: 'client_credentials', scope: `${FRAUD} sim-swap`, ...credentials });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_client');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['no scope', undefined],
    ['no purpose', 'sim-swap:check'],
    ['another purpose', 'dpv:Marketing sim-swap:check'],
    ['an unknown API scope', `${FRAUD} kyc-match:match`],
    ['a purpose without API scope', FRAUD],
  ])('400 invalid_scope for %s', async (_label, scope) => {
    const response = await postForm(tokenUrl(), { grant_type: 'client_credentials', ...(scope ? { scope } : {}), ...post });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_scope');
  });

  it('400 unsupported_grant_type, invalid_request for a missing grant_type or a JSON body, 405 for GET', async () => {
    expect((await postForm(tokenUrl(), { grant_type: 'password', username: 'x', password: 'y', ...post })).body.error).toBe('unsupported_grant_type');
    expect((await postForm(tokenUrl(), { scope: `${FRAUD} sim-swap`, ...post })).body.error).toBe('invalid_request');
    const json = await postJson(tokenUrl(), { grant_type: 'client_credentials', ...post });
    expect(json.status).toBe(400);
    expect(json.body.error).toBe('invalid_request');
    expect((await send('GET', tokenUrl())).status).toBe(405);
  });

  it('albion and liberty do not allow client credentials: 400 unauthorized_client', async () => {
    const albion = await postForm(`${h.base('albion')}/token`, { grant_type: 'client_credentials', scope: `${FRAUD} sim-swap` }, basic(CLIENT_ID, SECRETS.albion));
    expect(albion.status).toBe(400);
    expect(albion.body.error).toBe('unauthorized_client');
    const libertyUrl = `${h.base('liberty')}/token`;
    const liberty = await postForm(libertyUrl, {
      grant_type: 'client_credentials',
      scope: `${FRAUD} sim-swap`,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await libertyAssertion(h.base('liberty'), h.now()),
    });
    expect(liberty.body.error).toBe('unauthorized_client');
  });
});

describe('CIBA through openid-client', () => {
  it('albion (client_secret_basic): token with a signed, pairwise ID token that works on the API', async () => {
    const base = h.base('albion');
    const config = await client.discovery(new URL(base), CLIENT_ID, undefined, client.ClientSecretBasic(SECRETS.albion), {
      execute: [client.allowInsecureRequests],
    });
    client.enableNonRepudiationChecks(config);
    const started = await client.initiateBackchannelAuthentication(config, {
      scope: `openid ${FRAUD} sim-swap:check`,
      login_hint: 'tel:+447700900001',
    });
    expect(started).toMatchObject({ expires_in: 120, interval: 1 });
    const token = await client.pollBackchannelAuthenticationGrant(config, started);
    const claims = token.claims()!;
    expect(claims).toMatchObject({ iss: base, aud: CLIENT_ID });
    expect(claims.sub).not.toContain('447700900001');
    expect(typeof claims.exp).toBe('number');
    expect(h.net.stats.get('albion', 'jwks')).toBeGreaterThanOrEqual(1);

    const check = await postJson(`${base}/sim-swap/v2/check`, { maxAge: 24 }, bearer(token.access_token));
    expect(check.status).toBe(200);
    expect(check.body).toEqual({ swapped: true });
  });

  it('liberty (private_key_jwt via PrivateKeyJwt)', async () => {
    const key = await importJWK(LIBERTY_CLIENT_PRIVATE_JWK, 'ES256');
    const config = await client.discovery(
      new URL(h.base('liberty')),
      CLIENT_ID,
      undefined,
      client.PrivateKeyJwt({ key: key as CryptoKey, kid: LIBERTY_CLIENT_PRIVATE_JWK.kid! }),
      { execute: [client.allowInsecureRequests] },
    );
    const started = await client.initiateBackchannelAuthentication(config, {
      scope: `openid ${FRAUD} sim-swap`,
      login_hint: 'tel:+12025550103',
    });
    const token = await client.pollBackchannelAuthenticationGrant(config, started);
    const retrieve = await postJson(`${h.base('liberty')}/sim-swap/v2/retrieve-date`, {}, bearer(token.access_token));
    expect(retrieve.status).toBe(200);
    expect(Date.parse(retrieve.body.latestSimChange)).toBe(Date.parse(h.net.world.get('+12025550103')!.simChangedAt!));
  });

  it('keeps answering authorization_pending until the approval delay has passed', async () => {
    h.net.carrier('albion').settings.update({ cibaApprovalDelayMs: 1500 });
    const before = h.net.stats.get('albion', 'token');
    const config = await client.discovery(new URL(h.base('albion')), CLIENT_ID, undefined, client.ClientSecretBasic(SECRETS.albion), {
      execute: [client.allowInsecureRequests],
    });
    const started = await client.initiateBackchannelAuthentication(config, { scope: `openid ${FRAUD} sim-swap`, login_hint: 'tel:+447700900002' });
    const token = await client.pollBackchannelAuthenticationGrant(config, started);
    expect(token.access_token).toBeTruthy();
    expect(h.net.stats.get('albion', 'token') - before).toBeGreaterThanOrEqual(2);
  }, 15_000);
});

describe('CIBA over raw HTTP (fake clock)', () => {
  // The clock moves forward here: a network of its own keeps openid-client's checks above on real time.
  const h = useHarness();

  it('authorization_pending, then the token once approved', async () => {
    h.net.carrier('albion').settings.update({ cibaApprovalDelayMs: 5_000 });
    const started = await startCiba(h, 'albion', '+447700900001');
    expect(started.status).toBe(200);
    h.advance(1_000);
    const pending = await pollCiba(h, 'albion', started.body.auth_req_id);
    expect(pending.status).toBe(400);
    expect(pending.body.error).toBe('authorization_pending');
    h.advance(4_000);
    const done = await pollCiba(h, 'albion', started.body.auth_req_id);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: `openid ${FRAUD} sim-swap` });
    expect(decodeJwt(done.body.id_token).sub).not.toContain('447700900001');
  });

  it('slow_down when polling faster than interval, and the interval grows by 5 s', async () => {
    const started = await startCiba(h, 'albion', '+447700900001');
    const tooFast = await pollCiba(h, 'albion', started.body.auth_req_id);
    expect(tooFast.status).toBe(400);
    expect(tooFast.body.error).toBe('slow_down');
    h.advance(1_000);
    expect((await pollCiba(h, 'albion', started.body.auth_req_id)).body.error).toBe('slow_down');
    h.advance(11_000);
    expect((await pollCiba(h, 'albion', started.body.auth_req_id)).status).toBe(200);
  });

  it('expired_token after expires_in, then invalid_grant; invalid_grant for used or unknown ids', async () => {
    const started = await startCiba(h, 'albion', '+447700900001');
    h.advance(121_000);
    expect((await pollCiba(h, 'albion', started.body.auth_req_id)).body.error).toBe('expired_token');
    expect((await pollCiba(h, 'albion', started.body.auth_req_id)).body.error).toBe('invalid_grant');

    const used = await startCiba(h, 'albion', '+447700900001');
    h.advance(1_000);
    expect((await pollCiba(h, 'albion', used.body.auth_req_id)).status).toBe(200);
    h.advance(1_000);
    expect((await pollCiba(h, 'albion', used.body.auth_req_id)).body.error).toBe('invalid_grant');
    expect((await pollCiba(h, 'albion', 'no-such-request')).body.error).toBe('invalid_grant');
  });

  it('access_denied when the user refuses consent', async () => {
    h.net.carrier('albion').settings.update({ cibaDenyNumbers: ['+447700900002'] });
    const started = await startCiba(h, 'albion', '+447700900002');
    h.advance(1_000);
    const denied = await pollCiba(h, 'albion', started.body.auth_req_id);
    expect(denied.status).toBe(400);
    expect(denied.body.error).toBe('access_denied');
  });

  it('400 unknown_user_id for numbers this operator does not serve', async () => {
    for (const number of ['+447700900501', '+447700900400', '+12025550101']) {
      const response = await startCiba(h, 'albion', number);
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('unknown_user_id');
    }
    const ipport = await postForm(`${h.base('albion')}/bc-authorize`, { scope: `openid ${FRAUD} sim-swap`, login_hint: 'ipport:80.90.34.2:16790' }, basic(CLIENT_ID, SECRETS.albion));
    expect(ipport.body.error).toBe('unknown_user_id');
  });

  it('accepts phone_number: hints; refuses malformed hints, a missing hint and a scope without openid', async () => {
    const url = `${h.base('albion')}/bc-authorize`;
    const auth = basic(CLIENT_ID, SECRETS.albion);
    const scope = `openid ${FRAUD} sim-swap`;
    expect((await postForm(url, { scope, login_hint: 'phone_number:+447700900001' }, auth)).status).toBe(200);
    expect((await postForm(url, { scope, login_hint: 'tel:447700900001' }, auth)).body.error).toBe('invalid_request');
    expect((await postForm(url, { scope }, auth)).body.error).toBe('invalid_request');
    expect((await postForm(url, { scope: `${FRAUD} sim-swap`, login_hint: 'tel:+447700900001' }, auth)).body.error).toBe('invalid_scope');
    expect((await postForm(url, { scope, login_hint: 'tel:+447700900001' }, basic(CLIENT_ID, 'wrong'))).status).toBe(401);
  });

  it('brightwave serves CIBA at /bc_authorize only', async () => {
    const started = await startCiba(h, 'brightwave', '+447700900501');
    expect(started.status).toBe(200);
    expect((await postForm(`${h.base('brightwave')}/bc-authorize`, {})).status).toBe(404);
  });
});

describe('private_key_jwt at liberty', () => {
  const url = () => `${h.base('liberty')}/bc_authorize`;
  const params = (assertion: string) => ({
    scope: `openid ${FRAUD} sim-swap`,
    login_hint: 'tel:+12025550101',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  });

  it('accepts aud = issuer or the endpoint URL', async () => {
    expect((await postForm(url(), params(await libertyAssertion(h.base('liberty'), h.now())))).status).toBe(200);
    expect((await postForm(url(), params(await libertyAssertion(url(), h.now())))).status).toBe(200);
  });

  it('refuses a replayed jti', async () => {
    const assertion = await libertyAssertion(h.base('liberty'), h.now());
    expect((await postForm(url(), params(assertion))).status).toBe(200);
    const replay = await postForm(url(), params(assertion));
    expect(replay.status).toBe(401);
    expect(replay.body.error_description).toMatch(/jti/);
  });

  it.each([
    ['a wrong audience', { aud: 'https://elsewhere.example/token' }],
    ['a lifetime over 300 s', { exp: Math.floor(Date.now() / 1000) + 600 }],
    ['an expired assertion', { iat: Math.floor(Date.now() / 1000) - 400, exp: Math.floor(Date.now() / 1000) - 100 }],
    ['sub different from iss', { sub: 'someone-else' }],
    ['no jti', { jti: undefined }],
  ])('401 invalid_client for %s', async (_label, claims) => {
    const response = await postForm(url(), params(await libertyAssertion(h.base('liberty'), h.now(), claims)));
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_client');
  });

  it('401 invalid_client for an assertion signed by another key, and for a client secret', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const iat = Math.floor(h.now() / 1000);
    const forged = await new SignJWT({ iss: CLIENT_ID, sub: CLIENT_ID, aud: h.base('liberty'), iat, exp: iat + 60, jti: 'forged-1' })
      .setProtectedHeader({ alg: 'ES256' })
      .sign(privateKey);
    expect((await postForm(url(), params(forged))).status).toBe(401);
    const secret = await postForm(url(), { scope: `openid ${FRAUD} sim-swap`, login_hint: 'tel:+12025550101', client_id: CLIENT_ID, client_secret: 'x' });
    expect(secret.status).toBe(401);
    expect(secret.body.error).toBe('invalid_client');
  });
});
