/**
 * The resilience path at the gateway, counted at the mock carriers: breakers, cache,
 * single-flight, token reuse, deadlines, and the world changing under a cached answer.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('circuit breaker per provider × operation', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({
      operatorsOnly: true,
      configure: (config) => ({ ...config, breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 400 } }),
    });
  });
  afterAll(() => t?.close());

  it('opens while an operator fails, fails fast without calling it, isolates others, and closes after it recovers', async () => {
    const check = { phoneNumber: '+447700900502', maxAge: 24 };
    const endpoint = 'sim-swap/v2/check';
    expect((await t.post('/sim-swap/v2/check', check)).status).toBe(200);
    t.network.stats.reset();

    t.network.faults.add({ carrier: 'brightwave', endpoint, kind: 'status', status: 503 });
    for (let i = 0; i < 10 && t.gateway.engine.breakers.state('brightwave:sim_swap.check') !== 'open'; i++) {
      const failing = await t.post('/sim-swap/v2/check', { ...check, maxAge: 30 + i });
      expect(failing.status).toBe(503);
      expect(failing.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    }
    expect(t.gateway.engine.breakers.state('brightwave:sim_swap.check')).toBe('open');
    const callsWhenOpened = t.network.stats.get('brightwave', endpoint);
    expect(callsWhenOpened).toBeGreaterThanOrEqual(2);

    const fast = await t.post('/sim-swap/v2/check', { ...check, maxAge: 40 });
    expect(fast.status).toBe(503);
    expect(Number(fast.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(t.network.stats.get('brightwave', endpoint)).toBe(callsWhenOpened);

    // Another operation of the same provider and another provider are unaffected.
    expect((await t.post('/sim-swap/v2/retrieve-date', { phoneNumber: '+447700900502' })).status).toBe(200);
    expect((await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900002', maxAge: 24 })).status).toBe(200);

    t.network.faults.clear();
    await sleep(450);
    const probe = await t.post('/sim-swap/v2/check', { ...check, maxAge: 41 });
    expect(probe.status).toBe(200);
    expect(t.gateway.engine.breakers.state('brightwave:sim_swap.check')).toBe('closed');
    expect(t.network.stats.get('brightwave', endpoint)).toBe(callsWhenOpened + 1);
  });

  it('does not trip on caller errors such as OUT_OF_RANGE', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900501', maxAge: 300 + i })).status).toBe(400);
    }
    expect(t.gateway.engine.breakers.state('brightwave:sim_swap.check')).toBe('closed');
  });
});

describe('cache, single-flight and token reuse', () => {
  let t: TestGateway;
  beforeAll(async () => {
    // One attempt per call, so upstream counts here measure sharing, not retries (test/resilience/ covers those).
    t = await startTestGateway({ operatorsOnly: true, configure: (config) => ({ ...config, retry: { maxAttempts: 1 } }) });
  });
  afterEach(() => t.network.faults.clear());
  afterAll(() => t?.close());

  it('sends one upstream call for 20 concurrent identical checks, then answers from cache', async () => {
    t.network.stats.reset();
    const body = { phoneNumber: '+447700900502', maxAge: 48 };
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.post('/sim-swap/v2/check', body)));
    expect(answers.every((answer) => answer.status === 200 && answer.body.swapped === false)).toBe(true);
    expect(t.network.stats.get('brightwave', 'sim-swap/v2/check')).toBe(1);

    const cached = await t.post('/sim-swap/v2/check', body);
    expect(cached.headers.get('x-numtrust-cache')).toBe('hit');
    expect(t.network.stats.get('brightwave', 'sim-swap/v2/check')).toBe(1);

    // A different maxAge is a different question.
    await t.post('/sim-swap/v2/check', { ...body, maxAge: 49 });
    expect(t.network.stats.get('brightwave', 'sim-swap/v2/check')).toBe(2);
  });

  it('gives an upstream error to every waiter and does not cache it', async () => {
    t.network.stats.reset();
    // A slow failure: the five checks below all join the one call before it fails, however loaded the machine.
    t.network.faults.add({ carrier: 'brightwave', endpoint: 'sim-swap/v2/check', kind: 'status', status: 500, times: 1, latencyMs: 300 });
    const body = { phoneNumber: '+447700900504', maxAge: 24 };
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.post('/sim-swap/v2/check', body)));
    expect(answers.map((answer) => answer.status)).toEqual([503, 503, 503, 503, 503]);
    expect(t.network.stats.get('brightwave', 'sim-swap/v2/check')).toBe(1);
    const after = await t.post('/sim-swap/v2/check', body);
    expect(after.status).toBe(200);
    expect(t.network.stats.get('brightwave', 'sim-swap/v2/check')).toBe(2);
  });

  it('reuses one client-credentials token per scope across numbers and questions', async () => {
    const fresh = await startTestGateway({ operatorsOnly: true });
    try {
      for (const phoneNumber of ['+447700900501', '+447700900502', '+447700900503']) {
        await fresh.post('/sim-swap/v2/retrieve-date', { phoneNumber });
        await fresh.post('/sim-swap/v2/check', { phoneNumber, maxAge: 100 });
        await fresh.post('/sim-swap/v2/check', { phoneNumber, maxAge: 101 });
      }
      expect(fresh.network.stats.get('brightwave', 'sim-swap/v2/check')).toBe(6);
      // One token for sim-swap:retrieve-date, one for sim-swap:check.
      expect(fresh.network.stats.get('brightwave', 'token')).toBe(2);
    } finally {
      await fresh.close();
    }
  });

  it('runs CIBA once per number: the token is reused for that number and never for another', async () => {
    t.network.stats.reset();
    await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900004', maxAge: 24 });
    await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900004', maxAge: 25 });
    expect(t.network.stats.get('albion', 'bc-authorize')).toBe(1);
    expect(t.network.stats.get('albion', 'sim-swap/v2/check')).toBe(2);
    await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900005', maxAge: 24 });
    expect(t.network.stats.get('albion', 'bc-authorize')).toBe(2);
  });

  it('answers 504 TIMEOUT by the deadline when the operator hangs, and the operator sees the abort', async () => {
    const slow = await startTestGateway({
      operatorsOnly: true,
      configure: (config) => ({ ...config, server: { ...config.server, requestDeadlineMs: 300, attemptTimeoutMs: 250 } }),
    });
    try {
      await slow.post('/sim-swap/v2/check', { phoneNumber: '+447700900502', maxAge: 24 });
      slow.network.faults.add({ carrier: 'brightwave', endpoint: 'sim-swap/v2/check', kind: 'hang' });
      const response = await slow.post('/sim-swap/v2/check', { phoneNumber: '+447700900503', maxAge: 24 });
      expect([503, 504]).toContain(response.status);
      expect(['UNAVAILABLE', 'TIMEOUT']).toContain(response.body.code);
      for (let i = 0; i < 20 && slow.network.stats.get('brightwave', 'aborted') === 0; i++) await sleep(25);
      expect(slow.network.stats.get('brightwave', 'aborted')).toBe(1);
    } finally {
      await slow.close();
    }
  });
});

describe('the world changes under a cached answer', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ operatorsOnly: true, cacheTtlSeconds: 1 });
  });
  afterAll(() => t?.close());

  it('shows the change once the signal TTL has passed', async () => {
    const body = { phoneNumber: '+447700900502', maxAge: 24 };
    expect((await t.post('/sim-swap/v2/check', body)).body).toEqual({ swapped: false });
    const current = t.network.world.get('+447700900502')!;
    t.network.world.put('+447700900502', { ...current, simChangedAt: '5 minutes ago' });
    const stale = await t.post('/sim-swap/v2/check', body);
    expect(stale.body).toEqual({ swapped: false });
    expect(stale.headers.get('x-numtrust-cache')).toBe('hit');
    await sleep(1_100);
    expect((await t.post('/sim-swap/v2/check', body)).body).toEqual({ swapped: true });
  });
});
