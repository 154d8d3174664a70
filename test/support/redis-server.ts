/**
 * A real Redis-protocol server for the tests and the bench: `valkey-server` if on PATH, else
 * `redis-server`, on 127.0.0.1 at a free port picked here (`--port 0` means "no TCP" to Redis),
 * without persistence, stopped by its own PID. It can be stopped and started again on the same
 * port (the outage tests). No vitest here: the bench uses it too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer, connect } from 'node:net';
import { delimiter, join } from 'node:path';

const BINARIES = ['valkey-server', 'redis-server'];
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 10_000;

/** The first server binary on PATH, or undefined. */
export function redisServerBinary(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of BINARIES) {
    for (const dir of dirs) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** NUMTRUST_REQUIRE_REDIS=1 (CI): a missing server fails the tests instead of skipping them. */
export const redisRequired = process.env.NUMTRUST_REQUIRE_REDIS === '1';

export const REDIS_MISSING_LINE =
  'no valkey-server or redis-server on PATH: the Redis shared-state tests are skipped (apt-get install redis-server; NUMTRUST_REQUIRE_REDIS=1 makes them fail instead)';

/** Whether the Redis tests run here: they skip only when no server exists and none is required. */
export const redisTestsRun = redisServerBinary() !== undefined || redisRequired;

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM to its PID, SIGKILL after 5 s); idempotent. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after stop()). */
  restart(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

type Reply = string | number | null | Reply[];

/** One RESP2 reply from the front of `text`, with where it ends; undefined while incomplete. */
function parseReply(text: string, at = 0): { value: Reply; end: number } | undefined {
  const lineEnd = text.indexOf('\r\n', at);
  if (lineEnd < 0) return undefined;
  const head = text.slice(at + 1, lineEnd);
  switch (text[at]) {
    case '+':
      return { value: head, end: lineEnd + 2 };
    case '-':
      throw new Error(head);
    case ':':
      return { value: Number(head), end: lineEnd + 2 };
    case '$': {
      const length = Number(head);
      if (length < 0) return { value: null, end: lineEnd + 2 };
      const start = lineEnd + 2;
      return text.length < start + length + 2 ? undefined : { value: text.slice(start, start + length), end: start + length + 2 };
    }
    case '*': {
      const items: Reply[] = [];
      let end = lineEnd + 2;
      for (let i = 0; i < Number(head); i++) {
        const item = parseReply(text, end);
        if (!item) return undefined;
        items.push(item.value);
        end = item.end;
      }
      return { value: items, end };
    }
    default:
      throw new Error(`unexpected reply: ${text.slice(at, at + 40)}`);
  }
}

/**
 * One command over a bare socket (RESP2, ASCII replies), for checks that go around the gateway's
 * client: which keys exist, their expiry. Rejects on no connection, an error reply, or no reply in 1 s.
 */
export function rawCommand(port: number, args: readonly string[]): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, HOST);
    let text = '';
    const settle = (outcome: () => void) => {
      socket.destroy();
      outcome();
    };
    socket.setTimeout(1_000, () => settle(() => reject(new Error('no reply within 1 s'))));
    socket.once('error', (error) => settle(() => reject(error)));
    socket.once('connect', () => socket.write(`*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`));
    socket.on('data', (data) => {
      text += data.toString();
      try {
        const reply = parseReply(text);
        if (reply) settle(() => resolve(reply.value));
      } catch (error) {
        settle(() => reject(error));
      }
    });
  });
}

const pings = (port: number) => rawCommand(port, ['PING']).then((reply) => reply === 'PONG', () => false);

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function launch(binary: string, port: number, cpu: number | undefined): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--loglevel', 'warning'];
  // taskset execs the server, so the PID held is the server's own.
  const child = cpu === undefined ? spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] }) : spawn('taskset', ['-c', String(cpu), binary, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));
  spawnFailed.catch(() => undefined);
  for (let waited = 0; waited < START_TIMEOUT_MS; waited += 25) {
    if (child.exitCode !== null) throw new Error(`${binary} exited (${child.exitCode}) on port ${port}: ${stderr.trim()}`);
    if (await Promise.race([pings(port), spawnFailed])) return child;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`${binary} did not answer on port ${port} within ${START_TIMEOUT_MS} ms: ${stderr.trim()}`);
}

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = exited(child);
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await gone;
  clearTimeout(killer);
}

/** `cpu`: pinned to that CPU (taskset -c), for the bench. */
export async function startRedisServer(options: { cpu?: number } = {}): Promise<RedisServer> {
  const binary = redisServerBinary();
  if (!binary) throw new Error('no valkey-server or redis-server on PATH, and NUMTRUST_REQUIRE_REDIS=1 requires one (apt-get install redis-server)');
  // The port is free when picked; another process may take it before the server binds, so a few tries.
  let port = 0;
  let child: ChildProcess | undefined;
  for (let attempt = 1; !child; attempt++) {
    port = await freePort();
    try {
      child = await launch(binary, port, options.cpu);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
  // A test process that dies without stop() leaves no server behind.
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    url: `redis://${HOST}:${port}`,
    port,
    stop: async () => {
      await stopChild(child);
      child = undefined;
      process.off('exit', killOnExit);
    },
    restart: async () => {
      await stopChild(child);
      child = await launch(binary, port, options.cpu);
      process.off('exit', killOnExit);
      process.once('exit', killOnExit);
    },
  };
}
