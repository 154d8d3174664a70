import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CACHE_SETTINGS, SignalCache } from '../../src/resilience/signal-cache.ts';

const SETTINGS = { ...DEFAULT_CACHE_SETTINGS, ttlSeconds: { ...DEFAULT_CACHE_SETTINGS.ttlSeconds, sim_swap: 1, line_type: 3600 } };
const ANSWER = { outcome: { status: 'not_found' as const, message: 'unknown number' }, observedAt: new Date().toISOString(), latencyMs: 12 };

describe('the signal cache', () => {
  // lru-cache times entries by its own performance.now, which fake timers do not reach: this waits a real second.
  it('with expiry timers, drops an answer as it expires, without being read, and keeps the unexpired', async () => {
    const cache = new SignalCache(SETTINGS, { expiryTimers: true });
    cache.set('sim_swap', 'acme|p|sim_swap.check|k1', ANSWER);
    cache.set('line_type', 'acme|p|line_type.lookup|k1', ANSWER);
    expect(cache.size).toBe(2);
    await vi.waitFor(() => expect(cache.size).toBe(1), { timeout: 5_000, interval: 100 });
    expect(cache.get('acme|p|line_type.lookup|k1')).toEqual(ANSWER);
  });

  it('without them, an expired answer is never served', async () => {
    const cache = new SignalCache(SETTINGS);
    cache.set('sim_swap', 'acme|p|sim_swap.check|k1', ANSWER);
    await vi.waitFor(() => expect(cache.get('acme|p|sim_swap.check|k1')).toBeUndefined(), { timeout: 5_000, interval: 100 });
    expect(cache.size).toBe(0);
  });
});
