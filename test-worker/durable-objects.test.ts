/**
 * `sharedState.kind: "durable-objects"` through the Worker's fetch handler, inside workerd: every
 * client below is a freshly built gateway (its own memory: LRU, buckets, breakers), so what holds
 * across them is held by the Durable Objects alone. A Number Verification flow whose every step
 * lands on another gateway, an assessment read back on another gateway, a tenant rate limit and a
 * daily cap counted once for all gateways,
 * objects that fail or hang (503, never a 500), and the config errors of a Worker that cannot have
 * this shared state.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GatewayConfig, SharedStateConfig } from '../src/config/schema.ts';
import { browseAsDevice } from '../test/support/device-browser.ts';
import { withCacheTtl, withOperatorsOnly } from '../test/support/config-variants.ts';
import { mockWorld } from './support/mock-world.ts';
import { WORKER_ORIGIN, workerClient, type WorkerClientOptions } from './support/worker-client.ts';

const world = mockWorld();
const ALBION = { number: '+447700900002', ip: '100.64.10.2' };
const BRIGHTWAVE_LINE = '+447700900502';
const CHECK = 'sim-swap/v2/check';
const SESSIONS = '/v1/number-verification/sessions';
const logLines: string[] = [];

type DurableObjectsConfig = Extract<SharedStateConfig, { kind: 'durable-objects' }>;
const DURABLE_OBJECTS: DurableObjectsConfig = {
  kind: 'durable-objects',
  limitsBinding: 'TENANT_LIMITS',
  sessionsBinding: 'NV_SESSIONS',
  recordsBinding: 'ASSESSMENT_RECORDS',
  timeoutMs: 2_000,
  sessionTimeoutMs: 2_000,
};

type Tenant = GatewayConfig['tenants'][number];

/** A fresh gateway over the Durable Objects; the tenant is renamed per test, so no test meets another's counts. */
function sharedWorker(tenantId: string, tenant: Partial<Tenant> = {}, options: WorkerClientOptions & { sharedState?: Partial<DurableObjectsConfig> } = {}) {
  return workerClient({
    ...options,
    configure: (config) => ({
      ...withOperatorsOnly(withCacheTtl(config, 0)),
      sharedState: { ...DURABLE_OBJECTS, ...options.sharedState },
      tenants: config.tenants.map((each) => ({ ...each, ...tenant, id: tenantId })),
    }),
  });
}

const newTenant = () => `tenant-${crypto.randomUUID()}`;

beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void logLines.push(String(line)));
});
beforeEach(async () => {
  await world.clearFaults();
  await world.resetStats();
});
afterAll(() => vi.restoreAllMocks());

describe('Number Verification sessions in Durable Objects', () => {
  it('runs create, device start, operator callback and read each on a freshly built gateway', async () => {
    const tenant = newTenant();
    const fresh = () => sharedWorker(tenant);
    const created = await fresh().post(SESSIONS, { phoneNumber: ALBION.number });
    expect(created.status, created.text).toBe(201);
    const { sessionId, authorizationUrl } = created.body;

    const trip = await browseAsDevice(authorizationUrl, { gateway: WORKER_ORIGIN, mocks: world.url }, ALBION.ip, (url, init) =>
      url.origin === WORKER_ORIGIN ? fresh().fetch(url, init) : fetch(url, init),
    );
    expect(trip.visited.map((url) => url.pathname)).toEqual([`${SESSIONS}/${sessionId}/start`, '/carriers/albion/authorize', '/v1/number-verification/callback']);
    expect(trip.last.status, trip.lastBody).toBe(200);
    const read = await fresh().get(`${SESSIONS}/${sessionId}`);
    expect(read.body).toMatchObject({ sessionId, status: 'verified', provider: 'albion' });
  });

  it('(in isolate memory, the default, another gateway does not know the session)', async () => {
    const created = await workerClient().post(SESSIONS, { phoneNumber: ALBION.number });
    expect(created.status, created.text).toBe(201);
    expect((await workerClient().get(`${SESSIONS}/${created.body.sessionId}`)).status).toBe(404);
  });
});

describe('assessment records in Durable Objects', () => {
  it('reads an assessment made on one gateway from another, its outcome told on a third', async () => {
    const tenant = newTenant();
    const assessment = await sharedWorker(tenant).post('/v1/assessments', { phoneNumber: BRIGHTWAVE_LINE, context: { channel: 'agent', action: 'change_address' } });
    expect(assessment.status, assessment.text).toBe(200);
    const id = assessment.body.assessmentId;
    const read = await sharedWorker(tenant).get(`/v1/assessments/${id}`);
    expect(read.status, read.text).toBe(200);
    expect(read.body).toMatchObject({ assessmentId: id, recommendation: assessment.body.recommendation, maskedNumber: '••••••••02' });
    expect((await sharedWorker(tenant).post(`/v1/assessments/${id}/outcome`, { outcome: 'genuine' })).status).toBe(200);
    expect((await sharedWorker(tenant).get(`/v1/assessments/${id}`)).body.outcome).toMatchObject({ outcome: 'genuine' });
  });
});

describe('tenant limits in a Durable Object', () => {
  it('admits exactly the burst of 3 × burst concurrent requests spread over three gateways', async () => {
    const tenant = newTenant();
    const gateways = [1, 2, 3].map(() => sharedWorker(tenant, { rateLimit: { requestsPerSecond: 0.001, burst: 4 } }));
    // A request with no number: admitted ones answer 422 without an upstream call, refused ones 429.
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => gateways[i % 3]!.post('/sim-swap/v2/check', { maxAge: 24 })));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 422)).toHaveLength(4);
    expect(statuses.filter((status) => status === 429)).toHaveLength(8);
  });

  it('spends one daily cap from every gateway: the third call of a cap of 2 is refused', async () => {
    const tenant = newTenant();
    const statuses: number[] = [];
    let refused;
    for (let i = 0; i < 3; i++) {
      const answer = await sharedWorker(tenant, { dailyUpstreamCap: 2 }).post('/sim-swap/v2/check', { phoneNumber: BRIGHTWAVE_LINE, maxAge: 24 });
      statuses.push(answer.status);
      refused = answer;
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(refused?.body).toMatchObject({ status: 429, code: 'QUOTA_EXCEEDED' });
    expect(await world.count('brightwave', CHECK)).toBe(2);
  });
});

describe('objects that fail or do not answer', () => {
  /** A namespace whose every object answers every call with `answer()`. */
  const namespaceAnswering = (answer: () => Promise<never>) => ({
    idFromName: (name: string) => name,
    get: () => new Proxy({}, { get: () => answer }),
  });
  const broken = {
    reject: namespaceAnswering(() => Promise.reject(new Error('Durable Object storage operation exceeded timeout'))),
    hang: namespaceAnswering(() => new Promise<never>(() => {})),
  };

  it.each(Object.entries(broken))('objects that %s: capped calls, sessions and records answer 503 UNAVAILABLE, rate limits fall back, nothing 500', async (_how, namespace) => {
    const options = {
      bindings: { TENANT_LIMITS: namespace, NV_SESSIONS: namespace, ASSESSMENT_RECORDS: namespace },
      sharedState: { timeoutMs: 100, sessionTimeoutMs: 100 },
      // A hanging write would hold ctx.waitUntil open: the answers are what count.
      awaitBackgroundWork: false,
    };
    const capped = await sharedWorker(newTenant(), { dailyUpstreamCap: 100 }, options).post('/sim-swap/v2/check', { phoneNumber: BRIGHTWAVE_LINE, maxAge: 24 });
    expect(capped.status, capped.text).toBe(503);
    expect(capped.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(await world.count('brightwave', CHECK)).toBe(0);

    const limited = sharedWorker(newTenant(), { rateLimit: { requestsPerSecond: 10, burst: 10 } }, options);
    expect((await limited.post('/sim-swap/v2/check', { phoneNumber: BRIGHTWAVE_LINE, maxAge: 24 })).status).toBe(200);
    const created = await limited.post(SESSIONS, { phoneNumber: ALBION.number });
    expect(created.status, created.text).toBe(503);
    expect(created.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect((await limited.get(`${SESSIONS}/nv_someoneElsesSession012`)).body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect((await limited.fetch(`${SESSIONS}/nv_someoneElsesSession012/start`)).status).toBe(503);
    expect((await limited.get(`/v1/assessments/${crypto.randomUUID()}`)).body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
  });
});

describe('config errors', () => {
  it.each([
    ['a namespace that is not bound', { ...DURABLE_OBJECTS, limitsBinding: 'NOT_BOUND' }, 'no Durable Object namespace is bound as NOT_BOUND'],
    ['kind "redis"', { kind: 'redis', url: 'redis://127.0.0.1:6379', keyPrefix: 'numtrust:', timeoutMs: 50, sessionTimeoutMs: 1_000 }, 'Redis clients do not run on Workers'],
  ] as const)('%s answers 503 UNAVAILABLE at the first request and logs why', async (_case, sharedState, reason) => {
    const worker = workerClient({ configure: (config) => ({ ...config, sharedState }) });
    const answer = await worker.post('/sim-swap/v2/check', { phoneNumber: BRIGHTWAVE_LINE, maxAge: 24 });
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(logLines.some((line) => line.includes('gateway unavailable') && line.includes(reason))).toBe(true);
  });
});
