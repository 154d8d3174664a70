/**
 * The breaker per provider × operation, end to end against the mock operators: which faults open
 * it, failing fast while open, one probe half-open, isolation. Counted at the mock.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../mocks/faults/rule.ts';
import type { TestGateway } from '../support/gateway.ts';
import { CHECK, eventually, freshCheck, startFaultGateway, warmUp } from './support.ts';

const OPERATOR = 'brightwave';
const KEY = `${OPERATOR}:sim_swap.check`;

let t: TestGateway;
beforeAll(async () => {
  t = await startFaultGateway({
    operatorsOnly: true,
    cacheTtlSeconds: 0,
    server: { attemptTimeoutMs: 400 },
    breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 300, rollingWindowMs: 30_000 },
    retry: { maxAttempts: 1 },
  });
  await warmUp(t);
});
beforeEach(() => {
  // A fresh breaker per test: shutdown() forgets every breaker, the next call makes a new one.
  t.gateway.engine.breakers.shutdown();
  t.network.stats.reset();
});
afterEach(() => t.network.faults.clear());
afterAll(() => t?.close());

const state = () => t.gateway.engine.breakers.state(KEY);
const calls = () => t.network.stats.get(OPERATOR, CHECK);

/** Sends checks until the breaker opens (at most 10); returns how many reached the operator. */
async function tripBreaker(): Promise<number> {
  for (let i = 0; i < 10 && state() !== 'open'; i++) {
    const response = await freshCheck(t);
    expect([503, 504]).toContain(response.status);
  }
  expect(state()).toBe('open');
  return calls();
}

describe('opens on upstream failures', () => {
  const faults: Array<[string, FaultRuleInput]> = [
    ['5xx', { kind: 'status', status: 500 }],
    ['503', { kind: 'status', status: 503 }],
    ['timeouts', { kind: 'hang' }],
    ['connection resets', { kind: 'reset' }],
    ['malformed bodies', { kind: 'malformed' }],
    ['bodies of the wrong types', { kind: 'wrong_type' }],
    ['oversized bodies', { kind: 'oversized' }],
  ];

  it.each(faults)('opens on %s and then fails fast: 503 UNAVAILABLE with Retry-After, the operator not called', async (_name, fault) => {
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, ...fault });
    const reached = await tripBreaker();
    expect(reached).toBeGreaterThanOrEqual(3);
    const fast = await freshCheck(t);
    expect(fast.status).toBe(503);
    expect(fast.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(Number(fast.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(calls()).toBe(reached);
  });
});

describe('does not open on caller errors and refusals', () => {
  it('stays closed through OUT_OF_RANGE, unknown numbers, 400 and 429 answers, and keeps calling the operator', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900502', maxAge: 300 + i })).status).toBe(400);
      expect((await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900599', maxAge: 24 + i })).status).toBe(404);
    }
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 400, times: 5 });
    for (let i = 0; i < 5; i++) expect((await freshCheck(t)).status).toBe(502);
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 429, times: 5 });
    for (let i = 0; i < 5; i++) expect((await freshCheck(t)).status).toBe(503);
    expect(state()).toBe('closed');
    expect(calls()).toBe(20);
  });
});

describe('half-open', () => {
  it('lets exactly one probe through, fails the others fast, and closes when the probe succeeds', async () => {
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 503 });
    const reached = await tripBreaker();
    t.network.faults.clear();
    // The probe is held long enough for the others to arrive while it is under way.
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'latency', latencyMs: 100, times: 1 });
    await eventually(() => state() === 'half_open', 'the breaker half-opens after resetTimeoutMs');

    const answers = await Promise.all(Array.from({ length: 5 }, () => freshCheck(t)));
    expect(answers.map((answer) => answer.status).sort((a, b) => a - b)).toEqual([200, 503, 503, 503, 503]);
    expect(calls()).toBe(reached + 1);
    expect(state()).toBe('closed');
    expect((await freshCheck(t)).status).toBe(200);
    expect(calls()).toBe(reached + 2);
  });

  it('opens again when the probe fails', async () => {
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 503 });
    const reached = await tripBreaker();
    await eventually(() => state() === 'half_open', 'the breaker half-opens after resetTimeoutMs');
    expect((await freshCheck(t)).status).toBe(503);
    expect(calls()).toBe(reached + 1);
    expect(state()).toBe('open');
    expect((await freshCheck(t)).status).toBe(503);
    expect(calls()).toBe(reached + 1);
  });
});

describe('isolation', () => {
  it('an open breaker affects neither another operation of the same provider nor another provider', async () => {
    // Normal attempt timeouts: the other operators authorize through CIBA, whose polling outlasts this file's short one.
    const wide = await startFaultGateway({
      operatorsOnly: true,
      cacheTtlSeconds: 0,
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 60_000 },
      retry: { maxAttempts: 1 },
      server: { attemptTimeoutMs: 2_500 },
    });
    try {
      wide.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 503 });
      for (let i = 0; i < 10 && wide.gateway.engine.breakers.state(KEY) !== 'open'; i++) await freshCheck(wide);
      expect(wide.gateway.engine.breakers.state(KEY)).toBe('open');
      expect((await wide.post('/sim-swap/v2/retrieve-date', { phoneNumber: '+447700900502' })).status).toBe(200);
      expect((await freshCheck(wide, '+12025550102')).status).toBe(200);
      expect(wide.gateway.engine.breakers.states()).toMatchObject({
        [KEY]: 'open',
        [`${OPERATOR}:sim_swap.retrieve_date`]: 'closed',
        'liberty:sim_swap.check': 'closed',
      });
    } finally {
      await wide.close();
    }
  });
});

describe('retries inside the breaker', () => {
  it('counts every attempt against the breaker, and a breaker that opens mid-way stops the retries', async () => {
    const retrying = await startFaultGateway({
      operatorsOnly: true,
      cacheTtlSeconds: 0,
      breaker: { volumeThreshold: 2, errorThresholdPercentage: 50, resetTimeoutMs: 60_000 },
      retry: { maxAttempts: 5 },
    });
    try {
      retrying.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 503 });
      const response = await freshCheck(retrying);
      expect(response.status).toBe(503);
      // Two failed attempts open the breaker; the third is refused by it and not retried.
      expect(retrying.network.stats.get(OPERATOR, CHECK)).toBe(2);
      expect(retrying.gateway.engine.breakers.state(KEY)).toBe('open');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    } finally {
      await retrying.close();
    }
  });
});
