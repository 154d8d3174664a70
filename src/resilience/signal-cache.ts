import type { OperationOutcome } from '../contract/adapter.ts';
import type { SignalKind } from '../contract/signals.ts';
import type { SecondTier } from './second-tier.ts';
import { ExpiringLru } from './expiring-lru.ts';
import type { EntrySizeModel } from './approximate-size.ts';

/** Measured: 290 bytes an entry freed for keys of 65 and answers of 178 JSON characters on average. */
const ANSWER_SIZE: EntrySizeModel = { perEntryBytes: 48, perCharacterBytes: 1 };

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
    // A line changes type only when the number is ported (to a VoIP service, say): an hour keeps
    // a contact centre's repeated calls from asking again, and shows a port within the hour.
    line_type: 3_600,
  },
};

export interface SignalCacheOptions {
  tier?: { shared: SecondTier; namespace: string };
  /** The clock answers expire by (milliseconds, monotonic); performance.now by default. */
  now?: () => number;
}

/**
 * A tenant's cache of upstream answers: what the provider said (ok, not_found, not_supported) or
 * refused to answer for this very request (`rejected`: a look-back beyond its window, which the
 * same request would get again, and which sends the chain on to the next provider without an
 * upstream call while it is fresh). Failures and 'unavailable' never are, so an outage is never
 * remembered as a fact.
 * With a second tier, answers are also kept there (under the tenant's namespace) and a miss in
 * memory may be recalled from it.
 */
export class SignalCache {
  private readonly lru: ExpiringLru<CachedAnswer>;
  private readonly settings: SignalCacheSettings;
  private readonly tier: { shared: SecondTier; namespace: string } | undefined;
  private hitCount = 0;
  private missCount = 0;

  constructor(settings: SignalCacheSettings = DEFAULT_CACHE_SETTINGS, options: SignalCacheOptions = {}) {
    this.settings = settings;
    this.tier = options.tier;
    this.lru = new ExpiringLru({ max: settings.maxEntries, now: options.now ?? (() => performance.now()), size: ANSWER_SIZE });
  }

  /** After a miss in memory: the second tier's answer, now also kept in memory for what is left of its freshness. */
  async recall(kind: SignalKind, key: string): Promise<CachedAnswer | undefined> {
    if (!this.tier || !(this.settings.ttlSeconds[kind] > 0)) return undefined;
    const recalled = await this.tier.shared.recall(`${this.tier.namespace}|${key}`);
    if (!recalled) return undefined;
    this.lru.set(key, recalled.answer, recalled.ttlMs);
    return recalled.answer;
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
    this.lru.set(key, answer, ttlSeconds * 1000);
    this.tier?.shared.keep(`${this.tier.namespace}|${key}`, answer, ttlSeconds);
  }

  get size(): number {
    return this.lru.size;
  }

  /** Heap the entries hold, approximately (entrySizer). */
  get approximateBytes(): number {
    return this.lru.approximateBytes;
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
