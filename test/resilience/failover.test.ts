/**
 * Failover along the embedded provider chain (brightwave's range: brightwave, then Nokia, Twilio,
 * Vonage): on 'unavailable' only, never past a definite answer. Counted at the mocks.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.ts';
import { BRIGHTWAVE_NUMBER, CHECK, eventually, freshCheck, startFaultGateway } from './support.ts';

const OPERATOR = 'brightwave';
const AGGREGATORS = ['nokia', 'twilio', 'vonage', 'telesign'];

let t: TestGateway;
beforeAll(async () => {
  t = await startFaultGateway({
    cacheTtlSeconds: 0,
    breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 60_000 },
    retry: { maxAttempts: 2 },
  });
});
beforeEach(() => {
  t.gateway.engine.breakers.shutdown();
  t.network.stats.reset();
});
afterEach(() => t.network.faults.clear());
afterAll(() => t?.close());

const aggregatorCalls = () => AGGREGATORS.reduce((sum, carrier) => sum + t.network.stats.total(carrier), 0);

it('fails over to the next provider when the operator answers 5xx', async () => {
  t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 503 });
  const response = await freshCheck(t);
  expect(response.status).toBe(200);
  expect(response.headers.get('x-numtrust-provider')).toBe('nokia');
  expect(response.body).toEqual({ swapped: false });
});

it('fails over when the operator hangs, after its attempts were aborted', async () => {
  t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'hang' });
  const response = await freshCheck(t);
  expect(response.status).toBe(200);
  expect(response.headers.get('x-numtrust-provider')).toBe('nokia');
  const attempts = t.network.stats.get(OPERATOR, CHECK);
  await eventually(() => t.network.stats.get(OPERATOR, 'aborted') === attempts, 'every attempt aborted at the operator');
});

it('fails over when the operator’s token endpoint fails', async () => {
  t.network.faults.add({ carrier: OPERATOR, endpoint: 'token', kind: 'status', status: 500 });
  const response = await t.post('/sim-swap/v2/retrieve-date', { phoneNumber: BRIGHTWAVE_NUMBER });
  expect(response.status).toBe(200);
  expect(response.headers.get('x-numtrust-provider')).toBe('nokia');
  expect(t.network.stats.get(OPERATOR, 'token')).toBeGreaterThanOrEqual(1);
  expect(t.network.stats.get(OPERATOR, 'sim-swap/v2/retrieve-date')).toBe(0);
});

it('leaves a rate-limited operator whose Retry-After does not fit for the next provider', async () => {
  t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 429, retryAfter: 30 });
  const response = await freshCheck(t);
  expect(response.status).toBe(200);
  expect(response.headers.get('x-numtrust-provider')).toBe('nokia');
  expect(t.network.stats.get(OPERATOR, CHECK)).toBe(1);
});

it('fails over without calling an operator whose breaker is open', async () => {
  t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 500 });
  for (let i = 0; i < 5 && t.gateway.engine.breakers.state(`${OPERATOR}:sim_swap.check`) !== 'open'; i++) await freshCheck(t);
  expect(t.gateway.engine.breakers.state(`${OPERATOR}:sim_swap.check`)).toBe('open');
  const reached = t.network.stats.get(OPERATOR, CHECK);
  const response = await freshCheck(t);
  expect(response.status).toBe(200);
  expect(response.headers.get('x-numtrust-provider')).toBe('nokia');
  expect(t.network.stats.get(OPERATOR, CHECK)).toBe(reached);
});

it('moves past an answer of the wrong types: garbled is never definite', async () => {
  t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'wrong_type' });
  // Swapped 2 days ago: the aggregator's answer for a 72-hour window is "swapped".
  const response = await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900501', maxAge: 72 });
  expect(response.status).toBe(200);
  expect(response.headers.get('x-numtrust-provider')).toBe('nokia');
  expect(response.body).toEqual({ swapped: true });
});

it('never fails over past a definite answer: "not swapped" and an unknown number end the chain', async () => {
  const notSwapped = await freshCheck(t);
  expect(notSwapped.status).toBe(200);
  expect(notSwapped.headers.get('x-numtrust-provider')).toBe(OPERATOR);
  const unknown = await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900599', maxAge: 24 });
  expect(unknown.status).toBe(404);
  expect(unknown.headers.get('x-numtrust-provider')).toBe(OPERATOR);
  expect(aggregatorCalls()).toBe(0);
});

it('answers 503 UNAVAILABLE, never a definite answer, when every provider of the chain is down', async () => {
  for (const carrier of [OPERATOR, ...AGGREGATORS]) t.network.faults.add({ carrier, kind: 'status', status: 503 });
  const response = await freshCheck(t);
  expect(response.status).toBe(503);
  expect(response.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
  expect(t.network.stats.total('nokia')).toBeGreaterThan(0);
  expect(t.network.stats.total('twilio')).toBeGreaterThan(0);
});
