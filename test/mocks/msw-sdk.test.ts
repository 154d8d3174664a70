/**
 * The example of mocks/README.md ("msw handlers for your own tests"), run: vendors' official SDKs
 * call the vendors' real hosts, msw hands each request to the mock carrier in process, and the
 * answers come from the simulated world.
 */
import { createRequire } from 'node:module';
import { setupServer } from 'msw/node';
import { NetworkAsCodeApiClient } from 'network-as-code';
import twilio from 'twilio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockCarrierHandlers, MOCK_CREDENTIALS } from 'numtrust/mocks/msw';

const mocks = createMockCarrierHandlers();
const server = setupServer(...mocks.handlers);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => mocks.reset());
afterAll(() => server.close());

describe('twilio (Lookup v2 at https://lookups.twilio.com)', () => {
  const { accountSid, authToken } = MOCK_CREDENTIALS.twilio;
  const client = twilio(accountSid, authToken);
  const lookup = (phoneNumber: string) => client.lookups.v2.phoneNumbers(phoneNumber).fetch({ fields: 'sim_swap,call_forwarding' });

  it("answers sim_swap and call_forwarding from the world", async () => {
    const swapped = await lookup('+447700900001'); // Albion: SIM swapped 3 hours ago
    expect(swapped.simSwap).toMatchObject({
      carrierName: 'Albion Mobile',
      lastSimSwap: { swapped_in_period: true, swapped_period: 'PT48H', last_sim_swap_date: mocks.world.get('+447700900001')!.simChangedAt },
      errorCode: null,
    });
    expect(swapped.callForwarding).toEqual({ callForwardingEnabled: false, errorCode: null });

    const forwarded = await lookup('+447700900004'); // Albion: unconditional forwarding, never swapped
    expect(forwarded.simSwap?.lastSimSwap).toMatchObject({ swapped_in_period: false });
    expect(forwarded.callForwarding).toEqual({ callForwardingEnabled: true, errorCode: null });
    expect(mocks.stats.get('twilio', 'lookup')).toBe(2);
  });

  it('answers differently once the world changes', async () => {
    expect((await lookup('+447700900002')).simSwap?.lastSimSwap).toMatchObject({ swapped_in_period: false });
    mocks.world.patch('+447700900002', { simChangedAt: '10 minutes ago', forwarding: ['unconditional'] });

    const changed = await lookup('+447700900002');
    expect(changed.simSwap?.lastSimSwap).toMatchObject({ swapped_in_period: true });
    expect(changed.callForwarding).toEqual({ callForwardingEnabled: true, errorCode: null });
  });

  it('applies fault rules: a 503 the SDK throws, then a failed package inside a 200', async () => {
    mocks.faults.add({ carrier: 'twilio', kind: 'status', status: 503, times: 1 });
    await expect(lookup('+447700900001')).rejects.toMatchObject({ status: 503 });

    mocks.faults.add({ carrier: 'twilio', phoneNumber: '+447700900001', kind: 'check_error', check: 'sim_swap', code: 60608 });
    const answer = await lookup('+447700900001');
    expect(answer.simSwap).toMatchObject({ errorCode: 60608 });
    expect(answer.callForwarding).toEqual({ callForwardingEnabled: false, errorCode: null });
  });

  it('refuses credentials the mock account does not know, as Twilio does', async () => {
    const stranger = twilio(accountSid, 'not-the-auth-token');
    await expect(stranger.lookups.v2.phoneNumbers('+447700900001').fetch()).rejects.toMatchObject({ status: 401, code: 20003 });
  });

  it("answers the regional host the SDK builds from edge and region (GB numbers need Twilio's ie1)", async () => {
    const dublin = twilio(accountSid, authToken, { edge: 'dublin', region: 'ie1' });
    const answer = await dublin.lookups.v2.phoneNumbers('+447700900001').fetch({ fields: 'sim_swap' });
    expect(answer.url).toBe('https://lookups.dublin.ie1.twilio.com/v2/PhoneNumbers/+447700900001');
    expect(answer.simSwap?.lastSimSwap).toMatchObject({ swapped_in_period: true });
  });
});

/** What this file uses of Telesign's official Node SDK (CommonJS, without types). */
interface TelesignBody {
  status: { code: number; description: string };
  errors: Array<{ code: number; description: string }>;
  phone_type?: { code: string; description: string };
  sim_swap?: { status: { code: number }; risk_indicator: number; swap_date: string | null };
  call_forward_detection?: { status: { code: number }; call_forward_enabled: string; call_forward_type: string | null; call_forward_condition: string | null };
}
interface TelesignClient {
  phoneid: { phoneID(callback: (error: unknown, body: TelesignBody) => void, phoneNumber: string, params?: object | null): void };
}
type TelesignConstructor = new (customerId: string, apiKey: string, restEndpoint?: string) => TelesignClient;
const TeleSign = createRequire(import.meta.url)('telesignsdk') as TelesignConstructor;

describe('telesignsdk (PhoneID at https://rest-api.telesign.com, its default endpoint)', () => {
  const { customerId, apiKey } = MOCK_CREDENTIALS.telesign;
  // The SDK signs every request with the HMAC-SHA256 "TSA" digest unless told otherwise.
  const client = new TeleSign(customerId, apiKey);
  const consent = { method: 1, timestamp: '2026-01-01T00:00:00Z' };
  const phoneId = (telesign: TelesignClient, digits: string, params: object | null): Promise<TelesignBody> =>
    new Promise((resolve, reject) => telesign.phoneid.phoneID((error, body) => (error ? reject(new Error('telesignsdk failed', { cause: error })) : resolve(body)), digits, params));
  const checks = (digits: string) => phoneId(client, digits, { addons: { sim_swap: {}, call_forward_detection: {} }, consent });

  it('answers sim_swap and call_forward_detection from the world, over the digest the SDK signs', async () => {
    const swapped = await checks('447700900001'); // Albion: SIM swapped 3 hours ago
    expect(swapped).toMatchObject({ status: { code: 300 }, errors: [], phone_type: { description: 'MOBILE' } });
    expect(swapped.sim_swap).toMatchObject({ status: { code: 2800 }, risk_indicator: 4, swap_date: mocks.world.get('+447700900001')!.simChangedAt!.slice(0, 10) });
    expect(swapped.call_forward_detection).toMatchObject({ status: { code: 2800 }, call_forward_enabled: 'false', call_forward_type: null });

    const forwarded = await checks('447700900004'); // Albion: unconditional forwarding, never swapped
    expect(forwarded.sim_swap).toMatchObject({ risk_indicator: 1, swap_date: null });
    expect(forwarded.call_forward_detection).toMatchObject({ call_forward_enabled: 'true', call_forward_type: 'unconditional' });
    expect(mocks.stats.get('telesign', 'phoneid')).toBe(2);
  });

  it('answers differently once the world changes', async () => {
    mocks.world.patch('+447700900002', { simChangedAt: '10 minutes ago', forwarding: ['conditional_busy'] });
    const changed = await checks('447700900002');
    expect(changed.sim_swap).toMatchObject({ risk_indicator: 4 });
    expect(changed.call_forward_detection).toMatchObject({ call_forward_enabled: 'true', call_forward_type: 'conditional', call_forward_condition: 'busy' });
  });

  it("refuses a signature made with another key, and answers a fault's 503 in Telesign's error shape", async () => {
    const stranger = new TeleSign(customerId, Buffer.from('not-the-api-key').toString('base64'));
    expect(await phoneId(stranger, '447700900001', null)).toMatchObject({ status: { code: 501 }, errors: [{ code: -30006 }] });

    mocks.faults.add({ carrier: 'telesign', kind: 'status', status: 503, times: 1 });
    expect(await checks('447700900001')).toMatchObject({ status: { code: 500 }, errors: [{ code: -90001 }] });
  });
});

describe('network-as-code (Nokia NaC at its RapidAPI host)', () => {
  const { rapidApiKey, rapidApiHost } = MOCK_CREDENTIALS.nokia;
  // No retries: a fault's 503 reaches the test at once.
  const client = new NetworkAsCodeApiClient({ apiKey: rapidApiKey, rapidapiHost: rapidApiHost, maxRetries: 0 });

  it('answers SIM Swap and Call Forwarding Signal from the world', async () => {
    expect(await client.simSwap.check({ phoneNumber: '+447700900501', maxAge: 72 })).toEqual({ swapped: true });
    expect(await client.callForwardingSignal.retrieveUnconditionalCallForwarding({ phoneNumber: '+447700900501' })).toEqual({ active: false });

    mocks.world.patch('+447700900501', { forwarding: ['unconditional'] });
    expect(await client.callForwardingSignal.retrieveUnconditionalCallForwarding({ phoneNumber: '+447700900501' })).toEqual({ active: true });
  });

  it('applies fault rules and refuses an unknown RapidAPI key', async () => {
    mocks.faults.add({ carrier: 'nokia', endpoint: 'sim-swap/check', kind: 'status', status: 503, times: 1 });
    await expect(client.simSwap.check({ phoneNumber: '+447700900501', maxAge: 72 })).rejects.toMatchObject({ statusCode: 503, body: { code: 'UNAVAILABLE' } });

    const stranger = new NetworkAsCodeApiClient({ apiKey: 'not-a-key', rapidapiHost: rapidApiHost, maxRetries: 0 });
    await expect(stranger.simSwap.check({ phoneNumber: '+447700900501', maxAge: 72 })).rejects.toMatchObject({ statusCode: 403 });
  });

  describe('Number Verification, headless: the SDK fetches the client and the endpoints, a fetch plays the device', () => {
    const DEVICE = { number: '+447700900502', ip: '100.64.20.2' }; // brightwave, on its mobile data session
    const CALLBACK = 'https://app.example/nv/callback';

    /** The device's browser: NaC's endpoint → the operator's hop (over the data session) → the app's callback. */
    async function deviceTrip(endpoint: string, clientId: string, state: string): Promise<URLSearchParams> {
      let url = new URL(endpoint);
      const params = { response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, scope: 'dpv:FraudPreventionAndDetection number-verification:verify', state, login_hint: DEVICE.number };
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      for (let hop = 0; hop < 3; hop++) {
        const response = await fetch(url, { redirect: 'manual', headers: { 'x-mock-device-ip': DEVICE.ip } });
        url = new URL(response.headers.get('location')!, url);
        if (url.href.startsWith(CALLBACK)) return url.searchParams;
      }
      throw new Error('the device never came back to the app');
    }

    it("fast flow: NaC's fast_flow_csp_auth_endpoint, then numberVerification.verify({ phoneNumber, code, state })", async () => {
      const credentials = await client.oauth.getClientCredentials();
      const endpoints = await client.wellKnownMetadata.getOpenidConfiguration();
      expect(new URL(endpoints.fast_flow_csp_auth_endpoint).origin).toBe('https://network-as-code.p-eu.rapidapi.com');
      const callback = await deviceTrip(endpoints.fast_flow_csp_auth_endpoint, credentials.client_id, 'app-state-1');
      expect(callback.get('state')).toBe('app-state-1');
      const code = callback.get('code')!;
      expect(await client.numberVerification.verify({ phoneNumber: DEVICE.number, code, state: 'app-state-1' })).toEqual({ devicePhoneNumberVerified: true });
      // The code is single-use: NaC's 401.
      await expect(client.numberVerification.verify({ phoneNumber: DEVICE.number, code, state: 'app-state-1' })).rejects.toMatchObject({ statusCode: 401 });
    });

    it("standard flow: the code redeemed at NaC's token_endpoint, then verify with the 3-legged token", async () => {
      const credentials = await client.oauth.getClientCredentials();
      const endpoints = await client.wellKnownMetadata.getOpenidConfiguration();
      const code = (await deviceTrip(endpoints.authorization_endpoint, credentials.client_id, 'app-state-2')).get('code')!;
      const token = await fetch(endpoints.token_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${btoa(`${credentials.client_id}:${credentials.client_secret}`)}` },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK }),
      });
      const { access_token: accessToken } = (await token.json()) as { access_token: string };
      const answer = await client.numberVerification.verify({ phoneNumber: '+447700900501', authorization: `Bearer ${accessToken}` });
      expect(answer).toEqual({ devicePhoneNumberVerified: false }); // the device is another brightwave line
    });
  });
});
