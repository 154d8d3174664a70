/**
 * The stores a Worker can put behind `cache.secondTier`. Typed structurally (only what is used),
 * so the runtime-free code needs no Workers type definitions.
 */
import type { SecondTierConfig } from '../config/schema.ts';
import type { SharedAnswerStore } from '../resilience/second-tier.ts';

export interface CacheApiLike {
  match(request: Request): Promise<Response | undefined>;
  put(request: Request, response: Response): Promise<void>;
}

export interface KvNamespaceLike {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options: { expirationTtl: number }): Promise<void>;
}

/** Cache API entries are keyed by URL; this origin is never fetched, it only names the entries. */
const CACHE_KEY_ORIGIN = 'https://numtrust-second-tier.invalid/';

/** KV refuses expirations shorter than 60 s; fresher limits are kept inside the stored value. */
const KV_MIN_EXPIRATION_S = 60;

export function cacheApiStore(cache: CacheApiLike): SharedAnswerStore {
  const requestFor = (key: string) => new Request(CACHE_KEY_ORIGIN + encodeURIComponent(key));
  return {
    async get(key) {
      const response = await cache.match(requestFor(key));
      return response ? await response.text() : undefined;
    },
    async put(key, value, ttlSeconds) {
      const response = new Response(value, { headers: { 'content-type': 'application/json', 'cache-control': `max-age=${ttlSeconds}` } });
      await cache.put(requestFor(key), response);
    },
  };
}

export function kvStore(namespace: KvNamespaceLike): SharedAnswerStore {
  return {
    async get(key) {
      return (await namespace.get(key)) ?? undefined;
    },
    async put(key, value, ttlSeconds) {
      await namespace.put(key, value, { expirationTtl: Math.max(KV_MIN_EXPIRATION_S, ttlSeconds) });
    },
  };
}

function isKvNamespace(value: unknown): value is KvNamespaceLike {
  return typeof value === 'object' && value !== null && typeof (value as KvNamespaceLike).get === 'function' && typeof (value as KvNamespaceLike).put === 'function';
}

/** The store the config names, from the Worker's bindings; a reason instead when it is not there. */
export function secondTierStoreFor(
  tier: SecondTierConfig,
  bindings: Record<string, unknown>,
  platformCaches: { default?: CacheApiLike } | undefined = (globalThis as { caches?: { default?: CacheApiLike } }).caches,
): SharedAnswerStore | string {
  if (tier.store === 'kv') {
    const namespace = bindings[tier.binding];
    return isKvNamespace(namespace) ? kvStore(namespace) : `no KV namespace is bound as ${tier.binding}`;
  }
  return platformCaches?.default ? cacheApiStore(platformCaches.default) : 'the Cache API (caches.default) is not available';
}
