/**
 * Tokens outlive an impatient caller (issue 11): a number first seen at a CIBA operator needs
 * about a second for its token (bc-authorize, then a poll after the 1 s interval). A caller with a
 * shorter budget gives up, but the flow goes on, its token is cached, and the next call answers
 * from the operator within a 1 s budget. Default settings throughout unless a test says otherwise;
 * everything is counted at the mock (its `bc-authorize` and `token` endpoints), never timed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ABORTED } from '../../mocks/stats.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

const OPERATOR = 'albion';
/** Albion lines nobody else in this file asks about, so each test sees its number for the first time. */
const FIRST_SEEN_BY_ASSESSMENT = '+447700900004';
const FIRST_SEEN_BY_CHECK = '+447700900005';
const FIRST_SEEN_AT_SHUTDOWN = '+447700900006';
const FIRST_SEEN_SLOWLY = '+447700900003';

/**
 * What the IVR assessment below asks the operator for (SIM swap: 2, call forwarding: 2, roaming):
 * one CIBA flow each, a scope each. It leaves out the on-hook check (inboundCall false): that goes
 * to Telesign first, but on a loaded machine its hedge or failover reaches the operator within the
 * 300 ms and starts a flow of a sixth scope, which made the counts below flaky.
 */
const OPERATOR_OPERATIONS = ['sim_swap.retrieve_date', 'sim_swap.check', 'call_forwarding.services', 'call_forwarding.unconditional', 'roaming.retrieve'];

const ivrAssessment = (phoneNumber: string, deadlineMs: number) => ({
  phoneNumber,
  context: { channel: 'ivr', action: 'change_address', inboundCall: false },
  deadlineMs,
});

interface AssessedSignal {
  kind: string;
  operation: string;
  status: string;
  provider: string;
}

let t: TestGateway | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const count = (endpoint: string) => t!.network.stats.get(OPERATOR, endpoint);
/** Every CIBA flow started has polled the token endpoint: with immediate approval (the default world) its token is issued. */
const everyFlowIssued = (flows: number) =>
  vi.waitFor(() => expect(count('token')).toBeGreaterThanOrEqual(flows), { timeout: 10_000, interval: 50 });

describe('a number first seen at a CIBA operator', () => {
  it('answers from the operator within a 1 s budget once the flows a 300 ms assessment started have ended: one flow per scope, never restarted', async () => {
    t = await startTestGateway();
    const first = await t.post('/v1/assessments', ivrAssessment(FIRST_SEEN_BY_ASSESSMENT, 300));
    expect(first.status).toBe(200);
    // Each operation the operator was asked for needs a token of its own scope: one CIBA flow each.
    const flows = OPERATOR_OPERATIONS.length;
    await vi.waitFor(() => expect(count('bc-authorize')).toBe(flows), { timeout: 5_000, interval: 50 });

    await everyFlowIssued(flows);
    const second = await t.post('/v1/assessments', ivrAssessment(FIRST_SEEN_BY_ASSESSMENT, 1_000));
    expect(second.status).toBe(200);
    const signals = second.body.signals as AssessedSignal[];
    for (const operation of OPERATOR_OPERATIONS) {
      expect(signals.find((signal) => signal.operation === operation)).toMatchObject({ provider: OPERATOR, status: 'ok' });
    }
    expect(signals.filter((signal) => signal.kind === 'sim_swap')).toHaveLength(2);
    expect(second.body.degraded).toBe(false);
    expect(count('bc-authorize')).toBe(flows);
    expect(count('token')).toBe(flows);
  });

  it('answers a CAMARA check from the operator after the flow a timed-out check started: exactly one bc-authorize', async () => {
    t = await startTestGateway({
      configure: (config) => ({ ...config, server: { ...config.server, requestDeadlineMs: 300 } }),
    });
    const body = { phoneNumber: FIRST_SEEN_BY_CHECK, maxAge: 24 };
    const first = await t.post('/sim-swap/v2/check', body);
    expect([200, 503, 504]).toContain(first.status);

    await everyFlowIssued(1);
    const second = await t.post('/sim-swap/v2/check', body);
    expect(second.status).toBe(200);
    expect(second.headers.get('x-numtrust-provider')).toBe(OPERATOR);
    expect(count('bc-authorize')).toBe(1);
    expect(count('token')).toBe(1);
  });

  it("answers a check pinned to the operator when the user approves after the attempt timeout, within the request's deadline: the wait is the user's, not the operator's", async () => {
    t = await startTestGateway();
    // Approval after 3 s: past attemptTimeoutMs (2.5 s), within requestDeadlineMs (8 s), both defaults.
    t.network.carrier(OPERATOR).settings.update({ cibaApprovalDelayMs: 3_000 });
    const answer = await t.post('/sim-swap/v2/check', { phoneNumber: FIRST_SEEN_SLOWLY, maxAge: 24 }, { 'x-numtrust-provider': OPERATOR });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({ swapped: false });
    expect(answer.headers.get('x-numtrust-provider')).toBe(OPERATOR);
    // One flow, polled until approved: no second attempt started another.
    expect(count('bc-authorize')).toBe(1);
    expect(count('token')).toBeGreaterThanOrEqual(3);
  }, 15_000);

  it('aborts the flows nobody waits for when the gateway closes (the operator sees each poll dropped)', async () => {
    t = await startTestGateway();
    t.network.faults.add({ carrier: OPERATOR, endpoint: 'token', kind: 'hang' });
    expect((await t.post('/v1/assessments', ivrAssessment(FIRST_SEEN_AT_SHUTDOWN, 300))).status).toBe(200);
    const flows = OPERATOR_OPERATIONS.length;
    await everyFlowIssued(flows);
    expect(count(ABORTED)).toBe(0);

    await t.gateway.close();
    await vi.waitFor(() => expect(count(ABORTED)).toBe(flows), { timeout: 5_000, interval: 50 });
  });
});
