/**
 * Number Verification through Nokia Network as Code, end to end over real HTTP: app backend →
 * gateway → device browser → NaC's authorization endpoint → the operator's hop (the simulated
 * mobile data session) → gateway callback → NaC /verify (fast flow: NaC redeems the code; standard
 * flow: the gateway redeems it at NaC's token endpoint first) → session read by the backend.
 * The same routes and engine as for a CAMARA operator: NaC answers because the number's chain
 * names it (liberty's range: liberty offers no Number Verification; brightwave's: NaC after it).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockNetwork } from '../../mocks/network.ts';
import type { SharedState } from '../../src/shared-state/port.ts';
import { memorySharedState } from '../../src/shared-state/memory.ts';
import { sessionFor } from '../shared-state/contract.ts';
import { browseAsDevice, type BrowserTrip } from '../support/device-browser.ts';
import { startTestGateway, type MockNetwork, type TestGateway } from '../support/gateway.ts';

const LIBERTY = { number: '+12025550102', ip: '100.64.30.2' };
const LIBERTY_OTHER_LINE = '+12025550101';
const BRIGHTWAVE = { number: '+447700900502', ip: '100.64.20.2' };

let network: MockNetwork;
let sharedState: SharedState;
let fast: TestGateway;
let standard: TestGateway;
let operatorsOnly: TestGateway;

beforeAll(async () => {
  network = await startMockNetwork({ port: 0 });
  sharedState = memorySharedState();
  fast = await startTestGateway({ network, sharedState });
  standard = await startTestGateway({
    network,
    configure: (config) => ({
      ...config,
      providers: config.providers.map((provider) =>
        provider.kind === 'nokia' && provider.numberVerification
          ? { ...provider, numberVerification: { ...provider.numberVerification, flow: 'standard' as const } }
          : provider,
      ),
    }),
  });
  operatorsOnly = await startTestGateway({ network, operatorsOnly: true });
});
afterAll(async () => {
  await Promise.all([fast, standard, operatorsOnly].map((gateway) => gateway?.close()));
  await sharedState?.close?.();
  await network?.close();
});
afterEach(() => {
  network.faults.clear();
  network.world.reset();
});

async function createSession(t: TestGateway, phoneNumber: string) {
  const response = await t.post('/v1/number-verification/sessions', { phoneNumber });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { sessionId: string; authorizationUrl: string };
}

function browse(t: TestGateway, start: string, deviceIp?: string): Promise<BrowserTrip> {
  return browseAsDevice(start, { gateway: t.url, mocks: network.url }, deviceIp);
}

async function sessionOf(t: TestGateway, id: string) {
  const response = await fetch(`${t.url}/v1/number-verification/sessions/${id}`, { headers: { authorization: `Bearer ${t.apiKey}` } });
  return (await response.json()) as Record<string, unknown>;
}

describe('fast flow (the default)', () => {
  it("verified: the gateway sends the device to NaC, NaC to the operator, and NaC redeems the code in /verify", async () => {
    const verifies = network.stats.get('nokia', 'number-verification/verify');
    const created = await createSession(fast, LIBERTY.number);
    const trip = await browse(fast, created.authorizationUrl, LIBERTY.ip);
    expect(trip.visited.map((url) => url.pathname)).toEqual([
      `/v1/number-verification/sessions/${created.sessionId}/start`,
      '/carriers/nokia/oauth2/v1/retrieve_csp_auth_url',
      '/carriers/nokia/camara/oauth2/v1/authorize',
      '/v1/number-verification/callback',
    ]);
    expect(trip.lastBody).toMatch(/return to the app/i);
    expect(await sessionOf(fast, created.sessionId)).toMatchObject({ status: 'verified', provider: 'nokia' });
    expect(network.stats.get('nokia', 'number-verification/verify')).toBe(verifies + 1);
  });

  it('not_verified: the device is on another line of the operator', async () => {
    const created = await createSession(fast, LIBERTY_OTHER_LINE);
    await browse(fast, created.authorizationUrl, LIBERTY.ip);
    const view = await sessionOf(fast, created.sessionId);
    expect(view).toMatchObject({ status: 'not_verified', provider: 'nokia' });
    expect(view).not.toHaveProperty('problem');
  });

  it('failed, never not_verified, over Wi-Fi: the operator cannot see the line', async () => {
    const created = await createSession(fast, LIBERTY.number);
    const trip = await browse(fast, created.authorizationUrl);
    expect(trip.lastBody).toMatch(/mobile data/i);
    expect(await sessionOf(fast, created.sessionId)).toMatchObject({
      status: 'failed',
      provider: 'nokia',
      problem: { code: 'USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK', retryable: true },
    });
  });

  it('failed (UNAVAILABLE), never not_verified, when NaC /verify fails', async () => {
    const created = await createSession(fast, LIBERTY.number);
    network.faults.add({ carrier: 'nokia', endpoint: 'number-verification/verify', kind: 'status', status: 503, times: 1 });
    await browse(fast, created.authorizationUrl, LIBERTY.ip);
    expect(await sessionOf(fast, created.sessionId)).toMatchObject({ status: 'failed', problem: { code: 'UNAVAILABLE', retryable: true } });
  });

  it("the next provider of the chain: brightwave's discovery down, NaC verifies the brightwave line", async () => {
    network.faults.add({ carrier: 'brightwave', endpoint: 'discovery', kind: 'status', status: 503, times: 1 });
    const created = await createSession(fast, BRIGHTWAVE.number);
    const trip = await browse(fast, created.authorizationUrl, BRIGHTWAVE.ip);
    expect(trip.visited.map((url) => url.pathname)).toContain('/carriers/nokia/camara/oauth2/v1/authorize');
    expect(await sessionOf(fast, created.sessionId)).toMatchObject({ status: 'verified', provider: 'nokia' });
  });

  it('the number travels only to NaC (login_hint): sealed in the session store, absent from the gateway’s URLs, answers and logs', async () => {
    const created = await createSession(fast, LIBERTY.number);
    const stored = JSON.stringify(await sharedState.sessions.get(created.sessionId));
    expect(stored).not.toContain(LIBERTY.number.slice(1));
    expect(stored).not.toContain(encodeURIComponent(LIBERTY.number));

    const trip = await browse(fast, created.authorizationUrl, LIBERTY.ip);
    const nac = trip.visited[1]!;
    expect(nac.searchParams.get('login_hint')).toBe(LIBERTY.number);
    expect(nac.searchParams.has('code_challenge')).toBe(false);
    const gatewayUrls = [created.authorizationUrl, ...trip.visited.filter((url) => url.origin === fast.url).map((url) => url.href)].join('\n');
    expect(gatewayUrls).not.toContain(LIBERTY.number.slice(1));
    expect(JSON.stringify(await sessionOf(fast, created.sessionId))).not.toContain(LIBERTY.number.slice(1));
    expect(fast.logLines.join('\n')).not.toContain(LIBERTY.number.slice(1));
  });

  it('a stored operator URL the gateway cannot open (another numberKeySecret, an older session) is the unknown-link page, never a 500', async () => {
    const id = 'nv_unreadableOperatorUrl0';
    await sharedState.sessions.create(sessionFor('default', id), { retainUntil: Date.now() + 600_000, maxPerTenant: 100 });
    const start = await fetch(`${fast.url}/v1/number-verification/sessions/${id}/start`, { redirect: 'manual' });
    expect(start.status).toBe(404);
    expect(start.headers.get('location')).toBeNull();
  });
});

describe('standard flow', () => {
  it('verified: the gateway redeems the code at NaC’s token endpoint, then asks /verify with the token', async () => {
    const tokens = network.stats.get('nokia', 'oauth2/token');
    const created = await createSession(standard, LIBERTY.number);
    const trip = await browse(standard, created.authorizationUrl, LIBERTY.ip);
    expect(trip.visited[1]!.pathname).toBe('/carriers/nokia/oauth2/v1/authorize');
    expect(await sessionOf(standard, created.sessionId)).toMatchObject({ status: 'verified', provider: 'nokia' });
    expect(network.stats.get('nokia', 'oauth2/token')).toBe(tokens + 1);
  });

  it('failed (UNAVAILABLE) when NaC’s token endpoint fails; the code is not retried', async () => {
    const tokens = network.stats.get('nokia', 'oauth2/token');
    const created = await createSession(standard, LIBERTY.number);
    network.faults.add({ carrier: 'nokia', endpoint: 'oauth2/token', kind: 'status', status: 503, times: 1 });
    await browse(standard, created.authorizationUrl, LIBERTY.ip);
    expect(await sessionOf(standard, created.sessionId)).toMatchObject({ status: 'failed', problem: { code: 'UNAVAILABLE' } });
    expect(network.stats.get('nokia', 'oauth2/token')).toBe(tokens + 1);
  });
});

it('422 SERVICE_NOT_APPLICABLE when no provider of the number offers Number Verification (liberty alone)', async () => {
  const response = await operatorsOnly.post('/v1/number-verification/sessions', { phoneNumber: LIBERTY.number });
  expect(response.status).toBe(422);
  expect(response.body).toMatchObject({ status: 422, code: 'SERVICE_NOT_APPLICABLE' });
});
