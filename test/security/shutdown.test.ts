/**
 * Graceful shutdown of the real process as `npm start` runs it (built, embedded mode, ephemeral
 * ports), a slow request in flight (latency fault at the mock operator), SIGTERM. The slow request
 * completes, new connections are refused while it runs, and the process exits 0 by itself, which
 * it only does once the server, the upstream pools and the mocks are closed. Only the PID spawned
 * here is ever signalled.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockNetwork } from '../../mocks/network.ts';
import { embeddedConfig } from '../../src/runtime/embedded.ts';
import { drainable } from '../../src/runtime/shutdown.ts';
import { threadNiceness } from '../support/thread-niceness.ts';
import { killStartedGateways, startGatewayProcess as startProcess, type GatewayProcess } from '../support/gateway-process.ts';

const API_KEY = 'nt_shutdown_test_key_0123456789';

afterEach(killStartedGateways);

function startGatewayProcess(extraEnv: Record<string, string> = {}, mocks?: string): Promise<GatewayProcess> {
  return startProcess({ NUMTRUST_API_KEY: API_KEY, ...extraEnv }, mocks);
}

/** Resolves true when a TCP connection to the URL's port is refused, false when it is accepted. */
function refused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

async function mockCount(mocks: string, carrier: string, endpoint: string): Promise<number> {
  const stats = (await (await fetch(`${mocks}/_world/stats`)).json()) as Record<string, Record<string, number>>;
  return stats[carrier]?.[endpoint] ?? 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graceful shutdown of the gateway as npm start runs it', () => {
  it('on SIGTERM finishes the request in flight, refuses new connections, closes everything and exits 0', async () => {
    const run = await startGatewayProcess();
    expect((await fetch(`${run.gateway}/health`)).status).toBe(200);
    expect(run.output()).toContain('"msg":"V8 background threads","threads":0,"niceness":0,"skipped":"turned off"}');
    // The embedded tenant's Twilio webhook and its token, drawn when none is set.
    expect(run.output()).toContain(`Twilio webhook:      ${run.gateway}/v1/voice/twilio/default`);
    expect(run.output()).toMatch(/Twilio auth token: {3}[0-9a-f]{32} {3}\(generated; set NUMTRUST_TWILIO_AUTH_TOKEN to choose one\)/);
    // The runtime answers a repeated assessment ahead of the app (src/runtime/repeat-fast-path.ts): it remembers the body.
    const assess = () =>
      fetch(`${run.gateway}/v1/assessments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ phoneNumber: '+12025550101', context: { channel: 'agent', action: 'balance_inquiry', inboundCall: false } }),
      });
    expect((await assess()).status).toBe(200);
    const repeat = await assess();
    expect(repeat.status).toBe(200);
    expect(((await repeat.json()) as { signals: Array<{ cached: boolean }> }).signals.every((signal) => signal.cached)).toBe(true);
    expect(await (await fetch(`${run.gateway}/metrics`)).text()).toMatch(/^numtrust_cache_entries\{cache="repeats"\} 1$/m);
    const fault = await fetch(`${run.mocks}/_world/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ carrier: 'brightwave', endpoint: 'sim-swap/v2/check', kind: 'latency', latencyMs: 2_500 }),
    });
    expect(fault.status).toBe(201);

    let settled = false;
    const slow = fetch(`${run.gateway}/sim-swap/v2/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phoneNumber: '+447700900502', maxAge: 24 }),
    }).finally(() => {
      settled = true;
    });
    // The operator has the request (and holds it for the latency): it is in flight at the gateway.
    for (let i = 0; i < 200 && (await mockCount(run.mocks, 'brightwave', 'sim-swap/v2/check')) === 0; i++) await sleep(10);
    expect(await mockCount(run.mocks, 'brightwave', 'sim-swap/v2/check')).toBe(1);

    expect(run.child.kill('SIGTERM')).toBe(true);
    let newConnectionRefused = false;
    for (let i = 0; i < 100 && !newConnectionRefused; i++) {
      newConnectionRefused = await refused(run.gateway);
      if (!newConnectionRefused) await sleep(10);
    }
    expect(newConnectionRefused).toBe(true);
    expect(settled, 'the slow request was still in flight when new connections were refused').toBe(false);

    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ swapped: false });

    expect(await run.exited).toEqual({ code: 0, signal: null });
    const lines = run.output().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string; level: string; connections?: string });
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['listening', 'shutting down', 'stopped']));
    expect(lines.find((line) => line.msg === 'stopped')?.connections).toBe('drained');
    expect(lines.filter((line) => line.level === 'error')).toEqual([]);
  }, 30_000);

  it('a second signal exits at once with 1', async () => {
    const run = await startGatewayProcess({ NUMTRUST_TWILIO_AUTH_TOKEN: 'chosen-twilio-token-0123456789', NUMTRUST_V8_WORKER_NICENESS: '19' });
    expect(run.output()).toMatch(/Twilio auth token: {3}chosen-twilio-token-0123456789\n/);
    // Asked for: V8's background threads below the event loop (src/runtime/background-priority.ts), and nothing else.
    if (process.platform === 'linux') {
      const threads = threadNiceness(run.child.pid!);
      expect(threads.filter((thread) => thread.name === 'V8Worker').map((thread) => thread.niceness)).toEqual([19, 19, 19, 19]);
      const eventLoop = threads.find((thread) => thread.name === 'MainThread')!.niceness;
      expect(threads.filter((thread) => thread.name !== 'V8Worker').every((thread) => thread.niceness === eventLoop)).toBe(true);
      expect(run.output()).toContain('"msg":"V8 background threads","threads":4,"niceness":19}');
    }
    await fetch(`${run.mocks}/_world/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ carrier: 'brightwave', endpoint: 'sim-swap/v2/check', kind: 'hang' }),
    });
    const hanging = fetch(`${run.gateway}/sim-swap/v2/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phoneNumber: '+447700900503', maxAge: 24 }),
    }).catch((error: unknown) => error);
    for (let i = 0; i < 200 && (await mockCount(run.mocks, 'brightwave', 'sim-swap/v2/check')) === 0; i++) await sleep(10);
    run.child.kill('SIGTERM');
    for (let i = 0; i < 100 && !run.output().includes('"shutting down"'); i++) await sleep(10);
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.output()).toContain('second signal');
    await hanging;
  }, 30_000);
});

describe('graceful shutdown with a config file and a short grace period', () => {
  it('cuts connections still open after SHUTDOWN_GRACE_MS, then closes the rest and exits 0', async () => {
    const network = await startMockNetwork({ port: 0 });
    const directory = await mkdtemp(join(tmpdir(), 'numtrust-shutdown-'));
    try {
      const config = embeddedConfig(network.url, API_KEY);
      const path = join(directory, 'config.json');
      await writeFile(path, JSON.stringify({ ...config, server: { ...config.server, requestDeadlineMs: 1_500, attemptTimeoutMs: 1_500 } }));
      const run = await startGatewayProcess({ NUMTRUST_CONFIG: path, SHUTDOWN_GRACE_MS: '200' }, network.url);
      network.faults.add({ carrier: 'brightwave', endpoint: 'sim-swap/v2/check', kind: 'hang' });
      let outcome: 'answered' | 'cut' | undefined;
      const hanging = fetch(`${run.gateway}/sim-swap/v2/check`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ phoneNumber: '+447700900503', maxAge: 24 }),
      }).then(
        () => (outcome = 'answered'),
        () => (outcome = 'cut'),
      );
      for (let i = 0; i < 200 && network.stats.get('brightwave', 'sim-swap/v2/check') === 0; i++) await sleep(10);
      run.child.kill('SIGTERM');
      await hanging;
      expect(outcome).toBe('cut');
      expect(await run.exited).toEqual({ code: 0, signal: null });
      const stopped = run.output().split('\n').find((line) => line.includes('"msg":"stopped"'));
      expect(JSON.parse(stopped!)).toMatchObject({ connections: 'forced' });
      // Cutting the client's connection aborted the upstream call the request was waiting for.
      expect(network.stats.get('brightwave', 'aborted')).toBe(1);
    } finally {
      await network.close();
      await rm(directory, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('draining fetch', () => {
  it('serves until draining, then answers 503 with Connection: close, and closes connections of answers in flight', async () => {
    let release: () => void = () => {};
    const drain = drainable(async (request: Request) => {
      if (new URL(request.url).pathname === '/slow') await new Promise<void>((resolve) => (release = resolve));
      return Response.json({ ok: true });
    });
    const before = await drain.fetch(new Request('http://gw/fast'));
    expect(before.headers.get('connection')).toBeNull();
    const inFlight = drain.fetch(new Request('http://gw/slow'));
    drain.begin();
    const refusedAnswer = await drain.fetch(new Request('http://gw/fast'));
    expect(refusedAnswer.status).toBe(503);
    expect(refusedAnswer.headers.get('connection')).toBe('close');
    expect(refusedAnswer.headers.get('retry-after')).toBe('1');
    expect(await refusedAnswer.json()).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    release();
    const finished = await inFlight;
    expect(finished.status).toBe(200);
    expect(await finished.json()).toEqual({ ok: true });
    expect(finished.headers.get('connection')).toBe('close');
  });
});
