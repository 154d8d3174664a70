import { LRUCache } from 'lru-cache';
import { describe, expect, it } from 'vitest';
import { ExpirySweep } from '../../src/resilience/expiry-sweep.ts';

function cacheWithSweep(max: number) {
  let clock = 5_000_000;
  const lru = new LRUCache<string, object>({ max, ttlResolution: 0, perf: { now: () => clock } });
  const sweep = new ExpirySweep(lru, () => clock);
  const set = (key: string, ttlMs: number) => {
    lru.set(key, { key }, { ttl: ttlMs });
    sweep.written(key, ttlMs);
  };
  return { lru, sweep, set, advance: (ms: number) => (clock += ms) };
}

describe('the expiry sweep', () => {
  it('lists at most twice the cache\'s bound, so keys the LRU evicted cannot pile up over a long TTL', () => {
    const { lru, sweep, set, advance } = cacheWithSweep(10);
    for (let index = 0; index < 1_000; index++) set(`k${index}`, 3_600_000);
    expect(lru.size).toBe(10);
    expect(sweep.listedKeys).toBe(20);
    advance(3_601_000);
    set('after', 60_000);
    expect(sweep.listedKeys).toBe(1);
    // The keys past the list were left to the LRU: none is served expired.
    expect([...lru.keys()]).toEqual(['after']);
  });

  it('sweeps only the seconds that have passed', () => {
    const { lru, sweep, set, advance } = cacheWithSweep(100);
    set('short', 1_000);
    set('long', 10_000);
    advance(2_000);
    set('trigger', 60_000);
    expect([...lru.keys()].sort()).toEqual(['long', 'trigger']);
    expect(sweep.listedKeys).toBe(2);
  });
});
