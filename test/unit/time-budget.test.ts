/**
 * How the caller's remaining time is shared along a chain, and when a slow provider is hedged:
 * both read the providers' recent latencies (fake clock, recorded samples).
 */
import { describe, expect, it } from 'vitest';
import { HedgePolicy } from '../../src/resilience/hedging.ts';
import { LatencyTracker } from '../../src/resilience/latency.ts';
import { COLD_NEED_MS, MIN_NEED_MS, TimeBudget } from '../../src/resilience/time-budget.ts';

const OP = 'sim_swap.check';

function world(open: string[] = []) {
  let now = 1_000_000;
  const latency = new LatencyTracker({ minSamples: 5 }, () => now);
  const budget = new TimeBudget({ latency, now: () => now, attemptTimeoutMs: 2_500, isOpen: (provider) => open.includes(provider) });
  const learn = (provider: string, ...durations: number[]) => {
    for (const duration of durations) latency.record(`${provider}:${OP}`, duration);
    now += 1_000;
  };
  return { latency, budget, learn, now: () => now };
}

describe('TimeBudget', () => {
  it('keeps back what the next provider needs (1.5 × its p99, at least MIN_NEED_MS) from the current one', () => {
    const { budget, learn, now } = world();
    learn('twilio', 10, 12, 14, 16, 100);
    learn('vonage', 10, 10, 10, 10, 10);
    const deadlineAt = now() + 1_000;
    expect(budget.providerDeadline(deadlineAt, ['twilio', 'vonage'], OP)).toBe(deadlineAt - 150);
    expect(budget.providerDeadline(deadlineAt, ['vonage'], OP)).toBe(deadlineAt - MIN_NEED_MS);
    expect(budget.providerDeadline(deadlineAt, [], OP)).toBe(deadlineAt);
  });

  it('assumes COLD_NEED_MS for a provider never seen, and provides for the one after a provider whose breaker is open', () => {
    const { budget, now } = world(['vonage']);
    const deadlineAt = now() + 2_000;
    expect(budget.providerDeadline(deadlineAt, ['twilio'], OP)).toBe(deadlineAt - COLD_NEED_MS);
    expect(budget.providerDeadline(deadlineAt, ['vonage', 'nokia'], OP)).toBe(deadlineAt - COLD_NEED_MS);
    expect(budget.providerDeadline(deadlineAt, ['vonage'], OP)).toBe(deadlineAt);
  });

  it('never keeps back more than half the time left: the preferred provider gets at least half', () => {
    const { budget, now } = world();
    const deadlineAt = now() + 300;
    expect(budget.providerDeadline(deadlineAt, ['a', 'b'], OP)).toBe(deadlineAt - 150);
  });

  it('an attempt never outlasts attemptTimeoutMs, nor its provider’s part of the deadline', () => {
    const { budget, now } = world();
    expect(budget.attemptTimeout(now() + 10_000)).toBe(2_500);
    expect(budget.attemptTimeout(now() + 400)).toBe(400);
    expect(budget.attemptTimeout(now() - 5)).toBe(1);
  });
});

describe('HedgePolicy', () => {
  it('hedges after the quantile of the provider’s recent answers, never sooner than minDelayMs, coldDelayMs while unknown', () => {
    const { latency, learn } = world();
    const hedges = new HedgePolicy({ settings: { quantile: 0.8, minDelayMs: 20, coldDelayMs: 300 } }, latency);
    expect(hedges.delayFor('albion', OP)).toBe(300);
    learn('albion', 50, 60, 70, 80, 400);
    expect(hedges.delayFor('albion', OP)).toBe(80);
    learn('fast', 1, 1, 1, 1, 1);
    expect(hedges.delayFor('fast', OP)).toBe(20);
  });

  it('a request’s settings (its channel’s) apply over the defaults; a provider × operation’s own settings win', () => {
    const { latency } = world();
    const hedges = new HedgePolicy(
      { settings: { coldDelayMs: 300 }, overrides: [{ provider: 'paid', settings: { enabled: false } }, { operation: OP, settings: { coldDelayMs: 500 } }] },
      latency,
    );
    expect(hedges.delayFor('albion', OP, { coldDelayMs: 100 })).toBe(500);
    expect(hedges.delayFor('albion', 'roaming.retrieve', { coldDelayMs: 100 })).toBe(100);
    expect(hedges.delayFor('paid', 'roaming.retrieve', { enabled: true })).toBeUndefined();
    expect(hedges.delayFor('albion', OP, { enabled: false })).toBeUndefined();
    // Never asked as a hedge either.
    expect(hedges.delayFor('albion', 'roaming.retrieve', { coldDelayMs: 100 }, 'paid')).toBeUndefined();
    expect(hedges.delayFor('albion', 'roaming.retrieve', { coldDelayMs: 100 }, 'twilio')).toBe(100);
  });

  it('keeps hedges within the budget: ratio × calls plus the floor, per provider × operation', () => {
    const { latency } = world();
    const hedges = new HedgePolicy({ budget: { ratio: 0.1, minPerSecond: 0, windowMs: 10_000 } }, latency);
    for (let i = 0; i < 20; i++) hedges.recordCall('albion', OP);
    expect([hedges.tryHedge('albion', OP), hedges.tryHedge('albion', OP), hedges.tryHedge('albion', OP)]).toEqual([true, true, false]);
    expect(hedges.tryHedge('brightwave', OP)).toBe(false);
    expect(hedges.stats).toEqual({ hedges: 2, budgetRefusals: 2 });
  });
});
