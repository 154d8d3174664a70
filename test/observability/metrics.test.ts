/**
 * GET /metrics on the Node gateway, end to end against the mock carriers: each kind of event is
 * made to happen, then the scrape is parsed and the counters are compared with what happened
 * (counted at the mock where it can be). Last, no label value holds a number or its hash.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NumberKeyer } from '../../src/resilience/number-key.ts';
import { silentSharedState } from '../support/silent-shared-state.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { parseExposition, samplesOf, sumOf, type Exposition } from './exposition.ts';

const SECRET = 'metrics-test-number-key-secret-0123456789';
const ALBION = '+447700900001';
const ALBION_UNKNOWN = '+447700900499';
const BRIGHTWAVE = '+447700900502';
const NUMBERS_USED = [ALBION, ALBION_UNKNOWN, BRIGHTWAVE];
const CHECK_ROUTE = '/sim-swap/v2/check';
const CHECK = 'sim-swap/v2/check';

async function scrape(t: TestGateway, headers: Record<string, string> = {}): Promise<Exposition> {
  const response = await fetch(`${t.url}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await response.text());
}

/** How much each counter moved between two scrapes. */
function delta(before: Exposition, after: Exposition, name: string, labels: Record<string, string> = {}): number {
  return sumOf(after, name, labels) - sumOf(before, name, labels);
}

describe('metrics of a gateway at work', () => {
  let t: TestGateway;
  let maxAge = 1;
  /** A check nobody asked before (its own maxAge), so neither the cache nor a shared call answers it. */
  const freshCheck = (phoneNumber: string) => t.post(CHECK_ROUTE, { phoneNumber, maxAge: maxAge++ });

  beforeAll(async () => {
    t = await startTestGateway({
      operatorsOnly: true,
      metrics: true,
      configure: (config) => ({
        ...config,
        numberKeySecret: SECRET,
        server: { ...config.server, attemptTimeoutMs: 1_500 },
        breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 60_000, rollingWindowMs: 60_000 },
        // One attempt per call: attempts counted here are calls counted at the mock.
        retry: { maxAttempts: 1 },
      }),
    });
    // Tokens fetched and connections open before anything is counted.
    for (const phoneNumber of [ALBION, BRIGHTWAVE]) expect((await freshCheck(phoneNumber)).status).toBe(200);
  });
  afterEach(() => t.network.faults.clear());
  afterAll(() => t?.close());

  it('serves the exposition without an API key, with types, and Node process metrics', async () => {
    const metrics = await scrape(t);
    expect(metrics.types.get('numtrust_http_requests_total')).toBe('counter');
    expect(metrics.types.get('numtrust_http_request_duration_seconds')).toBe('histogram');
    expect(metrics.types.get('numtrust_upstream_attempt_duration_seconds')).toBe('histogram');
    expect(metrics.types.get('numtrust_breaker_state')).toBe('gauge');
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds']) {
      expect(samplesOf(metrics, name)).toHaveLength(1);
    }
  });

  it('counts requests under the route template, with status, tenant and a latency histogram', async () => {
    const before = await scrape(t);
    expect((await freshCheck(ALBION)).status).toBe(200);
    expect((await freshCheck(ALBION_UNKNOWN)).status).toBe(404);
    const unauthenticated = await fetch(`${t.url}${CHECK_ROUTE}`, { method: 'POST', body: '{}' });
    expect(unauthenticated.status).toBe(401);
    const unknownPath = await fetch(`${t.url}/v1/no-such-thing/${ALBION}`, { headers: { authorization: `Bearer ${t.apiKey}` } });
    expect(unknownPath.status).toBe(404);
    const after = await scrape(t);

    const requests = 'numtrust_http_requests_total';
    expect(delta(before, after, requests, { route: CHECK_ROUTE, method: 'POST', status: '200', tenant: 'default' })).toBe(1);
    expect(delta(before, after, requests, { route: CHECK_ROUTE, method: 'POST', status: '404', tenant: 'default' })).toBe(1);
    expect(delta(before, after, requests, { route: CHECK_ROUTE, method: 'POST', status: '401', tenant: 'none' })).toBe(1);
    expect(delta(before, after, requests, { route: 'unmatched', method: 'GET', status: '404', tenant: 'default' })).toBe(1);

    const histogram = 'numtrust_http_request_duration_seconds';
    const okSeries = { route: CHECK_ROUTE, method: 'POST', status_class: '2xx' };
    expect(delta(before, after, `${histogram}_count`, okSeries)).toBe(1);
    expect(delta(before, after, `${histogram}_sum`, okSeries)).toBeGreaterThan(0);
    const buckets = samplesOf(after, `${histogram}_bucket`, okSeries);
    const counts = buckets.map((bucket) => bucket.value);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(buckets.at(-1)?.labels.le).toBe('+Inf');
    expect(buckets.at(-1)?.value).toBe(sumOf(after, `${histogram}_count`, okSeries));
  });

  it('counts upstream attempts by provider, operation and outcome, with their latency', async () => {
    const before = await scrape(t);
    await freshCheck(ALBION);
    await freshCheck(ALBION_UNKNOWN);
    t.network.faults.add({ carrier: 'brightwave', endpoint: 'sim-swap/v2/retrieve-date', kind: 'hang', times: 1 });
    expect((await t.post('/sim-swap/v2/retrieve-date', { phoneNumber: BRIGHTWAVE })).status).toBe(503);
    const after = await scrape(t);

    const attempts = 'numtrust_upstream_attempts_total';
    const albionCheck = { provider: 'albion', operation: 'sim_swap.check' };
    expect(delta(before, after, attempts, { ...albionCheck, outcome: 'ok' })).toBe(1);
    expect(delta(before, after, attempts, { ...albionCheck, outcome: 'not_found' })).toBe(1);
    expect(delta(before, after, attempts, { provider: 'brightwave', operation: 'sim_swap.retrieve_date', outcome: 'timeout' })).toBe(1);
    expect(delta(before, after, attempts)).toBe(3);
    const okLatency = { ...albionCheck, outcome: 'ok' };
    expect(delta(before, after, 'numtrust_upstream_attempt_duration_seconds_count', okLatency)).toBe(1);
    expect(delta(before, after, 'numtrust_upstream_attempt_duration_seconds_sum', okLatency)).toBeGreaterThan(0);
  });

  it('counts cache hits and misses per signal kind', async () => {
    const body = { phoneNumber: ALBION, maxAge: 200 };
    const before = await scrape(t);
    expect((await t.post(CHECK_ROUTE, body)).headers.get('x-numtrust-cache')).toBe('miss');
    expect((await t.post(CHECK_ROUTE, body)).headers.get('x-numtrust-cache')).toBe('hit');
    expect((await t.post(CHECK_ROUTE, body)).headers.get('x-numtrust-cache')).toBe('hit');
    const after = await scrape(t);

    const lookups = 'numtrust_cache_lookups_total';
    expect(delta(before, after, lookups, { kind: 'sim_swap', result: 'miss' })).toBe(1);
    expect(delta(before, after, lookups, { kind: 'sim_swap', result: 'hit' })).toBe(2);
    expect(delta(before, after, lookups)).toBe(3);
  });

  it('counts the requests that joined a shared upstream call', async () => {
    t.network.stats.reset();
    // A slow answer, so the identical requests find the call under way rather than its cached answer.
    t.network.faults.add({ carrier: 'albion', endpoint: CHECK, kind: 'latency', latencyMs: 400 });
    const before = await scrape(t);
    const body = { phoneNumber: ALBION, maxAge: 201 };
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.post(CHECK_ROUTE, body)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    const after = await scrape(t);

    // One request led the call; each of the seven others joined it or, arriving after it, hit the cache.
    expect(t.network.stats.get('albion', CHECK)).toBe(1);
    const albionCheck = { provider: 'albion', operation: 'sim_swap.check' };
    expect(delta(before, after, 'numtrust_upstream_attempts_total', albionCheck)).toBe(1);
    const joins = delta(before, after, 'numtrust_single_flight_joins_total', albionCheck);
    expect(joins).toBeGreaterThan(0);
    expect(joins + delta(before, after, 'numtrust_cache_lookups_total', { kind: 'sim_swap', result: 'hit' })).toBe(7);
  });

  it('counts upstream errors by kind, shows the breaker open, and counts its fast fails', async () => {
    const breaker = { provider: 'brightwave', operation: 'sim_swap.check' };
    t.network.stats.reset();
    const before = await scrape(t);
    t.network.faults.add({ carrier: 'brightwave', endpoint: CHECK, kind: 'status', status: 500 });
    for (let i = 0; i < 10 && t.gateway.engine.breakers.state('brightwave:sim_swap.check') !== 'open'; i++) {
      expect((await freshCheck(BRIGHTWAVE)).status).toBe(503);
    }
    expect(t.gateway.engine.breakers.state('brightwave:sim_swap.check')).toBe('open');
    const reached = t.network.stats.get('brightwave', CHECK);
    expect((await freshCheck(BRIGHTWAVE)).status).toBe(503);
    expect((await freshCheck(BRIGHTWAVE)).status).toBe(503);
    expect(t.network.stats.get('brightwave', CHECK)).toBe(reached);
    const after = await scrape(t);

    expect(delta(before, after, 'numtrust_upstream_attempts_total', { ...breaker, outcome: 'server' })).toBe(reached);
    expect(delta(before, after, 'numtrust_breaker_transitions_total', { ...breaker, state: 'open' })).toBe(1);
    expect(delta(before, after, 'numtrust_breaker_fast_fails_total', breaker)).toBe(2);
    expect(sumOf(after, 'numtrust_breaker_state', { ...breaker, state: 'open' })).toBe(1);
    expect(sumOf(after, 'numtrust_breaker_state', { ...breaker, state: 'closed' })).toBe(0);
    expect(sumOf(after, 'numtrust_breaker_state', { provider: 'albion', operation: 'sim_swap.check', state: 'closed' })).toBe(1);
  });

  it('holds no phone number, no digits of one, and no number hash in any label value', async () => {
    const metrics = await scrape(t);
    const keyer = new NumberKeyer(new TextEncoder().encode(SECRET));
    const hashes = await Promise.all(NUMBERS_USED.map((number) => keyer.keyOf(number)));
    const forbidden = [...NUMBERS_USED.flatMap((number) => [number, number.slice(1), number.slice(3)]), ...hashes];
    const values = metrics.samples.flatMap((sample) => Object.values(sample.labels));
    expect(values.length).toBeGreaterThan(100);
    for (const value of values) {
      expect(value).not.toMatch(/\d{7,}/);
      for (const secret of forbidden) expect(value).not.toContain(secret);
    }
  });
});

describe('/metrics access', () => {
  const TOKEN = 'scrape-token-0123456789abcdef';
  let guarded: TestGateway;
  let plain: TestGateway;
  beforeAll(async () => {
    [guarded, plain] = await Promise.all([
      startTestGateway({ metrics: true, configure: (config) => ({ ...config, metrics: { bearerToken: TOKEN } }) }),
      startTestGateway(),
    ]);
  });
  afterAll(() => Promise.all([guarded?.close(), plain?.close()]));

  it('with metrics.bearerToken, refuses a scrape without it or with an API key, as CAMARA 401', async () => {
    const refused: Array<Record<string, string>> = [{}, { authorization: `Bearer ${guarded.apiKey}` }, { authorization: `Bearer ${TOKEN}x` }];
    for (const headers of refused) {
      const response = await fetch(`${guarded.url}/metrics`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    }
    const metrics = await scrape(guarded, { authorization: `Bearer ${TOKEN}` });
    expect(metrics.types.get('numtrust_http_requests_total')).toBe('counter');
    // Its own registry: the refused scrapes are counted here, nothing from other gateways in this process.
    expect(sumOf(metrics, 'numtrust_http_requests_total', { route: '/metrics', status: '401' })).toBe(3);
    expect(sumOf(metrics, 'numtrust_upstream_attempts_total')).toBe(0);
  });

  it('is not served by a gateway without metrics (Workers, or a test gateway without the option)', async () => {
    const response = await fetch(`${plain.url}/metrics`, { headers: { authorization: `Bearer ${plain.apiKey}` } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});

describe('metrics of a gateway whose shared state does not answer', () => {
  let t: TestGateway;
  const unreachable = silentSharedState();

  beforeAll(async () => {
    t = await startTestGateway({
      metrics: true,
      sharedState: unreachable,
      configure: (config) => ({
        ...config,
        tenants: config.tenants.map((tenant) => ({ ...tenant, rateLimit: { requestsPerSecond: 100, burst: 100 }, dailyUpstreamCap: 1_000 })),
      }),
    });
  });
  afterAll(() => t?.close());

  it('counts each failed use and answers without the store: limits on the local bucket, caps and sessions 503, never 500', async () => {
    const before = await scrape(t);
    const check = await t.post(CHECK_ROUTE, { phoneNumber: ALBION, maxAge: 24 });
    expect(check.status).toBe(503);
    expect(check.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    const session = await fetch(`${t.url}/v1/number-verification/sessions/nv_0123456789abcdefABCD_-`, { headers: { authorization: `Bearer ${t.apiKey}` } });
    expect(session.status).toBe(503);
    expect(await session.json()).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    const after = await scrape(t);
    const failures = 'numtrust_shared_state_failures_total';
    // Both requests passed the rate limit on the instance's own bucket.
    expect(delta(before, after, failures, { use: 'rate_limit' })).toBe(2);
    expect(delta(before, after, failures, { use: 'daily_cap' })).toBe(1);
    expect(delta(before, after, failures, { use: 'sessions' })).toBe(1);
    expect(delta(before, after, 'numtrust_upstream_attempts_total')).toBe(0);
  });
});
