import { LRUCache } from 'lru-cache';
import { entrySizer, type EntrySizeModel } from './approximate-size.ts';
import { ExpirySweep } from './expiry-sweep.ts';

/** lru-cache keeps sizes only with a `maxSize`: one it never reaches (the bound is `max`, in entries). */
const UNBOUNDED_SIZE = Number.MAX_SAFE_INTEGER;

export interface ExpiringLruOptions {
  max: number;
  /** The clock entries expire by (milliseconds). */
  now: () => number;
  /** How the heap an entry holds is estimated (approximateBytes). */
  size: EntrySizeModel;
}

/**
 * An LRU whose entries each have a TTL, that deletes them soon after they expire (ExpirySweep)
 * and knows roughly how much heap they hold: the one shape of the answer and verdict caches.
 */
export class ExpiringLru<V extends object> {
  private readonly lru: LRUCache<string, V>;
  private readonly expiry: ExpirySweep<V>;

  constructor(options: ExpiringLruOptions) {
    this.lru = new LRUCache<string, V>({
      max: options.max,
      ttlAutopurge: false,
      // Staleness on the given clock at every read, not on one cached for a millisecond.
      ttlResolution: 0,
      perf: { now: options.now },
      maxSize: UNBOUNDED_SIZE,
      sizeCalculation: entrySizer(options.size),
    });
    this.expiry = new ExpirySweep(this.lru, options.now);
  }

  get(key: string): V | undefined {
    return this.lru.get(key);
  }

  set(key: string, value: V, ttlMs: number): void {
    this.lru.set(key, value, { ttl: ttlMs });
    this.expiry.written(key, ttlMs);
  }

  /** Milliseconds until the key's entry expires; 0 when there is none. */
  remainingMs(key: string): number {
    return this.lru.getRemainingTTL(key);
  }

  clear(): void {
    this.lru.clear();
  }

  get size(): number {
    return this.lru.size;
  }

  /** Heap the entries hold, approximately (entrySizer). */
  get approximateBytes(): number {
    return this.lru.calculatedSize;
  }
}
