/**
 * The example of mocks/README.md ("msw handlers for your own tests"), run: vendors' official SDKs
 * call the vendors' real hosts, msw hands each request to the mock carrier in process, and the
 * answers come from the simulated world.
 */
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
});
