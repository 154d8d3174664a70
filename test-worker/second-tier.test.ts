/**
 * The second cache tier inside workerd, with miniflare's caches.default and KV namespace: an answer
 * is served from the tier once the in-memory LRU is gone (a fresh gateway, as in another isolate
 * or after an eviction), only under the same numberKeySecret; a tier that throws, hangs or is not
 * bound never fails a request.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { GatewayConfig } from '../src/config/schema.ts';
import { withCacheTtl, withOperatorsOnly } from '../test/support/config-variants.ts';
import { mockWorld } from './support/mock-world.ts';
import { workerClient, type WorkerClientOptions } from './support/worker-client.ts';

const world = mockWorld();
const CHECK = 'sim-swap/v2/check';
const KV_BINDING = 'NUMTRUST_ANSWERS';

type TierChoice = { store: 'cache-api' } | { store: 'kv'; binding: string };

function tieredWorker(secondTier: TierChoice, options: WorkerClientOptions = {}) {
  return workerClient({
    ...options,
    configure: (config: GatewayConfig) => {
      const cached = withOperatorsOnly(withCacheTtl(config, 60));
      return { ...cached, cache: { ...cached.cache, secondTier: { timeoutMs: 50, ...secondTier } } };
    },
  });
}

beforeEach(async () => {
  await world.clearFaults();
  await world.resetStats();
});

describe.each([
  ['the Cache API (caches.default)', { store: 'cache-api' as const }],
  ['a KV namespace', { store: 'kv' as const, binding: KV_BINDING }],
])('second tier in %s', (_name, tier) => {
  it('serves the answer to a fresh gateway without calling the operator again', async () => {
    const body = { phoneNumber: '+447700900503', maxAge: 100 + tier.store.length };
    const first = await tieredWorker(tier).post('/sim-swap/v2/check', body);
    expect(first.status, first.text).toBe(200);
    expect(first.headers.get('x-numtrust-cache')).toBe('miss');
    expect(await world.count('brightwave', CHECK)).toBe(1);

    const fresh = await tieredWorker(tier).post('/sim-swap/v2/check', body);
    expect(fresh.status).toBe(200);
    expect(fresh.body).toEqual(first.body);
    expect(fresh.headers.get('x-numtrust-cache')).toBe('hit');
    expect(await world.count('brightwave', CHECK)).toBe(1);
  });

  it('misses under another numberKeySecret: the keys are the same only for the same secret', async () => {
    const body = { phoneNumber: '+447700900504', maxAge: 110 + tier.store.length };
    await tieredWorker(tier).post('/sim-swap/v2/check', body);
    const otherSecret = tieredWorker(tier, { bindings: { NUMTRUST_NUMBER_KEY_SECRET: 'another-secret-of-at-least-32-characters' } });
    const answer = await otherSecret.post('/sim-swap/v2/check', body);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-numtrust-cache')).toBe('miss');
    expect(await world.count('brightwave', CHECK)).toBe(2);
  });
});

describe('a failing second tier never fails a request', () => {
  const failingStores = {
    throws: { get: async () => Promise.reject(new Error('KV is down')), put: async () => Promise.reject(new Error('KV is down')) },
    hangs: { get: () => new Promise<never>(() => {}), put: () => new Promise<never>(() => {}) },
    'answers garbage': { get: async () => '{"expiresAt": "soon", "answer": 42}', put: async () => {} },
  };

  it.each(Object.entries(failingStores))('a KV namespace that %s: the operator answers', async (_how, namespace) => {
    // A write that hangs would hold ctx.waitUntil open (the platform ends it 30 s after the answer): the answer itself is what counts.
    const worker = tieredWorker({ store: 'kv', binding: KV_BINDING }, { bindings: { [KV_BINDING]: namespace }, awaitBackgroundWork: false });
    const response = await worker.post('/sim-swap/v2/check', { phoneNumber: '+447700900502', maxAge: 24 });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({ swapped: expect.any(Boolean) });
    expect(await world.count('brightwave', CHECK)).toBe(1);
  });

  it('without the KV binding the gateway answers without the tier', async () => {
    const worker = tieredWorker({ store: 'kv', binding: 'NOT_BOUND' });
    const response = await worker.post('/sim-swap/v2/check', { phoneNumber: '+447700900502', maxAge: 25 });
    expect(response.status, response.text).toBe(200);
  });
});
