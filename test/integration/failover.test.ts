/**
 * Provider chains at work on the embedded routing: the operator first, aggregators when it
 * cannot answer; never past a definite answer; a garbled or per-check error never becomes one.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ cacheTtlSeconds: 0 });
});
afterEach(() => {
  t.network.faults.clear();
  t.network.world.reset();
});
afterAll(() => t?.close());

it('answers from the next provider while the operator is down', async () => {
  t.network.faults.add({ carrier: 'brightwave', endpoint: 'sim-swap/v2/check', kind: 'status', status: 503 });
  const response = await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900501', maxAge: 72 });
  expect(response.status).toBe(200);
  expect(response.body).toEqual({ swapped: true });
  expect(response.headers.get('x-numtrust-provider')).toBe('nokia');
});

it('moves past a garbled answer and a per-check error inside a 200', async () => {
  t.network.faults.add({ carrier: 'albion', endpoint: 'call-forwarding-signal/v0.4/unconditional-call-forwardings', kind: 'malformed' });
  t.network.faults.add({ carrier: 'twilio', kind: 'check_error', check: 'call_forwarding', code: 60608 });
  const response = await t.post('/call-forwarding-signal/v0.4/unconditional-call-forwardings', { phoneNumber: '+447700900004' });
  // Vonage does not offer call forwarding: with the operator and Twilio unable to say, nobody can.
  expect(response.status).toBe(503);
  expect(response.body.code).toBe('UNAVAILABLE');
});

it('stops at a definite answer: an unknown number is not asked of the aggregators', async () => {
  t.network.stats.reset();
  const response = await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900444', maxAge: 24 });
  expect(response.status).toBe(404);
  expect(response.headers.get('x-numtrust-provider')).toBe('albion');
  expect(t.network.stats.total('twilio')).toBe(0);
  expect(t.network.stats.total('vonage')).toBe(0);
});

it('asks Telesign first for the on-hook check and falls back to the operator when it cannot say', async () => {
  const first = await t.gateway.engine.run(
    'default',
    { operation: 'call_state.retrieve', phoneNumber: '+447700900005', params: {} },
    { signal: AbortSignal.timeout(8_000) },
  );
  expect(first).toMatchObject({ status: 'ok', provider: 'telesign', value: { onCall: true, direction: 'outgoing' } });

  t.network.faults.add({ carrier: 'telesign', kind: 'check_error', check: 'active_call_status', code: 2811 });
  const fallback = await t.gateway.engine.run(
    'default',
    { operation: 'call_state.retrieve', phoneNumber: '+447700900005', params: {} },
    { signal: AbortSignal.timeout(8_000) },
  );
  expect(fallback).toMatchObject({ status: 'ok', provider: 'albion', value: { onCall: true, direction: null } });
});
