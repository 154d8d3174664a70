/**
 * Number Verification's code exchange and /verify run through the engine like every upstream
 * call: the operator's breaker for number_verification.verify, the tenant's daily cap, the
 * upstream metrics; and, being single-use, never retried nor shared between sessions. Over real
 * HTTP to the mock operators; counted at the mocks.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browseAsDevice } from '../support/device-browser.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { parseExposition, sumOf } from '../observability/exposition.ts';

const ALBION = { number: '+447700900002', ip: '100.64.10.2' };
const SESSIONS = '/v1/number-verification/sessions';
const VERIFY = 'number-verification/v2/verify';
const BREAKER = 'albion:number_verification.verify';

function useGateway(options: Parameters<typeof startTestGateway>[0]) {
  let t: TestGateway | undefined;
  beforeAll(async () => {
    t = await startTestGateway(options);
  });
  afterEach(() => {
    t?.network.faults.clear();
    t?.network.world.reset();
  });
  afterAll(async () => {
    await t?.close();
  });
  return () => t!;
}

async function createSession(t: TestGateway, phoneNumber = ALBION.number) {
  const response = await t.post(SESSIONS, { phoneNumber });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { sessionId: string; authorizationUrl: string };
}

/** The device's trip (over albion's mobile data) through to the gateway's callback, then the session as the backend reads it. */
async function complete(t: TestGateway, session: { sessionId: string; authorizationUrl: string }) {
  const trip = await browseAsDevice(session.authorizationUrl, { gateway: t.url, mocks: t.network.url }, ALBION.ip);
  expect(trip.last.status).toBe(200);
  const view = await fetch(`${t.url}${SESSIONS}/${session.sessionId}`, { headers: { authorization: `Bearer ${t.apiKey}` } });
  return (await view.json()) as { status: string; problem?: { code: string; retryable: boolean } };
}

const calls = (t: TestGateway, endpoint: string) => t.network.stats.get('albion', endpoint);

describe('the operator breaker for number_verification.verify', () => {
  const gateway = useGateway({
    configure: (config) => ({
      ...config,
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 60_000, rollingWindowMs: 60_000 },
    }),
  });
  afterEach(() => gateway().gateway.engine.breakers.shutdown());

  it.each(['token', VERIFY])(
    'opens on repeated failures at the operator’s %s endpoint, then fails fast without calling it, and refuses new sessions with 503',
    async (endpoint) => {
      const t = gateway();
      // Created while the breaker is closed: the last one's device comes back once it is open.
      const sessions = [];
      for (let i = 0; i < 4; i++) sessions.push(await createSession(t));
      t.network.faults.add({ carrier: 'albion', endpoint, kind: 'status', status: 503 });
      const before = calls(t, endpoint);

      for (const session of sessions.slice(0, 3)) {
        expect(await complete(t, session)).toMatchObject({ status: 'failed', problem: { code: 'UNAVAILABLE', retryable: true } });
      }
      // One request each: a single-use code is never retried.
      expect(calls(t, endpoint)).toBe(before + 3);
      expect(t.gateway.engine.breakers.state(BREAKER)).toBe('open');

      const tokensBefore = calls(t, 'token');
      expect(await complete(t, sessions[3]!)).toMatchObject({ status: 'failed', problem: { code: 'UNAVAILABLE', retryable: true } });
      expect(calls(t, endpoint)).toBe(before + 3);
      expect(calls(t, 'token')).toBe(tokensBefore);

      const refused = await t.post(SESSIONS, { phoneNumber: ALBION.number });
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    },
  );

  it('stays closed through answers: verified and not-verified sessions are definite', async () => {
    const t = gateway();
    for (let i = 0; i < 4; i++) expect(await complete(t, await createSession(t))).toMatchObject({ status: 'verified' });
    expect(await complete(t, await createSession(t, '+447700900003'))).toMatchObject({ status: 'not_verified' });
    expect(t.gateway.engine.breakers.state(BREAKER)).toBe('closed');
  });
});

describe('single use', () => {
  const gateway = useGateway({});

  it('never retries: one 503 at the token endpoint fails the session after one request, though the next would have answered', async () => {
    const t = gateway();
    const session = await createSession(t);
    t.network.faults.add({ carrier: 'albion', endpoint: 'token', kind: 'status', status: 503, times: 1 });
    const before = calls(t, 'token');
    expect(await complete(t, session)).toMatchObject({ status: 'failed', problem: { code: 'UNAVAILABLE' } });
    expect(calls(t, 'token')).toBe(before + 1);
    expect(calls(t, VERIFY)).toBe(0);
  });

  it('never shares a call between sessions: two devices coming back at once make two exchanges and two verifications', async () => {
    const t = gateway();
    const sessions = [await createSession(t), await createSession(t)];
    const [tokens, verifications] = [calls(t, 'token'), calls(t, VERIFY)];
    const results = await Promise.all(sessions.map((session) => complete(t, session)));
    expect(results.map((result) => result.status)).toEqual(['verified', 'verified']);
    expect(calls(t, 'token')).toBe(tokens + 2);
    expect(calls(t, VERIFY)).toBe(verifications + 2);
  });
});

describe("the tenant's daily cap", () => {
  const gateway = useGateway({
    configure: (config) => ({ ...config, tenants: config.tenants.map((tenant) => ({ ...tenant, dailyUpstreamCap: 1 })) }),
  });

  it('counts a verify; a session whose device comes back after the cap is spent fails QUOTA_EXCEEDED without calling the operator; then no session starts', async () => {
    const t = gateway();
    const [first, second] = [await createSession(t), await createSession(t)];
    expect(await t.gateway.engine.upstreamQuota.usedToday('default')).toBe(0);

    expect(await complete(t, first)).toMatchObject({ status: 'verified' });
    expect(await t.gateway.engine.upstreamQuota.usedToday('default')).toBe(1);

    const tokens = calls(t, 'token');
    expect(await complete(t, second)).toMatchObject({ status: 'failed', problem: { code: 'QUOTA_EXCEEDED', retryable: true } });
    expect(calls(t, 'token')).toBe(tokens);
    expect(await t.gateway.engine.upstreamQuota.usedToday('default')).toBe(1);

    const refused = await t.post(SESSIONS, { phoneNumber: ALBION.number });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ status: 429, code: 'QUOTA_EXCEEDED' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('upstream metrics', () => {
  const gateway = useGateway({ metrics: true });
  const scrape = async (t: TestGateway) => parseExposition(await (await fetch(`${t.url}/metrics`)).text());
  const attempts = { provider: 'albion', operation: 'number_verification.verify' };

  it('counts each exchange and verification as one upstream attempt, by outcome', async () => {
    const t = gateway();
    const before = await scrape(t);
    expect(await complete(t, await createSession(t))).toMatchObject({ status: 'verified' });
    const failing = await createSession(t);
    t.network.faults.add({ carrier: 'albion', endpoint: VERIFY, kind: 'status', status: 500, times: 1 });
    expect(await complete(t, failing)).toMatchObject({ status: 'failed' });
    const after = await scrape(t);

    const moved = (labels: Record<string, string>) =>
      sumOf(after, 'numtrust_upstream_attempts_total', labels) - sumOf(before, 'numtrust_upstream_attempts_total', labels);
    expect(moved({ ...attempts, outcome: 'ok' })).toBe(1);
    expect(moved({ ...attempts, outcome: 'server' })).toBe(1);
    expect(moved(attempts)).toBe(2);
  });
});
