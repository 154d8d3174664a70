/**
 * The resilience cases that apply inside one isolate, through the Worker's fetch handler against
 * faults at the mock carriers: retry and failover on 5xx, the deadline against a hanging upstream,
 * the breaker failing fast with Retry-After, a garbled answer never taken as a fact, a failing
 * token endpoint, single-flight joining only calls of one request (request scope), and a token
 * mint outliving the request that started it (kept alive with ctx.waitUntil).
 * Breakers and single-flight are per isolate on Workers (docs/workers.md); so are rate limits without
 * a shared state (these clients have none; test-worker/durable-objects.test.ts has one).
 */
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { GatewayConfig } from '../src/config/schema.ts';
import { runInRequestScope } from '../src/contract/request-scope.ts';
import { withCacheTtl, withOperatorsOnly } from '../test/support/config-variants.ts';
import { mockWorld } from './support/mock-world.ts';
import { answerOf, gatewayInIsolate, workerClient, workerConfig } from './support/worker-client.ts';

const world = mockWorld();
const BRIGHTWAVE_LINE = '+447700900502';
const CHECK = 'sim-swap/v2/check';
const check = (maxAge: number) => ({ phoneNumber: BRIGHTWAVE_LINE, maxAge });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Uncached, so every request reaches the carriers, plus whatever the test adjusts. */
const uncachedWorker = (adjust: (config: GatewayConfig) => GatewayConfig = (config) => config) =>
  workerClient({ configure: (config) => adjust(withCacheTtl(config, 0)) });
const operatorOnlyWorker = (adjust: (config: GatewayConfig) => GatewayConfig = (config) => config) =>
  uncachedWorker((config) => adjust(withOperatorsOnly(config)));

beforeEach(async () => {
  await world.clearFaults();
  await world.resetStats();
});
afterAll(() => world.clearFaults());

describe('upstream 5xx', () => {
  it('retries a 503 and answers from the same operator', async () => {
    const worker = operatorOnlyWorker();
    await world.addFault({ carrier: 'brightwave', endpoint: CHECK, kind: 'status', status: 503, times: 1 });
    const response = await worker.post('/sim-swap/v2/check', check(24));
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get('x-numtrust-provider')).toBe('brightwave');
    expect(await world.count('brightwave', CHECK)).toBe(2);
  });

  it('fails over to the next provider while the operator keeps failing', async () => {
    const worker = uncachedWorker();
    await world.addFault({ carrier: 'brightwave', endpoint: CHECK, kind: 'status', status: 503 });
    const response = await worker.post('/sim-swap/v2/check', check(24));
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get('x-numtrust-provider')).toBe('nokia');
  });
});

describe('timeouts', () => {
  it('answers unavailable by the deadline when the operator hangs, and the operator sees the abort', async () => {
    const worker = operatorOnlyWorker((config) => ({ ...config, server: { ...config.server, requestDeadlineMs: 300, attemptTimeoutMs: 250 } }));
    await world.addFault({ carrier: 'brightwave', endpoint: CHECK, kind: 'hang' });
    const response = await worker.post('/sim-swap/v2/check', check(24));
    expect([503, 504]).toContain(response.status);
    expect(['UNAVAILABLE', 'TIMEOUT']).toContain(response.body.code);
    for (let i = 0; i < 40 && (await world.count('brightwave', 'aborted')) === 0; i++) await sleep(25);
    expect(await world.count('brightwave', 'aborted')).toBeGreaterThanOrEqual(1);
  });
});

describe('the request deadline covers reading the body', () => {
  it('answers a body still arriving at the request deadline with 408 REQUEST_TIMEOUT, before any upstream call', async () => {
    const worker = operatorOnlyWorker((config) => ({ ...config, server: { ...config.server, requestDeadlineMs: 300 } }));
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode(`{"phoneNumber":"${BRIGHTWAVE_LINE}",`)),
    });
    const response = await answerOf(
      await worker.fetch('/sim-swap/v2/check', {
        method: 'POST',
        headers: { authorization: `Bearer ${worker.apiKey}`, 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status, response.text).toBe(408);
    expect(response.body).toEqual({ status: 408, code: 'REQUEST_TIMEOUT', message: expect.stringMatching(/request deadline/) });
    expect(await world.count('brightwave', CHECK)).toBe(0);
  });
});

describe('circuit breaker (per isolate)', () => {
  it('opens while the operator fails, then fails fast with Retry-After without calling it', async () => {
    const worker = operatorOnlyWorker((config) => ({
      ...config,
      retry: { maxAttempts: 1 },
      breaker: { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 30_000 },
    }));
    await world.addFault({ carrier: 'brightwave', endpoint: CHECK, kind: 'status', status: 500 });
    let opened = false;
    for (let i = 0; i < 10 && !opened; i++) {
      const before = await world.count('brightwave', CHECK);
      const response = await worker.post('/sim-swap/v2/check', check(24 + i));
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
      if ((await world.count('brightwave', CHECK)) === before) {
        opened = true;
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
    }
    expect(opened).toBe(true);
    // Another operation of the same operator has its own breaker.
    expect((await worker.post('/sim-swap/v2/retrieve-date', { phoneNumber: BRIGHTWAVE_LINE })).status).toBe(200);
  });
});

describe('untrusted answers', () => {
  it('never takes a garbled body as a fact: unavailable alone, the next provider with failover', async () => {
    await world.addFault({ carrier: 'brightwave', endpoint: CHECK, kind: 'malformed' });
    const alone = await operatorOnlyWorker().post('/sim-swap/v2/check', check(24));
    expect(alone.status).toBe(503);
    expect(alone.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    const chained = await uncachedWorker().post('/sim-swap/v2/check', check(24));
    expect(chained.status).toBe(200);
    expect(chained.headers.get('x-numtrust-provider')).toBe('nokia');
  });

  // What the platform's fetch does with the wire (fetch-http.ts, not undici): body cap, redirects, resets, dribbles.
  it.each([
    ['an oversized body (2 MiB, over the 256 KiB cap)', { kind: 'oversized' }],
    ['a body cut by a connection reset', { kind: 'reset' }],
    ['a body dribbled past the deadline', { kind: 'slow_body', durationMs: 2_000, chunks: 20 }],
  ])('never answers from %s', async (_case, fault) => {
    const worker = operatorOnlyWorker((config) => ({ ...config, retry: { maxAttempts: 1 }, server: { ...config.server, requestDeadlineMs: 800, attemptTimeoutMs: 600 } }));
    await world.addFault({ carrier: 'brightwave', endpoint: CHECK, ...fault });
    const response = await worker.post('/sim-swap/v2/check', check(24));
    expect([503, 504]).toContain(response.status);
    expect(['UNAVAILABLE', 'TIMEOUT']).toContain(response.body.code);
  });

  it('never follows a redirect: the answer is unavailable and the target is not called', async () => {
    const worker = operatorOnlyWorker((config) => ({ ...config, retry: { maxAttempts: 1 } }));
    await world.addFault({ carrier: 'brightwave', endpoint: CHECK, kind: 'redirect', status: 307, location: `${world.url}/carriers/albion/jwks` });
    const response = await worker.post('/sim-swap/v2/check', check(24));
    expect(response.status).toBe(503);
    expect(await world.count('albion', 'jwks')).toBe(0);
  });

  it('treats a failing token endpoint as unavailable and moves on', async () => {
    await world.addFault({ carrier: 'brightwave', endpoint: 'token', kind: 'status', status: 503 });
    const alone = await operatorOnlyWorker().post('/sim-swap/v2/check', check(24));
    expect(alone.status).toBe(503);
    expect(await world.count('brightwave', CHECK)).toBe(0);
    const chained = await uncachedWorker().post('/sim-swap/v2/check', check(24));
    expect(chained.status).toBe(200);
    expect(chained.headers.get('x-numtrust-provider')).toBe('nokia');
  });
});

describe('single-flight and the request scope', () => {
  const TWENTY = 20;
  // Long enough for every concurrent caller to arrive while the first call is still under way, even on a loaded machine.
  const slowCheck = () => world.addFault({ carrier: 'brightwave', endpoint: CHECK, kind: 'latency', latencyMs: 500 });

  it('joins 20 concurrent identical checks of one request into one upstream call', async () => {
    const gateway = await gatewayInIsolate(withOperatorsOnly(withCacheTtl(workerConfig(), 0)));
    try {
      await gateway.engine.run('default', { operation: 'sim_swap.check', phoneNumber: BRIGHTWAVE_LINE, params: { maxAgeHours: 1 } } as never, { signal: AbortSignal.timeout(8_000) });
      await world.resetStats();
      await slowCheck();
      const signals = await runInRequestScope({ id: 'one-request' }, () =>
        Promise.all(
          Array.from({ length: TWENTY }, () =>
            gateway.engine.run('default', { operation: 'sim_swap.check', phoneNumber: BRIGHTWAVE_LINE, params: { maxAgeHours: 24 } } as never, {
              signal: AbortSignal.timeout(8_000),
            }),
          ),
        ),
      );
      expect(signals.every((signal) => signal.status === 'ok')).toBe(true);
      expect(await world.count('brightwave', CHECK)).toBe(1);
    } finally {
      await gateway.close();
    }
  });

  it('never joins calls of different requests on the Worker: 20 concurrent requests, 20 upstream calls', async () => {
    const worker = operatorOnlyWorker();
    await worker.post('/sim-swap/v2/check', check(1));
    await world.resetStats();
    await slowCheck();
    const answers = await Promise.all(Array.from({ length: TWENTY }, () => worker.post('/sim-swap/v2/check', check(24))));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(await world.count('brightwave', CHECK)).toBe(TWENTY);
  });

  it('while the Node gateway (no scope) shares one call across 20 concurrent requests', async () => {
    const { nodeGatewayUrl, apiKey } = inject('numtrust');
    await slowCheck();
    const ask = () =>
      fetch(`${nodeGatewayUrl}/sim-swap/v2/check`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(check(97)),
      });
    const answers = await Promise.all(Array.from({ length: TWENTY }, ask));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(await world.count('brightwave', CHECK)).toBe(1);
  });
});

describe('token mints and the request scope', () => {
  const ALBION_LINE = '+447700900004';
  const assessment = (deadlineMs: number) => ({
    phoneNumber: ALBION_LINE,
    context: { channel: 'ivr', action: 'change_address', inboundCall: true },
    deadlineMs,
  });
  afterEach(() => world.resetSettings('albion'));
  /** What an inbound IVR assessment asks albion for (the on-hook check goes to Telesign first). */
  const ALBION_OPERATIONS = ['sim_swap.retrieve_date', 'sim_swap.check', 'call_forwarding.services', 'call_forwarding.unconditional', 'roaming.retrieve'];

  it('keeps a CIBA flow its request gave up on alive with waitUntil: the next request answers from albion, no new flow', async () => {
    // workerClient awaits each request's ctx.waitUntil work, as the platform does after the response.
    const worker = workerClient();
    const first = await worker.post('/v1/assessments', assessment(300));
    expect(first.status, first.text).toBe(200);
    // One CIBA flow per operation albion was asked for (each its own scope), though a fallback may have answered within the 300 ms.
    const flows = ALBION_OPERATIONS.length;
    expect(await world.count('albion', 'bc-authorize')).toBe(flows);
    expect(await world.count('albion', 'token')).toBe(flows);

    const second = await worker.post('/v1/assessments', assessment(1_000));
    expect(second.status, second.text).toBe(200);
    for (const operation of ALBION_OPERATIONS) {
      expect(second.body.signals.find((signal: { operation: string }) => signal.operation === operation)).toMatchObject({ provider: 'albion', status: 'ok' });
    }
    expect(second.body.degraded).toBe(false);
    expect(await world.count('albion', 'bc-authorize')).toBe(flows);
  });

  it('never lets another request join a flow under way: concurrent requests each start their own (Node shares one)', async () => {
    // Flows that never get approved, ended by their own limit so nothing outlives the test.
    await world.updateSettings('albion', { cibaApprovalDelayMs: 600_000 });
    const worker = workerClient({
      configure: (config) => ({
        ...withCacheTtl(config, 0),
        server: { ...config.server, requestDeadlineMs: 300 },
        providers: config.providers.map((provider) =>
          provider.id === 'albion' && provider.kind === 'camara' ? { ...provider, auth: { ...provider.auth, tokenTimeoutMs: 1_500 } } : provider,
        ),
      }),
    });
    const check = { phoneNumber: ALBION_LINE, maxAge: 24 };
    await Promise.all([worker.post('/sim-swap/v2/check', check), worker.post('/sim-swap/v2/check', check)]);
    expect(await world.count('albion', 'bc-authorize')).toBe(2);
  });
});
