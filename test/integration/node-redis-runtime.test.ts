/**
 * `npm start` with a Redis shared state: the real process (the built gateway) in embedded mode,
 * configured by the environment shortcuts alone. It keeps its sessions in Redis, starts (and
 * answers 503 where it must) while the server is unreachable, and exits 0 on SIGTERM with the
 * client closed. A Durable Objects shared state is refused at start with a clear message.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { embeddedConfig } from '../../src/runtime/embedded.ts';
import { killStartedGateways, spawnGateway, startGatewayProcess } from '../support/gateway-process.ts';
import { rawCommand, redisTestsRun, startRedisServer } from '../support/redis-server.ts';

const API_KEY = 'nt_redis_runtime_key_0123456789';
const SECRET = 'a-runtime-number-key-secret-of-32-chars';

afterEach(killStartedGateways);

async function createSession(gateway: string) {
  const response = await fetch(`${gateway}/v1/number-verification/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ phoneNumber: '+447700900002' }),
  });
  return { status: response.status, body: (await response.json()) as { sessionId?: string; code?: string } };
}

const logLines = (output: string) => output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string; level: string });

describe.skipIf(!redisTestsRun)('npm start with NUMTRUST_REDIS_URL', () => {
  it('keeps sessions in Redis under the default prefix, logs no warning, and exits 0 on SIGTERM', async () => {
    const redis = await startRedisServer();
    try {
      const run = await startGatewayProcess({ NUMTRUST_API_KEY: API_KEY, NUMTRUST_REDIS_URL: redis.url, NUMTRUST_NUMBER_KEY_SECRET: SECRET });
      const created = await createSession(run.gateway);
      expect(created.status).toBe(201);
      expect(await rawCommand(redis.port, ['EXISTS', `numtrust:nv:${created.body.sessionId}`])).toBe(1);
      run.child.kill('SIGTERM');
      expect(await run.exited).toEqual({ code: 0, signal: null });
      const lines = logLines(run.output());
      expect(lines.find((line) => line.msg === 'shared state: Redis')).toMatchObject({ connected: true, keyPrefix: 'numtrust:' });
      expect(lines.filter((line) => line.level === 'warn' || line.level === 'error')).toEqual([]);
    } finally {
      await redis.stop();
    }
  });

  it('starts while the server is unreachable: sessions answer 503, nothing crashes, SIGTERM exits 0', async () => {
    const gone = await startRedisServer();
    await gone.stop();
    const run = await startGatewayProcess({ NUMTRUST_API_KEY: API_KEY, NUMTRUST_REDIS_URL: gone.url, NUMTRUST_NUMBER_KEY_SECRET: SECRET });
    expect((await fetch(`${run.gateway}/health`)).status).toBe(200);
    expect(await createSession(run.gateway)).toMatchObject({ status: 503, body: { code: 'UNAVAILABLE' } });
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    const unreachable = logLines(run.output()).filter((line) => line.msg.includes('cannot be reached'));
    expect(unreachable).toHaveLength(1);
  });
});

describe('sharedState on Node', () => {
  it('"durable-objects" is refused at start, with what to use instead', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'numtrust-do-'));
    try {
      const path = join(directory, 'config.json');
      const config = embeddedConfig('http://127.0.0.1:9', API_KEY);
      await writeFile(path, JSON.stringify({ ...config, numberKeySecret: SECRET, sharedState: { kind: 'durable-objects' } }));
      const run = spawnGateway({ NUMTRUST_CONFIG: path });
      expect(await run.exited).toEqual({ code: 1, signal: null });
      expect(run.output()).toMatch(/durable-objects.*Cloudflare Workers only.*"redis"/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
