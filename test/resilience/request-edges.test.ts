/**
 * The request's edges, end to end over real HTTP: the request deadline counts from the request's
 * arrival and covers reading its body; a client that goes away (mid-body, or while the gateway waits
 * on a provider) is client_closed, 499 in the access log and the metrics, never a 500 or an error
 * line. Outcomes only, never timings: what came back, whether the connection closed, what the log,
 * the metrics and the mock saw.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.ts';
import { parseExposition, sumOf } from '../observability/exposition.ts';
import { jsonHeaders, RawRequest } from '../support/raw-request.ts';
import { BRIGHTWAVE_NUMBER, CHECK, CHECK_PATH, eventually, pause, startFaultGateway } from './support.ts';

const ASSESSMENTS = '/v1/assessments';

let t: TestGateway;
beforeAll(async () => {
  t = await startFaultGateway({ cacheTtlSeconds: 0, server: { requestDeadlineMs: 1_000 } });
});
beforeEach(() => t.network.stats.reset());
afterAll(() => t?.close());

const upstreamCalls = () => upstreamCallsAt(t);

/** Sends the head and the first bytes of `body`, then the rest a byte every 200 ms: far slower than the 1 s deadline. */
async function trickled(path: string, body: string, headers: Record<string, string> = jsonHeaders(t.apiKey, body.length)): Promise<RawRequest> {
  const request = await RawRequest.start(t.url, 'POST', path, headers);
  request.write(body.slice(0, 10));
  request.trickle(body.slice(10), 200);
  return request;
}

function expectTimedOut(request: RawRequest): void {
  const answer = request.answer();
  expect(answer?.status, JSON.stringify(answer)).toBe(408);
  expect(answer!.headers.connection).toBe('close');
  expect(answer!.headers['x-correlator']).toBeTruthy();
  expect(JSON.parse(answer!.body)).toEqual({ status: 408, code: 'REQUEST_TIMEOUT', message: expect.stringMatching(/did not arrive within the request deadline/) });
}

describe('the request deadline covers reading the body', () => {
  it.each([
    ['a CAMARA route', CHECK_PATH, JSON.stringify({ phoneNumber: BRIGHTWAVE_NUMBER, maxAge: 24 })],
    ['an assessment', ASSESSMENTS, JSON.stringify({ phoneNumber: BRIGHTWAVE_NUMBER, context: { channel: 'ivr', riskTier: 'low' }, deadlineMs: 5_000 })],
  ])('answers a body still arriving at the request deadline with 408 REQUEST_TIMEOUT and closes the connection (%s)', async (_what, path, body) => {
    const request = await trickled(path, body);
    await request.closed;
    expectTimedOut(request);
    expect(upstreamCalls()).toBe(0);
  });

  it('bounds a chunked body (no content-length) the same way', async () => {
    const body = JSON.stringify({ phoneNumber: BRIGHTWAVE_NUMBER, maxAge: 24 });
    const request = await RawRequest.start(t.url, 'POST', CHECK_PATH, {
      authorization: `Bearer ${t.apiKey}`,
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    });
    request.write(`${body.length.toString(16)}\r\n${body.slice(0, 10)}`);
    request.trickle(`${body.slice(10)}\r\n0\r\n\r\n`, 200);
    await request.closed;
    expectTimedOut(request);
    expect(upstreamCalls()).toBe(0);
  });

  it("counts an assessment's deadlineMs from the request's arrival: a body slower than it leaves nothing to wait for", async () => {
    const body = (deadlineMs: number) => JSON.stringify({ phoneNumber: BRIGHTWAVE_NUMBER, context: { channel: 'ivr', riskTier: 'low' }, deadlineMs });
    // Control: sent at once, the same assessment hears from its providers.
    const prompt = await t.post(ASSESSMENTS, body(5_000));
    expect(prompt.status).toBe(200);
    expect(prompt.body.signals.some((signal: { status: string }) => signal.status === 'ok')).toBe(true);

    // 50 ms from sending, but the body takes longer than that (within the request deadline): answered at once, with nothing known.
    const slow = body(50);
    const request = await RawRequest.start(t.url, 'POST', ASSESSMENTS, jsonHeaders(t.apiKey, slow.length));
    request.write(slow.slice(0, -1));
    await pause(300);
    request.write(slow.slice(-1));
    for (let i = 0; i < 200 && request.answer()?.body.endsWith('}') !== true; i++) await pause(10);
    const answer = request.answer();
    expect(answer?.status, JSON.stringify(answer)).toBe(200);
    const verdict = JSON.parse(answer!.body);
    expect(verdict.deadlineMs).toBe(50);
    expect(verdict.degraded).toBe(true);
    expect(verdict.signals.map((signal: { status: string }) => signal.status)).toEqual(verdict.signals.map(() => 'unavailable'));
    request.abort();
  });
});

describe('a client that goes away is client_closed', () => {
  // Long enough that only the client's leaving ends a hanging call; metrics as the Node runtime counts them.
  let g: TestGateway;
  beforeAll(async () => {
    g = await startFaultGateway({ cacheTtlSeconds: 0, operatorsOnly: true, metrics: true, server: { requestDeadlineMs: 5_000, attemptTimeoutMs: 5_000 } });
  });
  beforeEach(() => g.network.stats.reset());
  afterAll(() => g?.close());

  let sent = 0;
  /** Starts a request with its own correlator, to find its access-log line. */
  async function start(path: string, body: string, sendWhole: boolean): Promise<{ request: RawRequest; correlator: string }> {
    const correlator = `edge-${++sent}`;
    const request = await RawRequest.start(g.url, 'POST', path, { ...jsonHeaders(g.apiKey, body.length), 'x-correlator': correlator });
    request.write(sendWhole ? body : body.slice(0, 10));
    return { request, correlator };
  }

  async function accessLogLine(correlator: string): Promise<Record<string, unknown>> {
    const find = () => g.logLines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'request' && entry.correlator === correlator);
    await eventually(() => find() !== undefined, `the access-log line of ${correlator}`);
    return find()!;
  }

  async function requestsCounted(path: string, status: string): Promise<number> {
    const scraped = await fetch(`${g.url}/metrics`);
    return sumOf(parseExposition(await scraped.text()), 'numtrust_http_requests_total', { route: path, status });
  }

  function expectNoErrorAnywhere(): void {
    expect(g.logLines.filter((line) => line.includes('"level":"error"'))).toEqual([]);
    expect(g.logLines.filter((line) => line.includes('"status":500'))).toEqual([]);
  }

  it.each([
    ['closes its connection', (request: RawRequest) => request.close()],
    ['resets its connection', (request: RawRequest) => request.abort()],
  ])('mid-body (it %s): 499 client_closed in the access log and the metrics, no error line, no upstream call', async (_how, leave) => {
    const before = await requestsCounted(CHECK_PATH, '499');
    const { request, correlator } = await start(CHECK_PATH, JSON.stringify({ phoneNumber: BRIGHTWAVE_NUMBER, maxAge: 24 }), false);
    await pause(50);
    leave(request);
    expect(await accessLogLine(correlator)).toMatchObject({ level: 'info', status: 499, outcome: 'client_closed', route: CHECK_PATH });
    expect(await requestsCounted(CHECK_PATH, '499')).toBe(before + 1);
    expect(await requestsCounted(CHECK_PATH, '500')).toBe(0);
    expectNoErrorAnywhere();
    expect(upstreamCallsAt(g)).toBe(0);
  });

  it.each([
    ['a CAMARA check', CHECK_PATH, JSON.stringify({ phoneNumber: BRIGHTWAVE_NUMBER, maxAge: 77 })],
    ['an assessment', ASSESSMENTS, JSON.stringify({ phoneNumber: BRIGHTWAVE_NUMBER, context: { channel: 'ivr', riskTier: 'low' }, checks: { include: ['sim_swap'], exclude: ['call_forwarding', 'roaming'] }, deadlineMs: 5_000 })],
  ])('while the gateway waits on a hanging provider (%s): 499 client_closed, no error line, and the upstream call is aborted', async (_what, path, body) => {
    g.network.faults.add({ carrier: 'brightwave', endpoint: CHECK, kind: 'hang' });
    g.network.faults.add({ carrier: 'brightwave', endpoint: 'sim-swap/v2/retrieve-date', kind: 'hang' });
    try {
      const before = await requestsCounted(path, '499');
      const { request, correlator } = await start(path, body, true);
      await eventually(() => g.network.stats.get('brightwave', CHECK) >= 1, 'the operator was asked');
      request.abort();
      expect(await accessLogLine(correlator)).toMatchObject({ level: 'info', status: 499, outcome: 'client_closed', route: path });
      expect(await requestsCounted(path, '499')).toBe(before + 1);
      expectNoErrorAnywhere();
      await eventually(() => g.network.stats.get('brightwave', 'aborted') >= 1, 'the operator saw the call aborted');
    } finally {
      g.network.faults.clear();
    }
  });
});

function upstreamCallsAt(gateway: TestGateway): number {
  return Object.values(gateway.network.stats.snapshot()).reduce((sum, byEndpoint) => sum + Object.values(byEndpoint).reduce((a, b) => a + b, 0), 0);
}
