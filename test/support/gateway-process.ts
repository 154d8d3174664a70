/**
 * The gateway as `npm start` runs it: built as `npm start` builds it (once a run, by the global
 * setup test/support/gateway-build.ts), then that build's node.js as a child process on ephemeral
 * ports, its output collected. Every child started here is tracked, so a test file's afterEach can
 * kill what is still running, by its own PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BANNER = /running on (http:\/\/[\d.]+:\d+) with the embedded mock carriers at (http:\/\/[\d.]+:\d+)/;
const FILE_BANNER = /numtrust listening on (http:\/\/[\d.]+:\d+)/;

export interface GatewayProcess {
  child: ChildProcess;
  output: () => string;
  gateway: string;
  mocks: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: ChildProcess[] = [];

/** Kills (SIGKILL) every child started here that is still running. */
export function killStartedGateways(): void {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** A child with the environment given (and only PATH of the test's own); its exit, whatever it prints. */
export function spawnGateway(env: Record<string, string>): Omit<GatewayProcess, 'gateway' | 'mocks'> {
  const child = spawn(process.execPath, [inject('builtGateway')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, PORT: '0', MOCKS_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited };
}

/** Starts the gateway and waits for its URLs (the embedded banner, or with a config file the `listening` line and `mocks`). */
export async function startGatewayProcess(env: Record<string, string>, mocks?: string): Promise<GatewayProcess> {
  const run = spawnGateway(env);
  const urls = await new Promise<string[]>((resolve, reject) => {
    const check = () => {
      const embedded = BANNER.exec(run.output());
      const fromFile = FILE_BANNER.exec(run.output());
      if (embedded) resolve([embedded[1]!, embedded[2]!]);
      else if (fromFile && mocks) resolve([fromFile[1]!, mocks]);
    };
    run.child.stdout!.on('data', check);
    void run.exited.then(({ code }) => reject(new Error(`the gateway exited (${code}) before listening:\n${run.output()}`)));
  });
  return { ...run, gateway: urls[0]!, mocks: urls[1]! };
}
