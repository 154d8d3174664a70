/**
 * Soak: SOAK_SECONDS (default 600) of mixed traffic with rotating injected faults against the
 * gateway (routing of the embedded mode, but in its own process, with the mock carriers in another),
 * all on 127.0.0.1. Reports requests,
 * answers by status and code, upstream calls seen by the mocks, and the gateway process's memory
 * over time (RSS, and the heap and external memory it reports). Bounded in time and count; stops
 * the one process it started.
 * Run: npm run bench:soak   (SOAK_SECONDS=60 for a short run; SOAK_HEAP_SNAPSHOT=dir writes a heap
 * snapshot of the gateway there at the end, summarised by node bench/heap-summary.ts;
 * SOAK_GATEWAY_FLAGS="--flag ..." passes Node flags to the gateway). The end's memory breakdown
 * includes the caches' entries and their approximate heap (numtrust_cache_entries, numtrust_cache_bytes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedConfig } from '../src/runtime/embedded.ts';
import { startScriptEntry, startScriptEnv, startScriptFlags } from './lib/start-flags.ts';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 16);
const MAX_REQUESTS = 5_000_000;
const SAMPLE_EVERY_MS = 15_000;
const API_KEY = 'nt_soak_key_0123456789abcdef';
const HEAP_SNAPSHOT_DIR = process.env.SOAK_HEAP_SNAPSHOT;

const KNOWN = ['+447700900001', '+447700900002', '+447700900004', '+447700900005', '+447700900006', '+447700900007', '+447700900501', '+447700900502', '+447700900503', '+12025550101', '+12025550102', '+12025550103'];
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
/** Mostly numbers the world knows; some random numbers in the routed ranges so the caches fill. */
function number(): string {
  const roll = Math.random();
  if (roll < 0.6) return pick(KNOWN);
  if (roll < 0.8) return `+447700900${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  return `+1202555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
}

const REQUESTS: Array<() => { path: string; body: unknown }> = [
  () => ({ path: '/sim-swap/v2/check', body: { phoneNumber: number(), maxAge: pick([24, 72, 168]) } }),
  () => ({ path: '/sim-swap/v2/retrieve-date', body: { phoneNumber: number() } }),
  () => ({ path: '/call-forwarding-signal/v0.4/unconditional-call-forwardings', body: { phoneNumber: number() } }),
  () => ({ path: '/device-roaming-status/v1/retrieve', body: { device: { phoneNumber: number() } } }),
  () => ({ path: '/device-reachability-status/v1/retrieve', body: { device: { phoneNumber: number() } } }),
  () => ({ path: '/device-swap/v1/check', body: { phoneNumber: number(), maxAge: 240 } }),
  () => ({
    path: '/v1/assessments',
    body: { phoneNumber: number(), context: { channel: pick(['ivr', 'agent', 'callback']), riskTier: pick(['low', 'medium', 'high']), inboundCall: Math.random() < 0.5 }, deadlineMs: 1500 },
  }),
  () => ({ path: '/sim-swap/v2/check', body: { phoneNumber: 'garbage', maxAge: 0 } }),
];

/** Faults rotated every 20 s: one carrier misbehaves at a time, the way outages come and go. */
const FAULTS: unknown[] = [
  { carrier: 'albion', kind: 'status', status: 503 },
  { carrier: 'brightwave', kind: 'latency', latencyMs: 300, jitterMs: 200 },
  { carrier: 'telesign', kind: 'hang', times: 50 },
  { carrier: 'twilio', kind: 'status', status: 429, retryAfter: 1 },
  { carrier: 'vonage', kind: 'malformed' },
  { carrier: 'nokia', kind: 'reset' },
  { carrier: 'liberty', endpoint: 'token', kind: 'status', status: 500 },
  { carrier: 'brightwave', kind: 'wrong_type' },
  { carrier: 'albion', kind: 'slow_body', durationMs: 400 },
  { carrier: 'nokia', kind: 'oversized' },
];

/** Resolves with the first capture of `pattern` in the process's stdout. */
function waitFor(child: ChildProcess, pattern: RegExp): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`process exited early (${code}): ${output}`)));
  });
}

/** Where the gateway's memory is, from its own process metrics (GET /metrics, prom-client's defaults), MiB. */
async function memoryBreakdown(gateway: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${gateway}/metrics`)).text();
  const read = (name: string) => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
    return line === undefined ? Number.NaN : +(Number(line.split(' ')[1]) / 2 ** 20).toFixed(1);
  };
  const spaces = Object.fromEntries(
    [...text.matchAll(/^nodejs_heap_space_size_total_bytes\{space="(\w+)"\} (\d+)/gm)].map(([, space, bytes]) => [`heapSpace_${space}`, +(Number(bytes) / 2 ** 20).toFixed(1)]),
  );
  const entries = Object.fromEntries([...text.matchAll(/^numtrust_cache_entries\{cache="(\w+)"\} (\d+)/gm)].map(([, cache, count]) => [`cacheEntries_${cache}`, Number(count)]));
  const cacheHeap = Object.fromEntries(
    [...text.matchAll(/^numtrust_cache_bytes\{cache="(\w+)"\} (\d+)/gm)].map(([, cache, bytes]) => [`cacheHeap_${cache}`, +(Number(bytes) / 2 ** 20).toFixed(1)]),
  );
  return {
    ...entries,
    ...cacheHeap,
    rss: read('process_resident_memory_bytes'),
    heapTotal: read('nodejs_heap_size_total_bytes'),
    heapUsed: read('nodejs_heap_size_used_bytes'),
    external: read('nodejs_external_memory_bytes'),
    ...spaces,
  };
}

/** Asks the gateway for a heap snapshot (--heapsnapshot-signal) and waits until the file is complete. */
async function heapSnapshot(child: ChildProcess, dir: string): Promise<void> {
  const before = new Set(readdirSync(dir));
  child.kill('SIGUSR2');
  for (let waited = 0; waited < 300_000; waited += 1000) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const written = readdirSync(dir).find((name) => name.endsWith('.heapsnapshot') && !before.has(name));
    // The file is written in one go; its size stops changing when V8 is done.
    if (written && statSync(join(dir, written)).size > 0) {
      const size = statSync(join(dir, written)).size;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      if (statSync(join(dir, written)).size === size) return;
    }
  }
  throw new Error('no heap snapshot within 5 minutes');
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function main(): Promise<void> {
  // Mocks and gateway in separate processes, so the memory measured is the gateway's alone.
  const mocksProcess = spawn(process.execPath, ['mocks/server.ts'], { env: { ...process.env, MOCKS_PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const mocks = await waitFor(mocksProcess, /mock network on (http:\/\/127\.0\.0\.1:\d+)/);
  const configPath = join(mkdtempSync(join(tmpdir(), 'numtrust-soak-')), 'config.json');
  writeFileSync(configPath, JSON.stringify(embeddedConfig(mocks, API_KEY, 60)));
  const snapshotFlags = HEAP_SNAPSHOT_DIR ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${HEAP_SNAPSHOT_DIR}`] : [];
  // As `npm start` runs it, plus SOAK_GATEWAY_FLAGS.
  const gatewayFlags = [...startScriptFlags(), ...(process.env.SOAK_GATEWAY_FLAGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...gatewayFlags, ...snapshotFlags, startScriptEntry()], {
    env: { ...process.env, ...startScriptEnv(), PORT: '0', NUMTRUST_CONFIG: configPath, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const gateway = await waitFor(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const urls = { gateway, mocks };

  const tally = new Map<string, number>();
  let requests = 0;
  let transportErrors = 0;
  const memory: Array<{ second: number; rssMiB: number; heapUsedMiB?: number; externalMiB?: number }> = [];
  const started = Date.now();
  const end = started + SECONDS * 1000;
  const elapsed = () => Math.round((Date.now() - started) / 1000);
  memory.push({ second: 0, rssMiB: rssMiB(child.pid!) });
  // With the gateway's own heap and external memory, so a rise in RSS can be told apart from a rise in what it holds.
  const sample = async () => {
    const second = elapsed();
    const rss = +rssMiB(child.pid!).toFixed(1);
    const { heapUsed, external } = await memoryBreakdown(urls.gateway).catch(() => ({ heapUsed: undefined, external: undefined }));
    memory.push({ second, rssMiB: rss, heapUsedMiB: heapUsed, externalMiB: external });
  };
  const sampler = setInterval(() => void sample(), SAMPLE_EVERY_MS);

  let faultIndex = 0;
  const rotate = async () => {
    await fetch(`${urls.mocks}/_world/faults`, { method: 'DELETE' });
    await fetch(`${urls.mocks}/_world/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(FAULTS[faultIndex++ % FAULTS.length]) });
  };
  await rotate();
  const rotator = setInterval(() => void rotate(), 20_000);

  const worker = async () => {
    while (Date.now() < end && requests < MAX_REQUESTS) {
      const { path, body } = pick(REQUESTS)();
      requests++;
      try {
        const response = await fetch(urls.gateway + path, {
          method: 'POST',
          headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        const json = (await response.json()) as { code?: string };
        const key = response.status === 200 ? '200' : `${response.status} ${json.code}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
      } catch {
        transportErrors++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  clearInterval(sampler);
  clearInterval(rotator);
  memory.push({ second: elapsed(), rssMiB: +rssMiB(child.pid!).toFixed(1) });

  const stats = (await (await fetch(`${urls.mocks}/_world/stats`)).json()) as Record<string, Record<string, number>>;
  const upstreamCalls = Object.fromEntries(
    Object.entries(stats).map(([carrier, counts]) => [carrier, Object.entries(counts).filter(([name]) => name !== 'aborted').reduce((sum, [, n]) => sum + n, 0)]),
  );
  const aborted = Object.values(stats).reduce((sum, counts) => sum + (counts.aborted ?? 0), 0);
  const memoryBreakdownMiB = await memoryBreakdown(urls.gateway);
  if (HEAP_SNAPSHOT_DIR) await heapSnapshot(child, HEAP_SNAPSHOT_DIR);
  child.kill('SIGTERM');
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  mocksProcess.kill('SIGTERM');
  await new Promise((resolve) => mocksProcess.once('exit', resolve));

  const afterWarmUp = memory.filter((sample) => sample.second >= 60);
  console.log(
    JSON.stringify(
      {
        seconds: elapsed(),
        concurrency: CONCURRENCY,
        requests,
        requestsPerSecond: Math.round(requests / elapsed()),
        answers: Object.fromEntries([...tally].sort((a, b) => b[1] - a[1])),
        transportErrors,
        upstreamCalls,
        upstreamCallsTotal: Object.values(upstreamCalls).reduce((a, b) => a + b, 0),
        upstreamAbortsSeenByMocks: aborted,
        memoryMiB: {
          start: memory[0]!.rssMiB,
          at60s: afterWarmUp[0]?.rssMiB,
          end: memory.at(-1)!.rssMiB,
          maxAfter60s: Math.max(...afterWarmUp.map((sample) => sample.rssMiB)),
          samples: memory,
        },
        memoryBreakdownMiB,
        gatewayExitCode: exitCode,
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
