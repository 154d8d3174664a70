import type { LRUCache } from 'lru-cache';

/**
 * Deletes a TTL cache's entries soon after they expire. lru-cache never serves an expired entry,
 * but unless told to purge it keeps it, memory and all, until its LRU order evicts it: a full cache
 * stays full whatever the TTLs. Its own `ttlAutopurge` sets a timer per entry (~260 bytes each,
 * half an answer's size, and timers do not outlive a request on Workers). This keeps each key in
 * a list per second of expiry instead and, at most once a second, when an entry is written,
 * deletes the keys whose second has passed and that are still expired (a key written again since
 * has a later second of its own). A key the LRU evicted stays listed until its second: at most
 * twice the cache's `max` keys are listed, beyond which a new key is left to the LRU alone.
 */
export class ExpirySweep<V extends object> {
  private readonly lru: LRUCache<string, V>;
  /** The cache's own clock (its `perf.now`): expiry is judged on the same time. */
  private readonly now: () => number;
  private readonly dueBySecond = new Map<number, string[]>();
  private readonly maxListed: number;
  private listed = 0;
  private sweptThrough: number;

  constructor(lru: LRUCache<string, V>, now: () => number) {
    this.lru = lru;
    this.now = now;
    this.maxListed = 2 * lru.max;
    this.sweptThrough = Math.floor(now() / 1000);
  }

  /** Keys waiting for their second (evicted ones included). */
  get listedKeys(): number {
    return this.listed;
  }

  /** Call after setting `key` with `ttlMs`. */
  written(key: string, ttlMs: number): void {
    const now = this.now();
    this.sweep(Math.floor(now / 1000));
    if (this.listed < this.maxListed) this.list(key, Math.ceil((now + ttlMs) / 1000));
  }

  private list(key: string, second: number): void {
    const due = this.dueBySecond.get(second);
    if (due) due.push(key);
    else this.dueBySecond.set(second, [key]);
    this.listed++;
  }

  private sweep(current: number): void {
    if (current <= this.sweptThrough) return;
    for (const second of this.secondsDue(current)) {
      const due = this.dueBySecond.get(second);
      if (!due) continue;
      this.dueBySecond.delete(second);
      this.listed -= due.length;
      // has() is false for an expired entry and does not delete it; delete() of a key already gone does nothing.
      for (const key of due) if (!this.lru.has(key)) this.lru.delete(key);
    }
    this.sweptThrough = current;
  }

  /** The seconds since the last sweep, or after a long quiet (or a clock's jump) the pending seconds that are due. */
  private secondsDue(current: number): Iterable<number> {
    if (current - this.sweptThrough > this.dueBySecond.size) return [...this.dueBySecond.keys()].filter((second) => second <= current);
    return Array.from({ length: current - this.sweptThrough }, (_, offset) => this.sweptThrough + 1 + offset);
  }
}
