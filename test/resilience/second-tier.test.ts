/**
 * The second cache tier behind each instance's LRU (Workers' Cache API or KV in production; a
 * Map-backed store here): a fresh instance sharing the tier answers without an upstream call,
 * and a tier that throws, hangs or holds garbage never fails or blocks a request.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockNetwork, type RunningMockNetwork } from '../../mocks/network.ts';
import { generateApiKey } from '../../src/auth/api-keys.ts';
import { parseGatewayConfig } from '../../src/config/load.ts';
import type { GatewayConfig } from '../../src/config/schema.ts';
import { createGateway, type Gateway } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { runInRequestScope } from '../../src/contract/request-scope.ts';
import { SecondTier, type SharedAnswerStore } from '../../src/resilience/second-tier.ts';
import { embeddedConfig } from '../../src/runtime/embedded.ts';
import { cacheApiStore, kvStore, secondTierStoreFor } from '../../src/runtime/worker-stores.ts';
import { createUndiciHttpClient } from '../../src/runtime/undici-http.ts';
import { resetMockNetwork } from '../support/mock-carriers.ts';

const NUMBER = '+447700900001';
const SECRET = 'a-shared-number-key-secret-of-32-chars!';

class MapStore implements SharedAnswerStore {
  readonly entries = new Map<string, { value: string; ttlSeconds: number }>();
  async get(key: string) {
    return this.entries.get(key)?.value;
  }
  async put(key: string, value: string, ttlSeconds: number) {
    this.entries.set(key, { value, ttlSeconds });
  }
}

let network: RunningMockNetwork;
let apiKey: string;
const opened: Gateway[] = [];

function tierConfig(numberKeySecret: string | undefined = SECRET): GatewayConfig {
  const base = embeddedConfig(network.url, apiKey, 60);
  return { ...base, numberKeySecret, cache: { ...base.cache, secondTier: { store: 'kv', binding: 'ANSWERS', timeoutMs: 50 } } };
}

async function gatewayWith(store: SharedAnswerStore, config = tierConfig()): Promise<Gateway> {
  const gateway = await createGateway(config, { http: createUndiciHttpClient(), logger: createLogger({ write: () => {} }), secondTierStore: store });
  opened.push(gateway);
  return gateway;
}

/** One request as the Worker runs it: inside its own scope, background writes collected. */
async function check(gateway: Gateway, options: { awaitBackground: boolean } = { awaitBackground: true }) {
  const background: Promise<unknown>[] = [];
  const response = await runInRequestScope({ id: crypto.randomUUID(), waitUntil: (work) => background.push(work) }, () =>
    gateway.app.fetch(
      new Request('http://gateway/sim-swap/v2/check', {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'x-numtrust-provider': 'albion' },
        body: JSON.stringify({ phoneNumber: NUMBER, maxAge: 24 }),
      }),
    ),
  );
  if (options.awaitBackground) await Promise.all(background);
  return { status: response.status, body: await response.json() };
}

const upstreamCalls = () => network.stats.get('albion', 'sim-swap/v2/check');

beforeAll(async () => {
  network = await startMockNetwork({ port: 0 });
  apiKey = generateApiKey('nt_test_');
});
beforeEach(() => resetMockNetwork(network));
afterAll(async () => {
  await Promise.all(opened.map((gateway) => gateway.close()));
  await network.close();
});

describe('second cache tier', () => {
  it('a fresh instance answers from the tier without calling upstream', async () => {
    const store = new MapStore();
    const first = await check(await gatewayWith(store));
    expect(first).toEqual({ status: 200, body: { swapped: true } });
    const callsAfterFirst = upstreamCalls();
    expect(callsAfterFirst).toBe(1);
    expect(store.entries.size).toBe(1);
    const [key, entry] = [...store.entries][0]!;
    expect(key).not.toContain(NUMBER.slice(1));
    expect(entry.value).not.toContain(NUMBER.slice(1));
    expect(entry.ttlSeconds).toBe(60);

    const second = await check(await gatewayWith(store));
    expect(second).toEqual(first);
    expect(upstreamCalls()).toBe(callsAfterFirst);
  });

  it('instances with different number-key secrets never read each other’s entries', async () => {
    const store = new MapStore();
    await check(await gatewayWith(store, tierConfig(SECRET)));
    await check(await gatewayWith(store, tierConfig('another-secret-of-at-least-32-characters')));
    expect(upstreamCalls()).toBe(2);
    expect(store.entries.size).toBe(2);
  });

  it.each([
    ['throws on every call', { get: async () => Promise.reject(new Error('KV down')), put: async () => Promise.reject(new Error('KV down')) }],
    ['never answers', { get: () => new Promise<string>(() => {}), put: () => new Promise<void>(() => {}) }],
    ['holds garbage', { get: async () => '{"expiresAt":"soon","answer":', put: async () => {} }],
    ['holds an answer the gateway never keeps', { get: async () => JSON.stringify({ expiresAt: Date.now() + 60_000, answer: { outcome: { status: 'error' }, observedAt: 'x', latencyMs: 1 } }), put: async () => {} }],
  ])('a tier that %s never fails the request', async (_, store: SharedAnswerStore) => {
    const gateway = await gatewayWith(store);
    // A hanging write is the platform's to finish (waitUntil): the request does not wait for it.
    expect(await check(gateway, { awaitBackground: false })).toEqual({ status: 200, body: { swapped: true } });
    expect(upstreamCalls()).toBe(1);
  });

  it('an expired entry is a miss', async () => {
    const tier = new SecondTier({ store: new MapStore(), timeoutMs: 50 });
    const store = new MapStore();
    await store.put('k', JSON.stringify({ expiresAt: Date.now() - 1, answer: { outcome: { status: 'ok' }, observedAt: 'x', latencyMs: 1 } }), 60);
    const expiredTier = new SecondTier({ store, timeoutMs: 50 });
    expect(await expiredTier.recall('k')).toBeUndefined();
    expect(await tier.recall('k')).toBeUndefined();
    expect(expiredTier.failures).toBe(0);
  });

  it('a write that never finishes is given up, so it does not hold the request open', async () => {
    const tier = new SecondTier({ store: { get: async () => undefined, put: () => new Promise(() => {}) }, timeoutMs: 1 });
    const handed: Promise<unknown>[] = [];
    const answer = { outcome: { status: 'ok' }, observedAt: 'x', latencyMs: 1 } as never;
    runInRequestScope({ id: 'r', waitUntil: (work) => handed.push(work) }, () => tier.keep('k', answer, 60));
    expect(handed).toHaveLength(1);
    await handed[0];
    expect(tier.failures).toBe(1);
  });

  it('a lookup that runs out of time counts as a failure and a miss', async () => {
    const tier = new SecondTier({ store: { get: () => new Promise(() => {}), put: async () => {} }, timeoutMs: 5 });
    expect(await tier.recall('k')).toBeUndefined();
    expect(tier.failures).toBe(1);
  });
});

describe('second tier configuration', () => {
  it('needs a shared number-key secret', () => {
    const raw = { ...tierConfig(undefined) } as Record<string, unknown>;
    delete raw.numberKeySecret;
    expect(() => parseGatewayConfig(raw, {})).toThrow(/numberKeySecret/);
  });

  it('finds its store among the bindings, or says why not', () => {
    const kv = { get: async () => null, put: async () => {} };
    expect(typeof secondTierStoreFor({ store: 'kv', binding: 'ANSWERS', timeoutMs: 50 }, { ANSWERS: kv })).toBe('object');
    expect(secondTierStoreFor({ store: 'kv', binding: 'ANSWERS', timeoutMs: 50 }, {})).toMatch(/no KV namespace is bound as ANSWERS/);
    expect(secondTierStoreFor({ store: 'cache-api', timeoutMs: 50 }, {}, undefined)).toMatch(/Cache API/);
  });

  it('KV entries live at least 60 s (KV’s minimum); the Cache API is told the TTL', async () => {
    const puts: unknown[] = [];
    await kvStore({ get: async () => null, put: async (...args) => void puts.push(args) }).put('k', 'v', 5);
    expect(puts).toEqual([['k', 'v', { expirationTtl: 60 }]]);
    const cached: Response[] = [];
    const store = cacheApiStore({ match: async () => cached[0]?.clone(), put: async (_, response) => void cached.push(response) });
    await store.put('tenant|albion|sim_swap.check||abc', '{"x":1}', 30);
    expect(cached[0]!.headers.get('cache-control')).toBe('max-age=30');
    expect(await store.get('tenant|albion|sim_swap.check||abc')).toBe('{"x":1}');
  });
});
