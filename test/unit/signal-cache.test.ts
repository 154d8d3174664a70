import { describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_SETTINGS, SignalCache } from '../../src/resilience/signal-cache.ts';

const SETTINGS = { ...DEFAULT_CACHE_SETTINGS, ttlSeconds: { ...DEFAULT_CACHE_SETTINGS.ttlSeconds, sim_swap: 60, roaming: 60, line_type: 3600 } };
const ANSWER = { outcome: { status: 'not_found' as const, message: 'unknown number' }, observedAt: '2026-12-05T10:00:00.000Z', latencyMs: 12 };

describe('the signal cache', () => {
  it('deletes answers nobody reads soon after they expire (on a later write), and keeps the fresh ones', () => {
    let clock = 1_000_000;
    const cache = new SignalCache(SETTINGS, { now: () => clock });
    for (let index = 0; index < 100; index++) cache.set('sim_swap', `p|sim_swap.check|k${index}`, ANSWER);
    cache.set('line_type', 'p|line_type.lookup|k0', ANSWER);
    expect(cache.size).toBe(101);
    clock += 59_000;
    cache.set('roaming', 'p|roaming.retrieve|k0', ANSWER);
    expect(cache.size).toBe(102);
    clock += 2_000;
    cache.set('roaming', 'p|roaming.retrieve|k1', ANSWER);
    expect(cache.size).toBe(3);
    expect(cache.get('p|line_type.lookup|k0')).toEqual(ANSWER);
    expect(cache.get('p|roaming.retrieve|k0')).toEqual(ANSWER);
  });

  it('leaves alone an answer written again since, until its own expiry', () => {
    let clock = 1_000_000;
    const cache = new SignalCache(SETTINGS, { now: () => clock });
    cache.set('sim_swap', 'p|sim_swap.check|k1', ANSWER);
    clock += 30_000;
    cache.set('sim_swap', 'p|sim_swap.check|k1', ANSWER);
    clock += 31_000;
    cache.set('roaming', 'p|roaming.retrieve|k1', ANSWER);
    expect(cache.get('p|sim_swap.check|k1')).toEqual(ANSWER);
    clock += 30_000;
    cache.set('roaming', 'p|roaming.retrieve|k2', ANSWER);
    expect(cache.get('p|sim_swap.check|k1')).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('sweeps after a long quiet or a clock that jumps ahead', () => {
    let clock = 1_000_000;
    const cache = new SignalCache(SETTINGS, { now: () => clock });
    cache.set('sim_swap', 'p|sim_swap.check|k1', ANSWER);
    clock += 10 * 365 * 86_400_000;
    cache.set('sim_swap', 'p|sim_swap.check|k2', ANSWER);
    expect(cache.size).toBe(1);
  });
});

describe('the signal cache\'s approximate heap', () => {
  it('grows with what is kept and falls back as entries leave', () => {
    let clock = 1_000_000;
    const cache = new SignalCache(SETTINGS, { now: () => clock });
    expect(cache.approximateBytes).toBe(0);
    cache.set('sim_swap', 'p|sim_swap.check|k1', ANSWER);
    const one = cache.approximateBytes;
    expect(one).toBeGreaterThan('p|sim_swap.check|k1'.length + JSON.stringify(ANSWER).length);
    cache.set('sim_swap', 'p|sim_swap.check|k2', { ...ANSWER, outcome: { status: 'not_found', message: 'x'.repeat(1000) } });
    expect(cache.approximateBytes).toBeGreaterThan(one + 1000);
    clock += 61_000;
    cache.set('roaming', 'p|roaming.retrieve|k1', ANSWER);
    expect(cache.approximateBytes).toBeLessThan(one + 100);
    cache.clear();
    expect(cache.approximateBytes).toBe(0);
  });
});
