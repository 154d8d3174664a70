/**
 * The processes a benchmark starts: the mock carriers, the gateway and a bare node:http server,
 * each a fresh child of process.execPath (the pinned Node 24), optionally pinned to one CPU.
 * Every child is tracked and stopped by its own PID, also when a benchmark throws.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GatewayConfig } from '../../src/config/schema.ts';
import { startScriptEntry, startScriptEnv, startScriptFlags } from './start-flags.ts';

export interface Started {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Runs on this CPU (taskset -c); BENCH_PIN=0 turns pinning off for every process. */
export interface Placement {
  cpu?: number;
}

export const pinned = (cpu: number | undefined): number | undefined => (process.env.BENCH_PIN === '0' ? undefined : cpu);

export const workDir = mkdtempSync(join(tmpdir(), 'numtrust-bench-'));
const running = new Set<ChildProcess>();

function launch(args: string[], env: NodeJS.ProcessEnv, stdout: 'pipe' | number, placement: Placement, execArgv: string[] = [], cwd?: string): ChildProcess {
  const cpu = pinned(placement.cpu);
  const command = cpu === undefined ? process.execPath : 'taskset';
  const argv = cpu === undefined ? [...execArgv, ...args] : ['-c', String(cpu), process.execPath, ...execArgv, ...args];
  // taskset execs the command, so the PID we hold is the Node process's own.
  const child = spawn(command, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', stdout, 'inherit'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(killer);
}

/** Stops every child this process started that is still running (for finally blocks). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(stopChild));
}

function exitedEarly(child: ChildProcess, what: string): Promise<never> {
  return new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`${what} exited early (${code})`))));
}

/** The first capture of `pattern` on the child's stdout; the rest of its output is drained and dropped. */
function urlFromStdout(child: ChildProcess, pattern: RegExp, what: string): Promise<string> {
  let output = '';
  const found = new Promise<string>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (!match) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
  });
  return Promise.race([found, exitedEarly(child, what)]);
}

/** Polls a log file the child writes to (its stdout goes straight to the file, not through us). */
async function urlFromFile(child: ChildProcess, path: string, pattern: RegExp, what: string): Promise<string> {
  const early = exitedEarly(child, what);
  early.catch(() => undefined);
  for (let waited = 0; waited < 30_000; waited += 25) {
    const match = pattern.exec(readFileSync(path, 'utf8'));
    if (match) return match[1]!;
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 25)), early]);
  }
  throw new Error(`${what} did not report its URL within 30 s`);
}

function started(child: ChildProcess, url: string): Started {
  return { url, pid: child.pid!, stop: () => stopChild(child) };
}

export async function startMocks(placement: Placement = {}): Promise<Started> {
  const child = launch(['mocks/server.ts'], { MOCKS_PORT: '0' }, 'pipe', placement);
  return started(child, await urlFromStdout(child, /mock network on (http:\/\/127\.0\.0\.1:\d+)/, 'mock network'));
}

export interface GatewayOptions extends Placement {
  /** Write a V8 CPU profile into this directory when the gateway exits (node --cpu-prof); default $BENCH_CPU_PROFILE. */
  cpuProfileDir?: string;
  /** More Node flags (after $BENCH_GATEWAY_FLAGS, space-separated) and environment for the gateway. */
  nodeFlags?: string[];
  env?: NodeJS.ProcessEnv;
  /** Another checkout of the project to run the gateway from (bench/compare.ts: an earlier commit). */
  root?: string;
}

let gateways = 0;

/**
 * The gateway as `npm start` runs it (built by its prestart, then the entry its start script names; info-level logs) with this config file.
 * Its log (one access-log line a request) goes to a file in the bench's temporary directory.
 */
export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Started & { logFile: string }> {
  const name = `gateway-${++gateways}`;
  const configPath = join(workDir, `${name}.json`);
  writeFileSync(configPath, JSON.stringify(config));
  const logFile = join(workDir, `${name}.log`);
  const fd = openSync(logFile, 'w');
  const profileDir = options.cpuProfileDir ?? process.env.BENCH_CPU_PROFILE;
  const flags = [...startScriptFlags(options.root), ...(process.env.BENCH_GATEWAY_FLAGS ?? '').split(' ').filter(Boolean), ...(options.nodeFlags ?? [])];
  const execArgv = [...flags, ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])];
  const env = { ...startScriptEnv(options.root), PORT: '0', NUMTRUST_CONFIG: configPath, LOG_LEVEL: 'info', ...options.env };
  const child = launch([startScriptEntry(options.root)], env, fd, options, execArgv, options.root);
  closeSync(fd);
  const url = await urlFromFile(child, logFile, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 'gateway');
  return { ...started(child, url), logFile };
}

/** A bare node:http server answering every request with these bytes (bench/lib/bare-server.ts). */
export async function startBareServer(answer: { status: number; body: string; contentType: string }, placement: Placement = {}): Promise<Started> {
  const bodyFile = join(workDir, `bare-${Date.now()}.body`);
  writeFileSync(bodyFile, answer.body);
  const child = launch(
    ['bench/lib/bare-server.ts'],
    { BARE_BODY_FILE: bodyFile, BARE_STATUS: String(answer.status), BARE_CONTENT_TYPE: answer.contentType },
    'pipe',
    placement,
  );
  return started(child, await urlFromStdout(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 'bare server'));
}

/** Runs a child script to its end and parses the JSON it prints last. */
export async function runJsonChild<T>(args: string[], env: NodeJS.ProcessEnv, placement: Placement = {}): Promise<T> {
  const child = launch(args, env, 'pipe', placement);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${args.join(' ')} exited ${code}: ${output}`);
  return JSON.parse(output.trim().split('\n').at(-1)!) as T;
}

/** Resident memory of a process, MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** CPU time a process has used so far (user + system), ms (Linux /proc, clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // After "pid (comm) ", utime and stime are fields 12 and 13 (0-based), in clock ticks.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Runs `work` and tells the CPU time the process used meanwhile, µs per request. */
export async function cpuPerRequest<T extends { requests: number }>(pid: number, work: () => Promise<T>): Promise<T & { cpuUsPerRequest: number }> {
  const before = cpuMs(pid);
  const result = await work();
  return { ...result, cpuUsPerRequest: Math.round(((cpuMs(pid) - before) * 1000) / result.requests) };
}

/** Uses a started process and stops it afterwards, whatever happens. */
export async function using<S extends Started, T>(starting: Promise<S>, use: (started: S) => Promise<T>): Promise<T> {
  const process = await starting;
  try {
    return await use(process);
  } finally {
    await process.stop();
  }
}

/** What a bare server needs to repeat an answer the gateway gave. */
export function answerOf(response: { status: number; text: string; headers: Headers }): { status: number; body: string; contentType: string } {
  return { status: response.status, body: response.text, contentType: response.headers.get('content-type') ?? 'application/json' };
}
