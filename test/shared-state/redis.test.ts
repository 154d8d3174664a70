/**
 * The shared-state contract against the Redis implementation on a real server (valkey-server or
 * redis-server, started here), each test with its own key prefix; then what only this store has:
 * the answer tier, the bounded wait for a server that is not there, and recovery after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../src/observability/logger.ts';
import { redisSharedState, type RedisSharedState } from '../../src/runtime/redis-state.ts';
import { rawCommand, redisTestsRun, startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { describeSharedStateContract, sessionFor } from './contract.ts';

let server: RedisServer | undefined;
const opened: RedisSharedState[] = [];
let prefixes = 0;

const newPrefix = () => `test${process.pid}:${prefixes++}:`;

function stateOn(url: string, keyPrefix = newPrefix(), logger = silentLogger): RedisSharedState {
  const state = redisSharedState({ kind: 'redis', url, keyPrefix, timeoutMs: 50, sessionTimeoutMs: 1_000 }, { logger });
  opened.push(state);
  return state;
}

async function openState(keyPrefix = newPrefix()): Promise<RedisSharedState> {
  if (!server) throw new Error('the Redis server was not started');
  const state = stateOn(server.url, keyPrefix);
  expect(await state.ready(5_000)).toBe(true);
  return state;
}

/** Polls `work` until it resolves (bounded: 100 tries, 50 ms apart). */
async function eventually<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe.skipIf(!redisTestsRun)('Redis shared state', () => {
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(opened.map((state) => state.close()));
    await server?.stop();
  });

  describeSharedStateContract('Redis', { state: () => openState() });

  it('keeps answers for their TTL under the prefix, and a zero TTL keeps nothing', async () => {
    const { answers } = await openState();
    const other = await openState();
    await answers.put('tenant|hmac-key', '{"x":1}', 60);
    await answers.put('tenant|no-ttl', '{"x":2}', 0);
    expect(await answers.get('tenant|hmac-key')).toBe('{"x":1}');
    expect(await answers.get('tenant|no-ttl')).toBeUndefined();
    expect(await other.answers.get('tenant|hmac-key')).toBeUndefined();
  });

  it('writes every key under the prefix, each with an expiry', async () => {
    const prefix = newPrefix();
    const state = await openState(prefix);
    await state.rateLimits.take('t1', { requestsPerSecond: 1, burst: 5 });
    await state.quotas.tryTake('t1', 20_000, 3);
    await state.quotas.add('t1', 20_000, -5);
    const session = sessionFor('t1');
    await state.sessions.create(session, { retainUntil: Date.now() + 60_000, maxPerTenant: 3 });
    await state.sessions.claimCallback(session.id);
    await state.sessions.finish(session.id, { status: 'verified', completedAt: Date.now() }, Date.now() + 60_000);
    await state.answers.put('t1|hmac', '{}', 60);
    const keys = (await rawCommand(server!.port, ['KEYS', `${prefix}*`])) as string[];
    expect(keys.sort()).toEqual([`${prefix}answer:t1|hmac`, `${prefix}nv-tenant:t1`, `${prefix}nv:${session.id}`, `${prefix}quota:t1:20000`, `${prefix}rate:t1`]);
    for (const key of keys) expect(await rawCommand(server!.port, ['PTTL', key]), key).toBeGreaterThan(0);
    // Given back below zero, a count stays at zero.
    expect(await state.quotas.used('t1', 20_000)).toBe(0);
  });

  it('fails at once while the server is unreachable, reconnects by itself, and logs the outage once', async () => {
    const own = await startRedisServer();
    const lines: string[] = [];
    const state = stateOn(own.url, newPrefix(), createLogger({ write: (line) => lines.push(line) }));
    try {
      expect(await state.ready(5_000)).toBe(true);
      expect(await state.quotas.tryTake('t', 1, 5)).toBe(true);
      await own.stop();
      // Rejected, not queued: several calls while the client retries in the background.
      for (let i = 0; i < 5; i++) await expect(state.quotas.used('t', 1)).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await own.restart();
      // The restarted server is empty (no persistence): the count starts again.
      expect(await eventually(() => state.quotas.used('t', 1))).toBe(0);
      expect(await state.quotas.tryTake('t', 1, 5)).toBe(true);
      // A command answers only once the client is ready again, and 'ready' logs the recovery.
      const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages.filter((message) => message.includes('cannot be reached'))).toHaveLength(1);
      expect(messages.filter((message) => message.includes('reachable again'))).toHaveLength(1);
      expect(lines.join('\n')).not.toContain(own.url);
    } finally {
      await state.close();
      await own.stop();
    }
  });

  it('starts without a server: ready says no within its bound, calls fail, close returns', async () => {
    const nowhere = await startRedisServer();
    await nowhere.stop();
    const state = stateOn(nowhere.url);
    expect(await state.ready(200)).toBe(false);
    await expect(state.rateLimits.take('t', { requestsPerSecond: 1, burst: 1 })).rejects.toThrow();
    await state.close();
  });
});
