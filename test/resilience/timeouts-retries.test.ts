/**
 * Upstream faults end to end (real HTTP to the mock operators on 127.0.0.1), counted at the mock:
 * attempt timeouts and the request deadline abort the upstream request; retries happen only for
 * retryable failures, honour Retry-After when it fits, stop at the deadline and at the budget.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.ts';
import { CHECK, eventually, freshCheck, pause, startFaultGateway, warmUp } from './support.ts';

const OPERATOR = 'brightwave';

// Deadline 3 s, attempt timeout 500 ms, 3 attempts.
describe('attempt timeout and retries', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startFaultGateway({ operatorsOnly: true, cacheTtlSeconds: 0 });
    await warmUp(t);
  });
  beforeEach(() => t.network.stats.reset());
  afterEach(() => t.network.faults.clear());
  afterAll(() => t?.close());

  it('aborts a hung attempt at the attempt timeout (the operator sees the abort) and answers from the retry', async () => {
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'hang', times: 1 });
    const response = await freshCheck(t);
    expect(response.status).toBe(200);
    expect(t.network.stats.get(OPERATOR, CHECK)).toBe(2);
    await eventually(() => t.network.stats.get(OPERATOR, 'aborted') === 1, 'the operator saw the first attempt aborted');
  });

  it('aborts a body that arrives too slowly and retries', async () => {
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'slow_body', durationMs: 3_000, chunks: 30, times: 1 });
    expect((await freshCheck(t)).status).toBe(200);
    expect(t.network.stats.get(OPERATOR, CHECK)).toBe(2);
    await eventually(() => t.network.stats.get(OPERATOR, 'aborted') === 1, 'the operator saw the slow body abandoned');
  });

  it('retries a 5xx and answers once the operator recovers', async () => {
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 503, times: 2 });
    expect((await freshCheck(t)).status).toBe(200);
    expect(t.network.stats.get(OPERATOR, CHECK)).toBe(3);
  });

  it('retries a connection reset in the middle of the body', async () => {
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'reset', times: 1 });
    expect((await freshCheck(t)).status).toBe(200);
    expect(t.network.stats.get(OPERATOR, CHECK)).toBe(2);
  });

  it('gives up after maxAttempts and answers 503 UNAVAILABLE', async () => {
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 500 });
    const response = await freshCheck(t);
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(t.network.stats.get(OPERATOR, CHECK)).toBe(3);
  });

  it('never retries a caller error, a refusal, a garbled body or a body of the wrong types', async () => {
    const cases = [
      { fault: undefined, maxAge: 300, status: 400 }, // OUT_OF_RANGE: beyond brightwave's 7-day window
      // A 400 the operator blames on our request is our fault, not the caller's: 502, and not retried.
      { fault: { kind: 'status', status: 400 } as const, status: 502 },
      { fault: { kind: 'malformed' } as const, status: 503 },
      { fault: { kind: 'wrong_type' } as const, status: 503 },
    ];
    for (const { fault, maxAge, status } of cases) {
      t.network.stats.reset();
      if (fault) t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, times: 1, ...fault });
      const response = maxAge === undefined ? await freshCheck(t) : await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900502', maxAge });
      expect({ fault: fault?.kind, status: response.status }).toEqual({ fault: fault?.kind, status });
      expect({ fault: fault?.kind, calls: t.network.stats.get(OPERATOR, CHECK) }).toEqual({ fault: fault?.kind, calls: 1 });
    }
  });

  it('honours Retry-After when it fits in the deadline', async () => {
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 429, retryAfter: 1, times: 1 });
    expect((await freshCheck(t)).status).toBe(200);
    expect(t.network.stats.get(OPERATOR, CHECK)).toBe(2);
  });

  it('does not retry when Retry-After does not fit, and passes it on (seconds or an HTTP date)', async () => {
    for (const retryAfter of [5, new Date(Date.now() + 60_000).toUTCString()]) {
      t.network.stats.reset();
      t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 429, retryAfter, times: 1 });
      const response = await freshCheck(t);
      expect(response.status).toBe(503);
      expect(response.body.code).toBe('UNAVAILABLE');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(typeof retryAfter === 'number' ? retryAfter : 50);
      expect(t.network.stats.get(OPERATOR, CHECK)).toBe(1);
    }
  });
});

// Deadline 800 ms, attempt timeout 200 ms, up to 20 attempts.
describe('the request deadline includes retries', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startFaultGateway({
      operatorsOnly: true,
      cacheTtlSeconds: 0,
      server: { requestDeadlineMs: 800, attemptTimeoutMs: 200 },
      retry: { maxAttempts: 20 },
    });
    await warmUp(t);
  });
  beforeEach(() => t.network.stats.reset());
  afterEach(() => t.network.faults.clear());
  afterAll(() => t?.close());

  it('answers 504 TIMEOUT at the deadline; every attempt was aborted at the operator and none is sent afterwards', async () => {
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'hang' });
    const response = await freshCheck(t);
    expect(response.status).toBe(504);
    expect(response.body).toMatchObject({ status: 504, code: 'TIMEOUT' });
    const attempts = t.network.stats.get(OPERATOR, CHECK);
    // Attempts of 200 ms in an 800 ms deadline: retried, but never 20 times.
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThan(20);
    await eventually(() => t.network.stats.get(OPERATOR, 'aborted') === attempts, 'every attempt aborted at the operator');
    await pause(300);
    expect(t.network.stats.get(OPERATOR, CHECK)).toBe(attempts);
  });

  it('aborts a single slow attempt at the deadline when the attempt timeout is longer', async () => {
    const long = await startFaultGateway({ operatorsOnly: true, cacheTtlSeconds: 0, server: { requestDeadlineMs: 300, attemptTimeoutMs: 5_000 } });
    try {
      long.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'latency', latencyMs: 2_000, jitterMs: 500 });
      const response = await freshCheck(long);
      expect(response.status).toBe(504);
      await eventually(() => long.network.stats.get(OPERATOR, 'aborted') === 1, 'the operator saw the abort');
      expect(long.network.stats.get(OPERATOR, CHECK)).toBe(1);
    } finally {
      await long.close();
    }
  });
});

describe('retry budget: an outage never multiplies the upstream load', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startFaultGateway({
      operatorsOnly: true,
      cacheTtlSeconds: 0,
      retry: { maxAttempts: 3, budget: { ratio: 0.2, minRetriesPerSecond: 0.1, windowMs: 60_000 } },
    });
  });
  afterAll(() => t?.close());

  it('keeps upstream calls within 120 % of requests (plus a floor of 6) while the operator fails every call', async () => {
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 503 });
    const requests = 40;
    for (let i = 0; i < requests; i++) expect((await freshCheck(t)).status).toBe(503);
    const calls = t.network.stats.get(OPERATOR, CHECK);
    // Without the budget: 3 attempts each, 120 calls.
    expect(calls).toBeLessThanOrEqual(requests * 1.2 + 6);
    expect(calls).toBeGreaterThan(requests);
  });
});
