/**
 * POST /v1/assessments as an API: validation, named actions, the response's shape and privacy,
 * no tip-off between known and unknown numbers, and the one deadline over parallel checks.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({
    cacheTtlSeconds: 0,
    configure: (config) => ({
      ...config,
      tenants: config.tenants.map((tenant) => ({ ...tenant, actions: { ...tenant.actions, check_loyalty_points: 'low' as const } })),
    }),
  });
});
afterEach(() => {
  t.network.faults.clear();
  t.network.world.reset();
});
afterAll(() => t?.close());

const ask = (body: unknown, headers?: Record<string, string>) => t.post('/v1/assessments', body, headers);
const genuine = { phoneNumber: '+447700900002', context: { channel: 'ivr', action: 'balance_inquiry' } };

describe('request validation', () => {
  it.each([
    ['no context', { phoneNumber: '+447700900002' }],
    ['both action and riskTier', { phoneNumber: '+447700900002', context: { channel: 'ivr', action: 'balance_inquiry', riskTier: 'low' } }],
    ['neither action nor riskTier', { phoneNumber: '+447700900002', context: { channel: 'ivr' } }],
    ['an unknown channel', { phoneNumber: '+447700900002', context: { channel: 'fax', riskTier: 'low' } }],
    ['a malformed number', { phoneNumber: '07700900002', context: { channel: 'ivr', riskTier: 'low' } }],
    ['an unknown check', { ...genuine, checks: { include: ['horoscope'] } }],
    ['call_state without an inbound call', { ...genuine, context: { ...genuine.context, inboundCall: false }, checks: { include: ['call_state'] } }],
    ['a deadline too long', { ...genuine, deadlineMs: 60_000 }],
    ['an unknown action', { phoneNumber: '+447700900002', context: { channel: 'ivr', action: 'launch_rocket' } }],
    ['an unknown property', { ...genuine, colour: 'red' }],
  ])('400 INVALID_ARGUMENT for %s', async (_case, body) => {
    const response = await ask(body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' });
  });

  it('401 without a key', async () => {
    const response = await fetch(`${t.url}/v1/assessments`, { method: 'POST', body: JSON.stringify(genuine), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(401);
  });
});

describe('named actions', () => {
  it('maps default and tenant actions to their risk tier', async () => {
    expect((await ask(genuine)).body.policy).toMatchObject({ tier: 'low', action: 'balance_inquiry', name: 'default' });
    const high = await ask({ ...genuine, context: { channel: 'ivr', action: 'change_address' } });
    expect(high.body.policy.tier).toBe('high');
    const tenantAction = await ask({ ...genuine, context: { channel: 'ivr', action: 'check_loyalty_points' } });
    expect(tenantAction.body.policy.tier).toBe('low');
  });
});

describe('the response', () => {
  it('explains itself: confidence, level, reasons with effects, every signal with status, provider, age, cache and latency', async () => {
    const response = await ask({ ...genuine, context: { channel: 'ivr', riskTier: 'medium', inboundCall: true } }, { 'x-correlator': 'ivr-call-42' });
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.confidence).toBeGreaterThanOrEqual(0);
    expect(body.confidence).toBeLessThanOrEqual(100);
    expect(['very_low', 'low', 'medium', 'high']).toContain(body.level);
    expect(body.correlator).toBe('ivr-call-42');
    expect(response.headers.get('x-correlator')).toBe('ivr-call-42');
    for (const reason of body.reasons) expect(Object.keys(reason).sort()).toEqual(['code', 'effect', 'message', 'signal']);
    for (const gap of body.unanswered) expect(Object.keys(gap).sort()).toEqual(['code', 'message', 'signal']);
    for (const decision of body.policy.decidedBy) expect(decision).toMatchObject({ code: expect.any(String), message: expect.any(String), recommendation: expect.any(String) });
    expect(body.policy.decidedBy.at(-1).recommendation).toBe(body.recommendation);
    // ASCII throughout, so the answer stays a one-byte string (test/unit/decision-messages.test.ts).
    expect(JSON.stringify(body)).toMatch(/^[\x20-\x7e]*$/);
    expect(body.signals.map((signal: { kind: string }) => signal.kind).sort()).toEqual(
      ['call_forwarding', 'call_forwarding', 'call_state', 'roaming', 'sim_swap', 'sim_swap'],
    );
    for (const signal of body.signals) {
      expect(Object.keys(signal).sort()).toEqual(['ageSeconds', 'cached', 'kind', 'latencyMs', 'operation', 'provider', 'status']);
    }
  });

  it('holds no personal data the client did not send: no dates, countries, peers, and not even the number', async () => {
    const current = t.network.world.get('+447700900007')!;
    t.network.world.put('+447700900007', { ...current, call: { direction: 'outgoing', peer: '+442079460123', startedAt: '10 seconds ago' } });
    const response = await ask({ phoneNumber: '+447700900007', context: { channel: 'agent', riskTier: 'high', inboundCall: true }, checks: { include: ['device_swap', 'reachability'] } });
    // The agent link carries the assessment id and a signature, nothing else: its random base64 may
    // hold any two letters ("FR" about one run in a hundred), so the rest is searched without it.
    expect(response.body.agentScreenUrl).toMatch(new RegExp(`/agent/calls/${response.body.assessmentId}\\?t=\\d+\\.[A-Za-z0-9_-]{43}$`));
    const text = JSON.stringify({ ...response.body, agentScreenUrl: undefined });
    // The only date-time is when the assessment was made.
    expect(text.match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/g)).toEqual([response.body.assessedAt.slice(0, 16)]);
    expect(text).not.toContain('FR');
    expect(text).not.toContain('442079460123');
    expect(text).not.toContain('447700900007');
    expect(response.body.reasons.map((reason: { code: string }) => reason.code)).toContain('ROAMING');
  });
});

describe('no tip-off', () => {
  it('answers a number no provider knows in the same shape as a known one, and never allows medium or high risk', async () => {
    const known = await ask({ phoneNumber: '+447700900002', context: { channel: 'ivr', riskTier: 'high', inboundCall: true } });
    const unknown = await ask({ phoneNumber: '+447700900444', context: { channel: 'ivr', riskTier: 'high', inboundCall: true } });
    expect(unknown.status).toBe(known.status);
    expect(Object.keys(unknown.body).sort()).toEqual(Object.keys(known.body).sort());
    expect(unknown.body.signals.map((s: { operation: string }) => s.operation)).toEqual(known.body.signals.map((s: { operation: string }) => s.operation));
    expect(Object.keys(unknown.body.policy).sort()).toEqual(Object.keys(known.body.policy).sort());
    for (const tier of ['medium', 'high']) {
      const body = (await ask({ phoneNumber: '+447700900444', context: { channel: 'ivr', riskTier: tier } })).body;
      expect(body.recommendation).not.toBe('allow');
    }
  });
});

describe('no silent skips and no false facts', () => {
  const kindsAsked = (body: { signals: Array<{ kind: string }> }) => [...new Set(body.signals.map((signal) => signal.kind))].sort();

  it('runs the on-hook check on ivr and agent unless told the number is not calling; never on app or callback unless told', async () => {
    for (const channel of ['ivr', 'agent']) {
      const body = (await ask({ phoneNumber: '+447700900002', context: { channel, riskTier: 'low' }, deadlineMs: 5_000 })).body;
      expect(body.policy.inboundCall).toBe(true);
      expect(kindsAsked(body)).toContain('call_state');
      const notCalling = (await ask({ phoneNumber: '+447700900002', context: { channel, riskTier: 'low', inboundCall: false } })).body;
      expect(kindsAsked(notCalling)).not.toContain('call_state');
    }
    for (const channel of ['app', 'callback']) {
      const body = (await ask({ phoneNumber: '+447700900002', context: { channel, riskTier: 'low' } })).body;
      expect(body.policy.inboundCall).toBe(false);
      expect(kindsAsked(body)).not.toContain('call_state');
    }
  });

  it('reads a number no route covers as a gap in coverage (NO_PROVIDER_COVERAGE, degraded), never as an unknown subscriber, and never allows', async () => {
    for (const riskTier of ['low', 'medium', 'high']) {
      const response = await ask({ phoneNumber: '+33612345678', context: { channel: 'ivr', riskTier } });
      expect(response.status).toBe(200);
      expect(response.body.degraded).toBe(true);
      expect(response.body.recommendation).not.toBe('allow');
      const codes = response.body.unanswered.map((gap: { code: string }) => gap.code);
      expect(codes).toContain('NO_PROVIDER_COVERAGE');
      expect(response.body.reasons).toEqual([]);
      expect(codes).not.toContain('SUBSCRIBER_UNKNOWN');
    }
  });
});

describe('one deadline over parallel checks', () => {
  it('answers by the deadline with what is known; the late check is unavailable and its upstream call aborted', async () => {
    // albion's CIBA tokens for this number first, so that only the faults below are late.
    expect((await ask({ ...genuine, context: { channel: 'ivr', riskTier: 'high' }, deadlineMs: 5_000 })).status).toBe(200);
    t.network.stats.reset();
    t.network.faults.add({ carrier: 'albion', endpoint: 'call-forwarding-signal/v0.4/call-forwardings', kind: 'latency', latencyMs: 5_000 });
    t.network.faults.add({ carrier: 'albion', endpoint: 'call-forwarding-signal/v0.4/unconditional-call-forwardings', kind: 'latency', latencyMs: 5_000 });
    // The aggregators behind albion are slow too: nobody can answer call forwarding in time.
    for (const carrier of ['twilio', 'vonage']) t.network.faults.add({ carrier, kind: 'latency', latencyMs: 5_000 });
    const started = Date.now();
    const response = await ask({ ...genuine, context: { channel: 'ivr', riskTier: 'high' }, deadlineMs: 600 });
    const elapsed = Date.now() - started;
    expect(response.status).toBe(200);
    const forwarding = response.body.signals.filter((signal: { kind: string }) => signal.kind === 'call_forwarding');
    expect(forwarding.map((signal: { status: string }) => signal.status)).toEqual(['unavailable', 'unavailable']);
    expect(response.body.signals.find((signal: { operation: string }) => signal.operation === 'sim_swap.retrieve_date').status).toBe('ok');
    expect(response.body.degraded).toBe(true);
    expect(response.body.recommendation).not.toBe('allow');
    expect(response.body.unanswered).toContainEqual(expect.objectContaining({ code: 'SIGNAL_UNAVAILABLE', signal: 'call_forwarding' }));
    // Not a timing assertion: the answer simply did not wait for the 5-second upstream.
    expect(elapsed).toBeLessThan(5_000);
    for (let i = 0; i < 40 && t.network.stats.get('albion', 'aborted') < 2; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(t.network.stats.get('albion', 'aborted')).toBe(2);
  });
});

describe('the line type', () => {
  const NON_FIXED_VOIP = '+447700900010';
  const codes = (body: { reasons: Array<{ code: string }> }) => body.reasons.map((reason) => reason.code);
  const lineTypeSignals = (body: { signals: Array<{ kind: string; provider: string; status: string }> }) =>
    body.signals.filter((signal) => signal.kind === 'line_type');

  it('sends a non-fixed VoIP caller to a specialist for change_address, and allows a balance inquiry', async () => {
    const high = (await ask({ phoneNumber: NON_FIXED_VOIP, context: { channel: 'ivr', action: 'change_address' } })).body;
    expect(high.recommendation).toBe('specialist');
    expect(codes(high)).toContain('LINE_NON_FIXED_VOIP');
    expect(high.policy.decidedBy).toContainEqual(expect.objectContaining({ code: 'FLOOR', reason: 'LINE_NON_FIXED_VOIP', recommendation: 'specialist' }));
    // Telesign (first for GB) says only "VoIP": the chain goes on to Twilio, which tells it is not fixed.
    expect(lineTypeSignals(high)).toEqual([expect.objectContaining({ provider: 'twilio', status: 'ok' })]);

    const low = (await ask({ phoneNumber: NON_FIXED_VOIP, context: { channel: 'ivr', action: 'balance_inquiry' } })).body;
    expect(low.recommendation).toBe('allow');
    // Below high risk the line type decides nothing, so it is not asked unless included.
    expect(lineTypeSignals(low)).toEqual([]);
    const included = (await ask({ phoneNumber: NON_FIXED_VOIP, context: { channel: 'ivr', action: 'balance_inquiry' }, checks: { include: ['line_type'] } })).body;
    expect(included.recommendation).toBe('allow');
    expect(codes(included)).toContain('LINE_NON_FIXED_VOIP');
  });

  // A long deadline, so that the operator's CIBA flow is never what decides.
  const genuineCaller = { phoneNumber: '+447700900005', context: { channel: 'ivr', action: 'change_address' }, deadlineMs: 5_000 };

  it('reads a mobile line as neutral: no effect, and a genuine caller is still allowed', async () => {
    const body = (await ask(genuineCaller)).body;
    expect(body.reasons).toContainEqual(expect.objectContaining({ code: 'LINE_MOBILE', signal: 'line_type', effect: 0 }));
    expect(body.recommendation, JSON.stringify(body.policy.decidedBy)).toBe('allow');
  });

  it('never raises confidence when no provider can classify the line, or every line type provider fails', async () => {
    const mobile = (await ask(genuineCaller)).body;
    const withoutLineType = (await ask({ ...genuineCaller, checks: { exclude: ['line_type'] } })).body;
    expect(mobile.confidence).toBe(withoutLineType.confidence);

    // Every provider of the GB chain that reports a line type is down (the operator answers the rest).
    for (const carrier of ['telesign', 'twilio', 'vonage']) t.network.faults.add({ carrier, kind: 'status', status: 503 });
    const failed = (await ask(genuineCaller)).body;
    t.network.faults.clear();
    expect(lineTypeSignals(failed)).toEqual([expect.objectContaining({ status: 'unavailable' })]);
    expect(failed.unanswered).toContainEqual(expect.objectContaining({ code: 'SIGNAL_UNAVAILABLE', signal: 'line_type' }));
    expect(failed.confidence).toBeLessThanOrEqual(withoutLineType.confidence);
    expect(failed.degraded).toBe(true);
    expect(failed.recommendation).not.toBe('allow');

    const unclassified = (await ask({ phoneNumber: '+447700900015', context: { channel: 'ivr', action: 'change_address' } })).body;
    const landline = (await ask({ phoneNumber: '+442079460001', context: { channel: 'ivr', action: 'change_address' } })).body;
    expect(unclassified.unanswered).toContainEqual(expect.objectContaining({ code: 'LINE_UNCLASSIFIED', signal: 'line_type' }));
    expect(unclassified.confidence).toBeLessThanOrEqual(landline.confidence);
    expect(unclassified.recommendation).not.toBe('allow');
  });
});
