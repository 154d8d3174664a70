/**
 * The retry mechanism on its own: which failures are retried, how long it waits, when it stops
 * for the deadline, and the per-provider budget. Waits are recorded, never slept.
 */
import { describe, expect, it } from 'vitest';
import { UpstreamError, type UpstreamFailure } from '../../src/contract/adapter.ts';
import { BreakerOpenError, CutShortError } from '../../src/resilience/breaker.ts';
import { ExtraCallBudget } from '../../src/resilience/extra-call-budget.ts';
import { fullJitterBackoff, Retrier, type RetrySettingsInput } from '../../src/resilience/retry.ts';

interface Harness {
  retrier: Retrier;
  waits: number[];
  clock: { now: number };
}

function harness(settings: RetrySettingsInput = {}, random: () => number = () => 0.5): Harness {
  const waits: number[] = [];
  const clock = { now: 1_000_000 };
  const retrier = new Retrier(settings, {
    now: () => clock.now,
    random,
    sleep: async (ms, signal) => {
      if (signal.aborted) throw signal.reason;
      waits.push(ms);
      clock.now += ms;
    },
  });
  return { retrier, waits, clock };
}

/** An attempt that fails `failures` times with `error`, then answers 'ok'; counts its calls. */
function flaky(error: () => unknown, failures = Infinity) {
  const counter = { calls: 0 };
  const attempt = async () => {
    counter.calls++;
    if (counter.calls <= failures) throw error();
    return 'ok';
  };
  return { counter, attempt };
}

const failure = (kind: UpstreamFailure, retryAfterMs?: number) => () =>
  new UpstreamError('p', kind, `provider ${kind}`, retryAfterMs === undefined ? {} : { retryAfterMs });

function job<T>(h: Harness, attempt: () => Promise<T>, options: { deadlineInMs?: number; signal?: AbortSignal; budgetKey?: string } = {}) {
  return h.retrier.run({
    budgetKey: options.budgetKey ?? 'p',
    signal: options.signal ?? new AbortController().signal,
    deadlineAt: h.clock.now + (options.deadlineInMs ?? 10_000),
    attempt,
  });
}

describe('retries only retryable failures', () => {
  it.each(['network', 'timeout', 'server', 'rate_limited'] as const)('retries %s up to maxAttempts', async (kind) => {
    const h = harness({ maxAttempts: 3 });
    const upstream = flaky(failure(kind));
    await expect(job(h, upstream.attempt)).rejects.toMatchObject({ failure: kind });
    expect(upstream.counter.calls).toBe(3);
  });

  it.each(['malformed', 'auth', 'rejected'] as const)('never retries %s', async (kind) => {
    const h = harness();
    const upstream = flaky(failure(kind));
    await expect(job(h, upstream.attempt)).rejects.toMatchObject({ failure: kind });
    expect(upstream.counter.calls).toBe(1);
  });

  it('never retries a breaker fast-fail, a caller who left, or an unexpected error', async () => {
    for (const error of [new BreakerOpenError('p:op', 1_000), new CutShortError('caller', false), new TypeError('bug')]) {
      const h = harness();
      const upstream = flaky(() => error);
      await expect(job(h, upstream.attempt)).rejects.toBe(error);
      expect(upstream.counter.calls).toBe(1);
    }
  });

  it('returns the answer of the attempt that succeeds', async () => {
    const h = harness();
    const upstream = flaky(failure('server'), 2);
    expect(await job(h, upstream.attempt)).toBe('ok');
    expect(upstream.counter.calls).toBe(3);
    expect(h.retrier.retries).toBe(2);
  });
});

describe('full-jitter backoff', () => {
  it('draws each wait uniformly below an exponential ceiling capped at maxDelayMs', () => {
    const settings = { baseDelayMs: 100, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4, 5, 6].map((retry) => fullJitterBackoff(retry, settings, () => 0.999999))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(fullJitterBackoff(3, settings, () => 0)).toBe(0);
    expect(fullJitterBackoff(3, settings, () => 0.5)).toBe(200);
  });

  it('waits the jittered backoff between attempts', async () => {
    const h = harness({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 }, () => 0.5);
    await expect(job(h, flaky(failure('server')).attempt)).rejects.toBeInstanceOf(UpstreamError);
    expect(h.waits).toEqual([50, 100, 200]);
  });
});

describe('Retry-After and the deadline', () => {
  it('honours Retry-After when it fits in the deadline', async () => {
    const h = harness({ baseDelayMs: 10, maxDelayMs: 10 });
    const upstream = flaky(failure('rate_limited', 2_000), 1);
    expect(await job(h, upstream.attempt, { deadlineInMs: 5_000 })).toBe('ok');
    expect(h.waits).toEqual([2_000]);
  });

  it('does not retry when Retry-After does not fit, and keeps the hint on the error', async () => {
    const h = harness({ minAttemptMs: 100 });
    const upstream = flaky(failure('rate_limited', 4_950), 1);
    await expect(job(h, upstream.attempt, { deadlineInMs: 5_000 })).rejects.toMatchObject({ retryAfterMs: 4_950 });
    expect(upstream.counter.calls).toBe(1);
    expect(h.waits).toEqual([]);
  });

  it('starts no retry unless minAttemptMs of the deadline is left after the wait', async () => {
    const h = harness({ maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 100, minAttemptMs: 100 }, () => 0.999);
    const upstream = flaky(failure('timeout'));
    // Each retry costs a 99 ms wait (the attempts themselves take no time on this clock).
    await expect(job(h, upstream.attempt, { deadlineInMs: 400 })).rejects.toBeInstanceOf(UpstreamError);
    expect(upstream.counter.calls).toBe(4);
    expect(h.clock.now + 100).toBeLessThanOrEqual(1_000_000 + 400);
  });

  it('stops waiting and sends nothing more once the caller has left', async () => {
    const caller = new AbortController();
    const retrier = new Retrier({ maxAttempts: 5 }, {
      sleep: async (_ms, signal) => {
        caller.abort(new Error('deadline'));
        throw signal.reason;
      },
    });
    let calls = 0;
    const run = retrier.run({
      budgetKey: 'p',
      signal: caller.signal,
      deadlineAt: Date.now() + 10_000,
      attempt: async () => {
        calls++;
        throw failure('server')();
      },
    });
    await expect(run).rejects.toThrow('deadline');
    expect(calls).toBe(1);
  });
});

describe('retry budget', () => {
  it('keeps retries within 20 % of first attempts plus the floor while a provider fails every call', async () => {
    const h = harness({ maxAttempts: 3, baseDelayMs: 0, budget: { ratio: 0.2, minRetriesPerSecond: 0.5, windowMs: 10_000 } });
    let upstreamCalls = 0;
    for (let i = 0; i < 200; i++) {
      await job(h, async () => {
        upstreamCalls++;
        throw failure('server')();
      }).catch(() => {});
    }
    // Unbudgeted, 200 calls with 3 attempts each would be 600. No waits: the clock stays in one window.
    expect(upstreamCalls).toBeLessThanOrEqual(200 + 0.2 * 200 + 5);
    expect(upstreamCalls).toBeGreaterThan(200);
    expect(h.retrier.budgetRefusals).toBeGreaterThan(0);
  });

  it('is kept per provider: one failing provider does not spend another’s', async () => {
    const h = harness({ maxAttempts: 2, budget: { ratio: 0, minRetriesPerSecond: 0.1, windowMs: 10_000 } });
    for (let i = 0; i < 3; i++) await job(h, flaky(failure('server')).attempt, { budgetKey: 'down' }).catch(() => {});
    expect(h.retrier.retries).toBe(1);
    const other = flaky(failure('server'), 1);
    expect(await job(h, other.attempt, { budgetKey: 'up' })).toBe('ok');
    expect(other.counter.calls).toBe(2);
  });

  it('refills as the window moves on', () => {
    let now = 0;
    const budget = new ExtraCallBudget({ ratio: 0.5, minPerSecond: 0, windowMs: 1_000 }, () => now);
    for (let i = 0; i < 4; i++) budget.recordCall();
    expect([budget.trySpend(), budget.trySpend(), budget.trySpend()]).toEqual([true, true, false]);
    now += 1_000;
    expect(budget.trySpend()).toBe(false);
    budget.recordCall();
    budget.recordCall();
    expect([budget.trySpend(), budget.trySpend()]).toEqual([true, false]);
  });
});
