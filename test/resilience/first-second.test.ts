/**
 * The first second of a call, end to end against the mock carriers with the settings a user gets:
 * a hanging first provider leaves the next one time to answer within 300, 800 and 2500 ms; a slow
 * provider is hedged once its latency is known; breakers open on slowness and never close on a
 * probe nobody waited for. Outcomes and counts at the mock, never durations.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { eventually, freshCheck, pause, startFaultGateway, warmUp } from './support.ts';

type Signal = { kind: string; operation: string; status: string; provider: string };

const ALBION_NUMBER = '+447700900002';
const SIM_SWAP_ENDPOINTS = ['sim-swap/v2/check', 'sim-swap/v2/retrieve-date'];

const SIM_SWAP_ONLY = { include: ['sim_swap'], exclude: ['call_forwarding', 'roaming', 'call_state'] };

describe('a hanging first provider, defaults a user gets', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ cacheTtlSeconds: 0 });
    // albion's CIBA tokens for the number first: what follows is about the hang, not the CIBA flow.
    const warm = await t.post('/v1/assessments', {
      phoneNumber: ALBION_NUMBER,
      context: { channel: 'agent', riskTier: 'low' },
      checks: SIM_SWAP_ONLY,
      deadlineMs: 5_000,
    });
    expect(warm.body.signals.map((signal: Signal) => signal.provider)).toEqual(['albion', 'albion']);
  });
  afterEach(() => {
    t.network.faults.clear();
    t.network.stats.reset();
  });
  afterAll(() => t?.close());

  it.each([300, 800, 2_500])('deadline %i ms: the second provider’s SIM swap answer comes back, not unavailable', async (deadlineMs) => {
    for (const endpoint of SIM_SWAP_ENDPOINTS) t.network.faults.add({ carrier: 'albion', endpoint, kind: 'hang' });
    const response = await t.post('/v1/assessments', {
      phoneNumber: ALBION_NUMBER,
      context: { channel: 'ivr', riskTier: 'low' },
      checks: SIM_SWAP_ONLY,
      deadlineMs,
    });
    expect(response.status).toBe(200);
    const simSwap = (response.body.signals as Signal[]).filter((signal) => signal.kind === 'sim_swap');
    expect(simSwap.map((signal) => [signal.status, signal.provider])).toEqual([
      ['ok', 'twilio'],
      ['ok', 'twilio'],
    ]);
    // A fallback answered: the verdict says so.
    expect(response.body.degraded).toBe(true);
    // albion was asked and left behind (its breaker is not open yet): both hung calls were abandoned.
    expect(t.gateway.engine.breakers.state('albion:sim_swap.check')).not.toBe('open');
    await eventually(() => t.network.stats.get('albion', 'aborted') === 2, 'albion’s hung calls were abandoned');
  });

  it('a provider hanging for every caller is learned as slow: its breaker opens and later assessments no longer wait for it', async () => {
    t.gateway.engine.breakers.shutdown();
    for (const endpoint of SIM_SWAP_ENDPOINTS) t.network.faults.add({ carrier: 'albion', endpoint, kind: 'hang' });
    const assess = () =>
      t.post('/v1/assessments', { phoneNumber: ALBION_NUMBER, context: { channel: 'ivr', riskTier: 'low' }, checks: SIM_SWAP_ONLY, deadlineMs: 800 });
    // Each call is cut at albion's share of the deadline, far beyond its usual latency: a slow call.
    let assessed = 0;
    for (; assessed < 10 && t.gateway.engine.breakers.state('albion:sim_swap.check') !== 'open'; assessed++) expect((await assess()).status).toBe(200);
    expect(t.gateway.engine.breakers.state('albion:sim_swap.check')).toBe('open');
    expect(assessed).toBeGreaterThanOrEqual(5);
    const asked = t.network.stats.get('albion', 'sim-swap/v2/check');
    const after = await assess();
    expect(after.body.signals.map((signal: Signal) => signal.provider)).toEqual(['twilio', 'twilio']);
    expect(t.network.stats.get('albion', 'sim-swap/v2/check')).toBe(asked);
    t.gateway.engine.breakers.shutdown();
  });

  it('a CAMARA route answers from the next provider within the request deadline instead of 504', async () => {
    t.network.faults.add({ carrier: 'albion', endpoint: 'sim-swap/v2/check', kind: 'hang' });
    const response = await t.post('/sim-swap/v2/check', { phoneNumber: ALBION_NUMBER, maxAge: 240 });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-numtrust-provider')).toBe('twilio');
  });
});

describe('hedging a provider slow to answer', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ cacheTtlSeconds: 0, metrics: true });
  });
  afterAll(() => t?.close());

  it('once albion’s latency is known, a slow answer is hedged with the next provider, whose answer wins; albion’s call is aborted', async () => {
    const check = (maxAge: number) => t.post('/sim-swap/v2/check', { phoneNumber: ALBION_NUMBER, maxAge });
    // Learn albion's usual latency (its CIBA token first, then quick answers).
    for (let maxAge = 1; maxAge <= 30; maxAge++) expect((await check(maxAge)).status).toBe(200);
    t.network.stats.reset();
    t.network.faults.add({ carrier: 'albion', endpoint: 'sim-swap/v2/check', kind: 'latency', latencyMs: 3_000, times: 1 });
    const hedged = await check(31);
    expect(hedged.status).toBe(200);
    expect(hedged.headers.get('x-numtrust-provider')).toBe('twilio');
    await eventually(() => t.network.stats.get('albion', 'aborted') === 1, 'albion’s slow call aborted once twilio answered');
    expect(t.gateway.engine.hedgeStats.hedges).toBe(1);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/numtrust_hedges_total\{provider="albion",operation="sim_swap.check",outcome="won"\} 1/);
  });

  it('does not hedge a provider still running a CIBA flow: an agent’s first assessment of a number gets the operator’s answer', async () => {
    // albion's usual latency known (a number whose token is held: answers in milliseconds).
    for (let maxAge = 100; maxAge < 112; maxAge++) await t.post('/sim-swap/v2/check', { phoneNumber: ALBION_NUMBER, maxAge });
    const hedgesBefore = t.gateway.engine.hedgeStats.hedges;
    const firstSeen = '+447700900003';
    const response = await t.post('/v1/assessments', {
      phoneNumber: firstSeen,
      context: { channel: 'agent', riskTier: 'low' },
      checks: SIM_SWAP_ONLY,
    });
    expect(response.status).toBe(200);
    // albion's answers are known to take milliseconds, yet its CIBA flow (about a second) was waited for, within the agent's two.
    expect((response.body.signals as Signal[]).map((signal) => [signal.provider, signal.status])).toEqual([
      ['albion', 'ok'],
      ['albion', 'ok'],
    ]);
    expect(response.body.degraded).toBe(false);
    expect(t.gateway.engine.hedgeStats.hedges).toBe(hedgesBefore);
  });
});

describe('breakers that learn from slowness and never close on nothing', () => {
  const OPERATOR = 'brightwave';
  const KEY = `${OPERATOR}:sim_swap.check`;
  const CHECK = 'sim-swap/v2/check';
  let t: TestGateway;
  beforeAll(async () => {
    t = await startFaultGateway({
      operatorsOnly: true,
      cacheTtlSeconds: 0,
      server: { requestDeadlineMs: 8_000, attemptTimeoutMs: 2_500 },
      breaker: {
        volumeThreshold: 3,
        resetTimeoutMs: 300,
        // Only retrieve-date is judged by speed here; check's probes may take their time.
        overrides: [{ operation: 'sim_swap.retrieve_date', slowCallDurationMs: 150, slowCallRateThreshold: 50 }],
      },
      retry: { maxAttempts: 1 },
    });
    await warmUp(t);
  });
  afterEach(() => {
    t.network.faults.clear();
    t.gateway.engine.breakers.shutdown();
    t.network.stats.reset();
  });
  afterAll(() => t?.close());

  const state = (key = KEY) => t.gateway.engine.breakers.state(key);
  const calls = () => t.network.stats.get(OPERATOR, CHECK);
  const send = (body: unknown, signal?: AbortSignal) =>
    fetch(`${t.url}/sim-swap/v2/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });

  /** Opens the breaker with fast failures, then lets it half-open onto an operator that hangs. */
  async function openThenHang(): Promise<void> {
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 503 });
    for (let i = 0; i < 10 && state() !== 'open'; i++) await freshCheck(t);
    expect(state()).toBe('open');
    t.network.faults.clear();
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'hang' });
    await eventually(() => state() === 'half_open', 'half-open after resetTimeoutMs');
  }

  it('opens on slow calls that all answered, then fails fast', async () => {
    const RETRIEVE = 'sim-swap/v2/retrieve-date';
    const retrieveKey = `${OPERATOR}:sim_swap.retrieve_date`;
    t.network.faults.add({ carrier: OPERATOR, endpoint: RETRIEVE, kind: 'latency', latencyMs: 250 });
    for (let i = 0; i < 3; i++) expect((await t.post('/sim-swap/v2/retrieve-date', { phoneNumber: '+447700900502' })).status).toBe(200);
    expect(state(retrieveKey)).toBe('open');
    expect((await t.post('/sim-swap/v2/retrieve-date', { phoneNumber: '+447700900502' })).status).toBe(503);
    expect(t.network.stats.get(OPERATOR, RETRIEVE)).toBe(3);
  });

  it('a probe its caller abandoned never closes the breaker, which keeps probing', async () => {
    await openThenHang();

    // The probe: its client gives up (curl -m …), so every waiter has left and the call is abandoned.
    t.network.stats.reset();
    const before = calls();
    const client = new AbortController();
    const probe = send({ phoneNumber: '+447700900502', maxAge: 100 }, client.signal).catch(() => 'gave up');
    await eventually(() => calls() === before + 1, 'the probe reached the operator');
    // One probe at a time: another request meanwhile fails fast.
    expect((await send({ phoneNumber: '+447700900502', maxAge: 101 })).status).toBe(503);
    client.abort();
    expect(await probe).toBe('gave up');
    await eventually(() => t.network.stats.get(OPERATOR, 'aborted') >= 1, 'the operator saw the probe abandoned');
    await pause(50);
    // Given up on before it was unusually slow for brightwave: half-open still; an unusually slow one would open it again. Never closed.
    expect(state()).not.toBe('closed');

    // It keeps probing: the next probe fails and the breaker opens.
    t.network.faults.clear();
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 503 });
    await eventually(() => state() === 'half_open', 'half-open, to probe again');
    expect((await freshCheck(t)).status).toBe(503);
    expect(calls()).toBe(before + 2);
    expect(state()).toBe('open');
  });

  it('an assessment whose deadline cuts the probe short does not close the breaker', async () => {
    await openThenHang();
    t.network.stats.reset();
    const before = calls();
    const response = await t.post('/v1/assessments', {
      phoneNumber: '+447700900502',
      context: { channel: 'ivr', riskTier: 'low' },
      checks: { exclude: ['call_forwarding', 'roaming'] },
      maxAge: 24,
      deadlineMs: 300,
    });
    expect(response.status).toBe(200);
    expect(calls()).toBe(before + 1);
    expect(state()).not.toBe('closed');
    // Still not closed: the next probe (the operator now failing) opens it.
    t.network.faults.clear();
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 503 });
    await eventually(() => state() === 'half_open', 'half-open, to probe again');
    expect((await freshCheck(t)).status).toBe(503);
    expect(state()).toBe('open');
  });
});
