/**
 * What the contract suite does not cover for NaC's Number Verification: the authorization URL
 * (NaC's client from RapidAPI, login_hint, the fast and standard endpoints), the wire of both
 * flows (code+state in /verify, or the token exchange and a Bearer), the hashed number, and the
 * failures only NaC has (a refused or replayed code, a 2-legged answer, discovery down).
 */
import { describe, expect, it } from 'vitest';
import { createNokiaAdapter } from '../../adapters/nokia/adapter.ts';
import { parseNokiaConfig } from '../../adapters/nokia/config.ts';
import { NAC_NUMBER_VERIFICATION_PATH } from '../../adapters/nokia/number-verification.ts';
import type { CallContext, NumberVerifier } from '../../src/contract/adapter.ts';
import { NAC_DEV_CLIENT, NAC_LISTING_HOST, nokiaDevProvider } from '../../mocks/carriers/nokia/dev-credentials.ts';
import { NOKIA_CARRIER_ID } from '../../mocks/carriers/nokia/carrier.ts';
import { codeFromDevice, deviceCallback, DEVICE_FLOW_CALLBACK, pkcePair } from '../support/device-flow.ts';
import { scriptedHttp } from '../support/http-clients.ts';
import { failureOf } from '../support/upstream-errors.ts';
import { NOKIA_NUMBERS, nokiaUrl } from './nokia-support.ts';
import { useAdapterTestBed } from './support/adapter-test-bed.ts';

const DEVICE_IP = '100.64.20.2'; // NOKIA_NUMBERS.subject's data session (brightwave)
const LIBERTY_DEVICE_IP = '100.64.30.2'; // NOKIA_NUMBERS.liberty's

function context(signal: AbortSignal = new AbortController().signal): CallContext {
  return { signal, tenantId: 'tenant-a', correlator: 'nv-test-1' };
}

describe('NaC Number Verification against the mock', () => {
  const { network, http, track } = useAdapterTestBed();
  const verifierWith = (numberVerification: Record<string, string> = {}, overrides: Record<string, unknown> = {}): NumberVerifier => {
    const adapter = track(createNokiaAdapter({ ...nokiaDevProvider(nokiaUrl(network)), numberVerification, ...overrides }, { http }));
    return adapter.numberVerification!;
  };
  const authorizationInput = (phoneNumber: string = NOKIA_NUMBERS.subject) => ({
    tenantId: 'tenant-a',
    redirectUri: DEVICE_FLOW_CALLBACK,
    state: 'state-1',
    codeChallenge: pkcePair().codeChallenge,
    phoneNumber,
  });
  const verifyWith = async (verifier: NumberVerifier, claimed: string, deviceIp = DEVICE_IP) => {
    const { code, codeVerifier, state } = await codeFromDevice(verifier, deviceIp, 'tenant-a', claimed);
    return verifier.verify({ tenantId: 'tenant-a', redirectUri: DEVICE_FLOW_CALLBACK, code, codeVerifier, state, phoneNumber: claimed }, context());
  };

  it('is offered only when configured', () => {
    const { numberVerification, ...withoutNv } = nokiaDevProvider(nokiaUrl(network));
    expect(numberVerification).toEqual({});
    expect(track(createNokiaAdapter(withoutNv, { http })).numberVerification).toBeUndefined();
    expect(parseNokiaConfig({ ...withoutNv, numberVerification: {} }).numberVerification).toEqual({
      flow: 'fast',
      scope: 'dpv:FraudPreventionAndDetection number-verification:verify',
      send: 'phoneNumber',
    });
    expect(() => parseNokiaConfig({ ...withoutNv, numberVerification: { scope: 'openid' } })).toThrow(/number-verification:verify/);
    expect(() => parseNokiaConfig({ ...withoutNv, numberVerification: { flow: 'slow' } })).toThrow();
  });

  it("fast flow: NaC's fast_flow_csp_auth_endpoint with NaC's client, the number as login_hint; discovery once", async () => {
    const verifier = verifierWith();
    const url = await verifier.authorizationUrl(authorizationInput());
    expect(url.origin + url.pathname).toBe(`${nokiaUrl(network)}/oauth2/v1/retrieve_csp_auth_url`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: NAC_DEV_CLIENT.clientId,
      redirect_uri: DEVICE_FLOW_CALLBACK,
      scope: 'dpv:FraudPreventionAndDetection number-verification:verify',
      state: 'state-1',
      login_hint: NOKIA_NUMBERS.subject,
    });
    await verifier.authorizationUrl(authorizationInput());
    expect(network.stats.get(NOKIA_CARRIER_ID, 'oauth2/clientcredentials')).toBe(1);
    expect(network.stats.get(NOKIA_CARRIER_ID, 'well-known')).toBe(1);
    const discovery = http.requests.filter((request) => request.method === 'GET');
    for (const request of discovery) expect(request.headers).toMatchObject({ 'x-rapidapi-key': 'nac-dev-rapidapi-key', 'x-rapidapi-host': NAC_LISTING_HOST });
  });

  it('fast flow: POST /verify?code&state with the RapidAPI key and the number; NaC redeems the code once', async () => {
    const verifier = verifierWith();
    const { code, codeVerifier, state } = await codeFromDevice(verifier, DEVICE_IP, 'tenant-a', NOKIA_NUMBERS.subject);
    const input = { tenantId: 'tenant-a', redirectUri: DEVICE_FLOW_CALLBACK, code, codeVerifier, state, phoneNumber: NOKIA_NUMBERS.subject };
    expect(await verifier.verify(input, context())).toEqual({ status: 'ok', value: { verified: true } });
    const sent = http.requests.at(-1)!;
    const url = new URL(sent.url);
    expect(url.pathname).toBe(`/carriers/nokia${NAC_NUMBER_VERIFICATION_PATH}/verify`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ code, state });
    expect(JSON.parse(sent.body!)).toEqual({ phoneNumber: NOKIA_NUMBERS.subject });
    expect(sent.headers).toMatchObject({ 'x-rapidapi-key': 'nac-dev-rapidapi-key', 'x-rapidapi-host': NAC_LISTING_HOST, 'x-correlator': 'nv-test-1' });
    expect(sent.headers).not.toHaveProperty('authorization');

    // Single-use: the same code again is NaC's 401, a refused code (a new session is the retry).
    const replay = await failureOf(verifier.verify(input, context()));
    expect({ failure: replay.failure, httpStatus: replay.httpStatus }).toEqual({ failure: 'rejected', httpStatus: 401 });
  });

  it('standard flow: authorization_endpoint, the code redeemed at token_endpoint (client_secret_basic), then /verify with the Bearer', async () => {
    const verifier = verifierWith({ flow: 'standard' });
    const url = await verifier.authorizationUrl(authorizationInput());
    expect(url.origin + url.pathname).toBe(`${nokiaUrl(network)}/oauth2/v1/authorize`);
    expect(await verifyWith(verifier, NOKIA_NUMBERS.subject)).toEqual({ status: 'ok', value: { verified: true } });
    const [token, verify] = http.requests.slice(-2);
    expect(token!.url).toBe(`${nokiaUrl(network)}/oauth2/v1/token`);
    expect(token!.headers?.authorization).toBe(`Basic ${btoa(`${NAC_DEV_CLIENT.clientId}:${NAC_DEV_CLIENT.clientSecret}`)}`);
    expect(Object.fromEntries(new URLSearchParams(token!.body))).toMatchObject({ grant_type: 'authorization_code', redirect_uri: DEVICE_FLOW_CALLBACK });
    expect(new URL(verify!.url).search).toBe('');
    expect(verify!.headers?.authorization).toMatch(/^Bearer \S+$/);
    expect(await verifyWith(verifier, '+447700900501')).toEqual({ status: 'ok', value: { verified: false } });
  });

  it('standard flow: a code already used is refused at the token endpoint (invalid_grant → rejected), never verified', async () => {
    const verifier = verifierWith({ flow: 'standard' });
    const { code, codeVerifier, state } = await codeFromDevice(verifier, DEVICE_IP, 'tenant-a', NOKIA_NUMBERS.subject);
    const input = { tenantId: 'tenant-a', redirectUri: DEVICE_FLOW_CALLBACK, code, codeVerifier, state, phoneNumber: NOKIA_NUMBERS.subject };
    await verifier.verify(input, context());
    const verifies = network.stats.get(NOKIA_CARRIER_ID, 'number-verification/verify');
    const replay = await failureOf(verifier.verify(input, context()));
    expect({ failure: replay.failure, httpStatus: replay.httpStatus }).toEqual({ failure: 'rejected', httpStatus: 400 });
    expect(network.stats.get(NOKIA_CARRIER_ID, 'number-verification/verify')).toBe(verifies);
  });

  it('standard flow: a failing token endpoint is server, a rate-limiting one rate_limited with its delay', async () => {
    const verifier = verifierWith({ flow: 'standard' });
    network.faults.add({ carrier: NOKIA_CARRIER_ID, endpoint: 'oauth2/token', kind: 'status', status: 503, times: 1 });
    expect((await failureOf(verifyWith(verifier, NOKIA_NUMBERS.subject))).failure).toBe('server');
    network.faults.add({ carrier: NOKIA_CARRIER_ID, endpoint: 'oauth2/token', kind: 'status', status: 429, retryAfter: 3, times: 1 });
    const limited = await failureOf(verifyWith(verifier, NOKIA_NUMBERS.subject));
    expect({ failure: limited.failure, retryAfterMs: limited.retryAfterMs }).toEqual({ failure: 'rate_limited', retryAfterMs: 3000 });
  });

  it('sends the SHA-256 of the number when configured', async () => {
    const verifier = verifierWith({ send: 'hashedPhoneNumber' });
    expect(await verifyWith(verifier, NOKIA_NUMBERS.subject)).toEqual({ status: 'ok', value: { verified: true } });
    const body = JSON.parse(http.requests.at(-1)!.body!) as Record<string, string>;
    expect(Object.keys(body)).toEqual(['hashedPhoneNumber']);
    expect(body.hashedPhoneNumber).toMatch(/^[0-9a-f]{64}$/);
  });

  it("routes the device by login_hint: a liberty line is verified through liberty's network", async () => {
    const verifier = verifierWith();
    expect(await verifyWith(verifier, NOKIA_NUMBERS.liberty, LIBERTY_DEVICE_IP)).toEqual({ status: 'ok', value: { verified: true } });
  });

  it('a device NaC cannot authenticate comes back with access_denied: off mobile data, on another operator, a number NaC cannot route', async () => {
    const verifier = verifierWith();
    const cases: Array<[string, string | undefined]> = [
      [NOKIA_NUMBERS.subject, undefined], // Wi-Fi
      [NOKIA_NUMBERS.subject, LIBERTY_DEVICE_IP], // the device is a liberty line
      [NOKIA_NUMBERS.albion, '100.64.10.2'], // albion: no agreement with NaC
      [NOKIA_NUMBERS.unknown, DEVICE_IP],
    ];
    for (const [claimed, deviceIp] of cases) {
      const callback = await deviceCallback(await verifier.authorizationUrl(authorizationInput(claimed)), deviceIp);
      expect(Object.fromEntries(callback)).toMatchObject({ error: 'access_denied', state: 'state-1' });
      expect(callback.has('code')).toBe(false);
    }
  });

  it('fails as server while NaC discovery fails, and recovers on the next call', async () => {
    const verifier = verifierWith();
    network.faults.add({ carrier: NOKIA_CARRIER_ID, endpoint: 'well-known', kind: 'status', status: 503, times: 1 });
    expect((await failureOf(verifier.authorizationUrl(authorizationInput()))).failure).toBe('server');
    expect((await verifier.authorizationUrl(authorizationInput())).pathname).toBe('/carriers/nokia/oauth2/v1/retrieve_csp_auth_url');
  });

  it("refuses a RapidAPI key without NaC's subscription as auth, before any device is sent", async () => {
    const verifier = verifierWith({}, { rapidApiKey: 'nac-dev-unsubscribed-key' });
    expect((await failureOf(verifier.authorizationUrl(authorizationInput()))).failure).toBe('auth');
  });
});

describe('NaC Number Verification answers the mock does not give', () => {
  const provider = { id: 'nokia', kind: 'nokia' as const, rapidApiKey: 'key', numberVerification: {} };
  const verifyInput = { tenantId: 't', redirectUri: DEVICE_FLOW_CALLBACK, code: 'c', codeVerifier: 'v', state: 's', phoneNumber: '+447700900502' };

  it('403 USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK is not_supported: nothing was compared, never "not verified"', async () => {
    const http = scriptedHttp(() => ({
      status: 403,
      body: { status: 403, code: 'NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK', message: 'Client must authenticate via the mobile network' },
    }));
    const outcome = await createNokiaAdapter(provider, { http }).numberVerification!.verify(verifyInput, context());
    expect(outcome).toMatchObject({ status: 'not_supported' });
  });

  it("RapidAPI's own 401/403 (no CAMARA code) is auth: our application key, not the code", async () => {
    const http = scriptedHttp(() => ({ status: 403, body: { message: 'You are not subscribed to this API.' } }));
    expect((await failureOf(createNokiaAdapter(provider, { http }).numberVerification!.verify(verifyInput, context()))).failure).toBe('auth');
  });

  it('refuses discovery naming an http endpoint unless insecure http is allowed', async () => {
    const http = scriptedHttp((request) =>
      request.url.endsWith('/clientcredentials')
        ? { body: { client_id: 'id', client_secret: 'secret' } }
        : { body: { authorization_endpoint: 'http://nac.example/a', token_endpoint: 'https://nac.example/t', fast_flow_csp_auth_endpoint: 'https://nac.example/f' } },
    );
    const error = await failureOf(
      createNokiaAdapter(provider, { http }).numberVerification!.authorizationUrl({ tenantId: 't', redirectUri: DEVICE_FLOW_CALLBACK, state: 's', codeChallenge: 'c', phoneNumber: '+447700900502' }),
    );
    expect(error.failure).toBe('malformed');
  });
});
