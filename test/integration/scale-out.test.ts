/**
 * Two Node gateways behind one (imagined) load balancer: two createGateway instances, each with
 * its own Redis client and its own HTTP server, one mock world, one real Redis-protocol server.
 * With the defaults a user gets, except what each scenario needs, they behave as one gateway: a
 * Number Verification flow may hop between them, a rate limit and a daily cap hold across both,
 * and an answer one fetched serves the other. Then the Redis server stops mid-run: each instance
 * degrades as docs/scaling.md says (nothing answers 500), and recovers by itself when it is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockNetwork } from '../../mocks/network.ts';
import { generateApiKey } from '../../src/auth/api-keys.ts';
import type { GatewayConfig } from '../../src/config/schema.ts';
import { redisSharedState, type RedisSharedState } from '../../src/runtime/redis-state.ts';
import { silentLogger } from '../../src/observability/logger.ts';
import { browseAsDevice } from '../support/device-browser.ts';
import { startTestGateway, type MockNetwork, type TestGateway } from '../support/gateway.ts';
import { lateBound, startedIn } from '../support/late-bound.ts';
import { rawCommand, redisTestsRun, startRedisServer, type RedisServer } from '../support/redis-server.ts';

const SECRET = 'scale-out-number-key-secret-of-32-chars';
const PREFIX = `scale${process.pid}:`;
const RATE_BURST = 4;
const DAILY_CAP = 3;
const KEYS = { limited: 'nt_limited_tenant_key_0123456789', capped: 'nt_capped_tenant_key_01234567890', metered: 'nt_metered_tenant_key_0123456789' };
const ALBION_DEVICE = { number: '+447700900002', ip: '100.64.10.2' };

let redis: RedisServer | undefined;
let network: MockNetwork | undefined;
const started: { a?: TestGateway; b?: TestGateway } = {};
const states: RedisSharedState[] = [];
const a = lateBound(startedIn('beforeAll', () => started.a));
const b = lateBound(startedIn('beforeAll', () => started.b));

/** The embedded config, plus what the scenarios need: three more tenants, the Redis shared state, a shared number-key secret. */
function scaleOutConfig(base: GatewayConfig, url: string): GatewayConfig {
  return {
    ...base,
    numberKeySecret: SECRET,
    sharedState: { kind: 'redis', url, keyPrefix: PREFIX, timeoutMs: 50, sessionTimeoutMs: 1_000 },
    tenants: [
      ...base.tenants,
      { id: 'limited', apiKeys: [{ id: 'limited', key: KEYS.limited }], rateLimit: { requestsPerSecond: 0.001, burst: RATE_BURST } },
      { id: 'capped', apiKeys: [{ id: 'capped', key: KEYS.capped }], dailyUpstreamCap: DAILY_CAP },
      { id: 'metered', apiKeys: [{ id: 'metered', key: KEYS.metered }], dailyUpstreamCap: 1_000 },
    ],
  };
}

async function startInstance(apiKey: string): Promise<TestGateway> {
  const state = redisSharedState({ kind: 'redis', url: redis!.url, keyPrefix: PREFIX, timeoutMs: 50, sessionTimeoutMs: 1_000 }, { logger: silentLogger });
  states.push(state);
  expect(await state.ready(5_000)).toBe(true);
  return startTestGateway({ network, apiKey, sharedState: state, configure: (base) => scaleOutConfig(base, redis!.url) });
}

/** A SIM swap check at brightwave alone (no failover, no hedge; client-credentials tokens), as `key`'s tenant. */
function simSwap(gateway: TestGateway, phoneNumber: string, key?: string) {
  return gateway.post('/sim-swap/v2/check', { phoneNumber, maxAge: 24 }, { 'x-numtrust-provider': 'brightwave', ...(key ? { authorization: `Bearer ${key}` } : {}) });
}

/** Upstream SIM swap checks so far; each tenant caches under its own namespace, so tenants may share numbers. */
const upstreamChecks = () => network!.stats.get('brightwave', 'sim-swap/v2/check');

/** A request every tenant may make that touches no store and no upstream: 404 once admitted. */
const unknownPath = (gateway: TestGateway, key: string) => api(gateway, 'GET', '/v1/unknown', undefined, key);

async function api(gateway: TestGateway, method: 'GET' | 'POST', path: string, body?: unknown, key = gateway.apiKey) {
  const response = await fetch(gateway.url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const createSession = (gateway: TestGateway) => api(gateway, 'POST', '/v1/number-verification/sessions', { phoneNumber: ALBION_DEVICE.number });
const readSession = (gateway: TestGateway, id: string) => api(gateway, 'GET', `/v1/number-verification/sessions/${id}`);

/** Polls until `ready` says so (bounded: 100 tries, 100 ms apart); no timing is asserted. */
async function until(ready: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: not within 100 tries`);
}

describe.skipIf(!redisTestsRun)('two gateways on one Redis', () => {
  beforeAll(async () => {
    redis = await startRedisServer();
    network = await startMockNetwork({ port: 0 });
    const apiKey = generateApiKey('nt_test_');
    started.a = await startInstance(apiKey);
    started.b = await startInstance(apiKey);
  });
  afterAll(async () => {
    await started.a?.close();
    await started.b?.close();
    await Promise.all(states.map((state) => state.close()));
    await network?.close();
    await redis?.stop();
  });

  it('(a) a Number Verification flow created on A, finished by the device on B, reads verified on A', async () => {
    const created = await createSession(a);
    expect(created.status).toBe(201);
    const toB = (url: URL, init: RequestInit) => fetch(url.origin === a.url ? new URL(url.pathname + url.search, b.url) : url, init);
    const trip = await browseAsDevice(created.body.authorizationUrl, { gateway: a.url, mocks: network!.url }, ALBION_DEVICE.ip, toB);
    expect(trip.visited.map((url) => url.pathname)).toContain('/v1/number-verification/callback');
    expect(trip.last.status).toBe(200);
    expect((await readSession(a, created.body.sessionId)).body).toMatchObject({ status: 'verified', provider: 'albion' });
  });

  it('(b) a tenant rate limit of N holds across A and B: N of 3N requests pass, not 2N', async () => {
    const requests = Array.from({ length: 3 * RATE_BURST }, (_, i) => unknownPath(i % 2 ? b : a, KEYS.limited));
    const statuses = (await Promise.all(requests)).map((response) => response.status);
    expect(statuses.filter((status) => status !== 429)).toHaveLength(RATE_BURST);
    expect(statuses.filter((status) => status === 429)).toHaveLength(2 * RATE_BURST);
  });

  it('(c) a daily cap of C is shared: C calls across A and B, then 429 QUOTA_EXCEEDED on either', async () => {
    for (const [gateway, number] of [[a, '+447700900501'], [b, '+447700900502'], [a, '+447700900503']] as const) {
      expect((await simSwap(gateway, number, KEYS.capped)).status).toBe(200);
    }
    for (const gateway of [b, a]) {
      const refused = await simSwap(gateway, '+447700900504', KEYS.capped);
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('QUOTA_EXCEEDED');
    }
  });

  it('(d) an answer A fetched is served by B from the second tier: one upstream call, no number in any key', async () => {
    const answersKept = async () => ((await rawCommand(redis!.port, ['KEYS', `${PREFIX}answer:default|*`])) as string[]).length;
    const [before, keptBefore] = [upstreamChecks(), await answersKept()];
    const first = await simSwap(a, '+447700900505');
    expect(first.status).toBe(200);
    // A keeps it in Redis in the background: wait until it is there, then ask B.
    await until(async () => (await answersKept()) > keptBefore, 'the answer in Redis');
    const second = await simSwap(b, '+447700900505');
    expect(second).toMatchObject({ status: 200, body: first.body });
    expect(upstreamChecks() - before).toBe(1);
    const keys = (await rawCommand(redis!.port, ['KEYS', '*'])) as string[];
    expect(keys.every((key) => key.startsWith(PREFIX))).toBe(true);
    expect(keys.join(' ')).not.toMatch(/447700900/);
  });

  it('(e) with Redis stopped each instance degrades without a 500, and recovers by itself when Redis is back', async () => {
    const cached = '+447700900506';
    expect((await simSwap(a, cached)).status).toBe(200);
    const session = await createSession(a);
    expect(session.status).toBe(201);

    await redis!.stop();
    const statuses: number[] = [];
    const seen = async <T extends { status: number }>(answer: Promise<T>) => {
      const settled = await answer;
      statuses.push(settled.status);
      return settled;
    };
    const upstreamBefore = upstreamChecks();
    // The answer in A's memory is still served.
    expect((await seen(simSwap(a, cached))).status).toBe(200);
    // A capped tenant's new check fails closed: 503, and no upstream call.
    const capped = await seen(simSwap(b, '+447700900501', KEYS.metered));
    expect(capped).toMatchObject({ status: 503, body: { code: 'UNAVAILABLE' } });
    expect(upstreamChecks()).toBe(upstreamBefore);
    // An uncapped tenant's new check works (the second tier is a miss).
    expect((await seen(simSwap(b, '+447700900502'))).status).toBe(200);
    expect(upstreamChecks()).toBe(upstreamBefore + 1);
    // Sessions answer 503.
    expect((await seen(createSession(a))).body).toMatchObject({ code: 'UNAVAILABLE' });
    expect((await seen(readSession(b, session.body.sessionId))).status).toBe(503);
    // The rate-limited tenant is served by each instance's own bucket.
    expect((await seen(unknownPath(a, KEYS.limited))).status).toBe(404);
    expect(statuses).not.toContain(500);

    await redis!.restart();
    await until(async () => (await createSession(a)).status === 201, 'sessions after the restart');
    await until(async () => (await simSwap(b, '+447700900501', KEYS.metered)).status === 200, 'capped checks after the restart');
    const again = await createSession(b);
    expect(again.status).toBe(201);
    expect((await readSession(a, again.body.sessionId)).body).toMatchObject({ status: 'pending' });
  });
});
