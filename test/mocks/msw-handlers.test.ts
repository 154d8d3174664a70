/** `numtrust/mocks/msw`: which requests each handler answers, and with what, on the vendors' hosts and a CAMARA base URL of one's choice. */
import { importPKCS8, SignJWT } from 'jose';
import { getResponse } from 'msw';
import { setupServer } from 'msw/node';
import * as client from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMockCarrierHandlers, MOCK_CREDENTIALS } from 'numtrust/mocks/msw';

const BRIGHTWAVE = 'https://api.brightwave.example/camara/v1';
const ALBION = 'https://albion.example';
const mocks = createMockCarrierHandlers({ camaraOperators: { [BRIGHTWAVE]: 'brightwave', [ALBION]: 'albion' } });
const server = setupServer(...mocks.handlers);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => mocks.reset());
afterAll(() => server.close());

const answered = async (url: string, handlers = mocks.handlers) => (await getResponse(handlers, new Request(url))) !== undefined;
const postJson = (url: string, body: unknown, headers: Record<string, string>) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('a CAMARA operator at the base URL of your choice', () => {
  it('is its OIDC issuer: openid-client discovers it, gets a token, and the API answers from the world', async () => {
    const secret = MOCK_CREDENTIALS.camara.clientSecrets.brightwave!;
    const config = await client.discovery(new URL(BRIGHTWAVE), MOCK_CREDENTIALS.camara.clientId, secret, client.ClientSecretPost(secret));
    expect(config.serverMetadata().token_endpoint).toBe(`${BRIGHTWAVE}/token`);
    const token = await client.clientCredentialsGrant(config, { scope: 'dpv:FraudPreventionAndDetection sim-swap' });

    const check = await postJson(`${BRIGHTWAVE}/sim-swap/v2/check`, { phoneNumber: '+447700900501', maxAge: 72 }, { authorization: `Bearer ${token.access_token}` });
    expect(check.status).toBe(200);
    expect(await check.json()).toEqual({ swapped: true });
    expect(mocks.stats.get('brightwave', 'token')).toBe(1);
  });

  it('answers under its base path only; a base URL without a path is the origin itself', async () => {
    expect(await answered(`${BRIGHTWAVE}/.well-known/openid-configuration`)).toBe(true);
    expect(await answered('https://api.brightwave.example/camara/v10/token')).toBe(false);
    expect(await answered('https://api.brightwave.example/')).toBe(false);
    const discovery = await (await fetch(`${ALBION}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({ issuer: ALBION, backchannel_authentication_endpoint: `${ALBION}/bc-authorize` });
  });
});

describe("the vendors' hosts", () => {
  it('Telesign PhoneID at rest-ww.telesign.com and rest-api.telesign.com', async () => {
    const { customerId, apiKey } = MOCK_CREDENTIALS.telesign;
    const authorization = `Basic ${btoa(`${customerId}:${apiKey}`)}`;
    for (const origin of ['https://rest-ww.telesign.com', 'https://rest-api.telesign.com']) {
      const response = await postJson(`${origin}/v1/phoneid/447700900001`, { addons: { sim_swap: {} } }, { authorization });
      expect(response.status, origin).toBe(200);
      expect(await response.json()).toMatchObject({ sim_swap: { risk_indicator: 4, status: { code: 2800 } } });
    }
  });

  it('Vonage Identity Insights at api-eu.vonage.com, with an application JWT', async () => {
    const { applicationId, privateKey } = MOCK_CREDENTIALS.vonage;
    const jwt = await new SignJWT({ application_id: applicationId, jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuedAt()
      .sign(await importPKCS8(privateKey, 'RS256'));
    const body = { phone_number: '+447700900001', purpose: 'FraudPreventionAndDetection', insights: { sim_swap: { period: 24 } } };
    const response = await postJson('https://api-eu.vonage.com/identity-insights/v1/requests', body, { authorization: `Bearer ${jwt}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ insights: { sim_swap: { is_swapped: true, status: { code: 'OK' } } } });
  });

  it('holds a request with a hang fault until the client gives up, as over HTTP', async () => {
    const controller = new AbortController();
    const pending = fetch('https://rest-ww.telesign.com/v1/phoneid/447700900001', { method: 'POST', headers: { 'x-mock-fault': 'hang' }, signal: controller.signal });
    await vi.waitFor(() => expect(mocks.stats.get('telesign', 'phoneid')).toBe(1));
    controller.abort();
    await expect(pending).rejects.toThrow();
    await vi.waitFor(() => expect(mocks.stats.get('telesign', 'aborted')).toBe(1));
  });

  it('leaves every other host alone', async () => {
    expect(await answered('https://lookups.twilio.com/v2/PhoneNumbers/+447700900001')).toBe(true);
    expect(await answered('https://lookups.twilio.com.example.org/v2/PhoneNumbers/+447700900001')).toBe(false);
    expect(await answered('http://lookups.twilio.com/v2/PhoneNumbers/+447700900001')).toBe(false);
    expect(await answered('https://api.example.org/sim-swap/v2/check')).toBe(false);
  });
});

describe('options', () => {
  it('vendorOrigins moves a vendor elsewhere, or leaves it out', async () => {
    const moved = createMockCarrierHandlers({ vendorOrigins: { twilio: ['https://lookups.test'], nokia: [] } });
    expect(await answered('https://lookups.test/v2/PhoneNumbers/+447700900001', moved.handlers)).toBe(true);
    expect(await answered('https://lookups.twilio.com/v2/PhoneNumbers/+447700900001', moved.handlers)).toBe(false);
    expect(await answered('https://network-as-code.p-eu.rapidapi.com/passthrough/camara/v1/sim-swap/sim-swap/v0/check', moved.handlers)).toBe(false);
    expect(await answered('https://rest-ww.telesign.com/v1/phoneid/447700900001', moved.handlers)).toBe(true);
  });

  it('shares a world it is given', async () => {
    const sharing = createMockCarrierHandlers({ world: mocks.world });
    mocks.world.put('+447700900002', { ...mocks.world.get('+447700900002')!, simChangedAt: '1 hour ago' });
    const { accountSid, authToken } = MOCK_CREDENTIALS.twilio;
    const request = new Request('https://lookups.twilio.com/v2/PhoneNumbers/+447700900002?Fields=sim_swap', {
      headers: { authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}` },
    });
    const answer = await (await getResponse(sharing.handlers, request))!.json();
    expect(answer.sim_swap.last_sim_swap.swapped_in_period).toBe(true);
  });

  it('refuses an operator it does not know, and one operator at two base URLs', () => {
    expect(() => createMockCarrierHandlers({ camaraOperators: { 'https://a.example': 'nowhere' } })).toThrow(/no CAMARA operator "nowhere"/);
    expect(() => createMockCarrierHandlers({ camaraOperators: { 'https://a.example': 'albion', 'https://b.example': 'albion' } })).toThrow(
      /"albion" has more than one base URL/,
    );
  });

  it('reset() brings back the scenario and drops faults and counters', async () => {
    mocks.world.delete('+447700900001');
    mocks.faults.add({ carrier: 'telesign', kind: 'status', status: 503 });
    await fetch('https://rest-ww.telesign.com/v1/phoneid/447700900001', { method: 'POST' });
    mocks.reset();
    expect(mocks.world.get('+447700900001')).toBeDefined();
    expect(mocks.faults.list()).toEqual([]);
    expect(mocks.stats.get('telesign', 'phoneid')).toBe(0);
  });
});
