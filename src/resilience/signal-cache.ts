import { LRUCache } from 'lru-cache';
import type { OperationOutcome } from '../../adapters/types.ts';
import type { SignalKind } from '../engine/signals.ts';

export interface CachedAnswer {
  outcome: OperationOutcome;
  observedAt: string;
  latencyMs: number;
}

export interface SignalCacheSettings {
  maxEntries: number;
  /** Seconds an answer stays fresh, per signal kind; 0 disables caching for that kind. */
  ttlSeconds: Record<SignalKind, number>;
}

export const DEFAULT_CACHE_SETTINGS: SignalCacheSettings = {
  maxEntries: 50_000,
  ttlSeconds: {
    sim_swap: 60,
    device_swap: 60,
    call_forwarding: 60,
    // Whether a handset is on a call right now changes by the second.
    call_state: 0,
    number_verification: 0,
    reachability: 30,
    roaming: 60,
  },
};

/**
 * A tenant's cache of definite upstream answers. Only definite answers are stored (ok, not_found,
 * not_supported): failures and 'unavailable' never are, so an outage is never remembered as a fact.
 */
export class SignalCache {
  private readonly lru: LRUCache<string, CachedAnswer>;
  private readonly settings: SignalCacheSettings;
  private hitCount = 0;
  private missCount = 0;

  constructor(settings: SignalCacheSettings = DEFAULT_CACHE_SETTINGS) {
    this.settings = settings;
    this.lru = new LRUCache<string, CachedAnswer>({ max: settings.maxEntries, ttlAutopurge: false });
  }

  get(key: string): CachedAnswer | undefined {
    const answer = this.lru.get(key);
    if (answer) this.hitCount++;
    else this.missCount++;
    return answer;
  }

  set(kind: SignalKind, key: string, answer: CachedAnswer): void {
    const ttlSeconds = this.settings.ttlSeconds[kind];
    if (!ttlSeconds || ttlSeconds <= 0) return;
    if (answer.outcome.status === 'rejected') return;
    this.lru.set(key, answer, { ttl: ttlSeconds * 1000 });
  }

  get size(): number {
    return this.lru.size;
  }

  get hits(): number {
    return this.hitCount;
  }

  get misses(): number {
    return this.missCount;
  }

  clear(): void {
    this.lru.clear();
  }
}
