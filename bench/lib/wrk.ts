/**
 * Load from Debian's wrk 4.1.0 (/usr/bin/wrk), one thread, in its own process, through
 * bench/lib/wrk-request.lua. Closed loop by default; with `thinkMs` each connection waits a random
 * think time before each request, which offers a fixed load well under saturation (wrk has no
 * rate option), so latency is the path's own and not the queue of a saturated machine.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { allocatedSince, logOffset } from './allocation.ts';
import { cpuPerRequest, pinned } from './processes.ts';

export const WRK = '/usr/bin/wrk';

export interface WrkRun {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** With {n} replaced by 1..vary when `vary` is set (distinct requests, no cache or single-flight sharing). */
  body?: string;
  vary?: number;
  connections: number;
  seconds: number;
  /** Think time range before each request on a connection, ms. */
  thinkMs?: [number, number];
  cpu?: number;
}

export interface WrkResult {
  requests: number;
  requestsPerSecond: number;
  non2xx: number;
  socketErrors: number;
  /** Milliseconds. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

interface RawResult {
  requests: number;
  durationUs: number;
  non2xx: number;
  connectErrors: number;
  readErrors: number;
  writeErrors: number;
  timeouts: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export async function wrk(run: WrkRun): Promise<WrkResult> {
  if (!existsSync(WRK)) throw new Error(`${WRK} not found: the benches need Debian's wrk (apt-get install wrk)`);
  const wrkArgs = ['-t1', `-c${run.connections}`, `-d${run.seconds}s`, '--timeout', '5s', '-s', 'bench/lib/wrk-request.lua', run.url];
  const cpu = pinned(run.cpu);
  const [command, args] = cpu === undefined ? [WRK, wrkArgs] : ['taskset', ['-c', String(cpu), WRK, ...wrkArgs]];
  const env = {
    ...process.env,
    BENCH_METHOD: run.method ?? 'GET',
    BENCH_HEADERS: Object.entries(run.headers ?? {}).map(([name, value]) => `${name}: ${value}`).join('\n'),
    BENCH_BODY: run.body ?? '',
    BENCH_VARY: String(run.vary ?? 0),
    BENCH_DELAY_MIN_MS: String(run.thinkMs?.[0] ?? 0),
    BENCH_DELAY_MAX_MS: String(run.thinkMs?.[1] ?? 0),
  };
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), (run.seconds + 30) * 1000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(killer);
  const line = /BENCH_RESULT (\{.*\})/.exec(output);
  if (code !== 0 || !line) throw new Error(`wrk failed (${code}): ${output}`);
  const raw = JSON.parse(line[1]!) as RawResult;
  const ms = (us: number) => +(us / 1000).toFixed(3);
  return {
    requests: raw.requests,
    requestsPerSecond: Math.round(raw.requests / (raw.durationUs / 1e6)),
    non2xx: raw.non2xx,
    socketErrors: raw.connectErrors + raw.readErrors + raw.writeErrors + raw.timeouts,
    p50: ms(raw.p50),
    p90: ms(raw.p90),
    p99: ms(raw.p99),
    max: ms(raw.max),
  };
}

export const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 2);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

/** 50 connections, each waiting 50-150 ms before each request: ~500 req/s offered, well under saturation. */
export const FIXED_LOAD = { connections: 50, thinkMs: [50, 150] as [number, number] };

/**
 * A warm-up run, then the measured run, with the CPU time the serving process (`pid`) spent a
 * request, and with `gcLog` (the log of a gateway started with ALLOCATION_FLAGS) the heap it
 * allocated a request over the measured run.
 */
export async function measure(run: Omit<WrkRun, 'seconds'>, pid: number, gcLog?: string): Promise<WrkResult & { cpuUsPerRequest: number; allocatedKBPerRequest?: number }> {
  await wrk({ ...run, seconds: WARM_UP_SECONDS });
  const offset = gcLog === undefined ? 0 : logOffset(gcLog);
  const result = await cpuPerRequest(pid, () => wrk({ ...run, seconds: SECONDS }));
  if (result.socketErrors > 0) throw new Error(`socket errors under load: ${JSON.stringify(result)}`);
  if (gcLog === undefined) return result;
  return { ...result, allocatedKBPerRequest: Math.round((10 * allocatedSince(gcLog, offset)) / 1024 / result.requests) / 10 };
}

export function describeLoad(run: Pick<WrkRun, 'connections' | 'thinkMs'>, repetitions: number): string {
  const think = run.thinkMs ? `, think time ${run.thinkMs[0]}-${run.thinkMs[1]} ms before each request on a connection` : ' (closed loop)';
  return `wrk -t1 -c${run.connections}${think}, ${SECONDS} s after ${WARM_UP_SECONDS} s warm-up, ${repetitions} interleaved repetitions, fresh server process each`;
}
