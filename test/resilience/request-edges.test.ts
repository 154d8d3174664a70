/**
 * The request's edges, end to end over real HTTP: the request deadline counts from the request's
 * arrival and covers reading its body. Outcomes only, never timings: what came back, whether the
 * connection closed, what the mock saw.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.ts';
import { jsonHeaders, RawRequest } from '../support/raw-request.ts';
import { BRIGHTWAVE_NUMBER, CHECK_PATH, pause, startFaultGateway } from './support.ts';

const ASSESSMENTS = '/v1/assessments';

let t: TestGateway;
beforeAll(async () => {
  t = await startFaultGateway({ cacheTtlSeconds: 0, server: { requestDeadlineMs: 1_000 } });
});
beforeEach(() => t.network.stats.reset());
afterAll(() => t?.close());

const upstreamCalls = () => Object.values(t.network.stats.snapshot()).reduce((sum, byEndpoint) => sum + Object.values(byEndpoint).reduce((a, b) => a + b, 0), 0);

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
