/**
 * Budget-driven attempts: how much of the caller's remaining time one provider of a chain may
 * use, so that a slow or hanging provider always leaves the ones after it time to answer.
 *
 * Each later provider is expected to need about 1.5 × its recent p99 (at least MIN_NEED_MS;
 * COLD_NEED_MS while its latency is unknown; nothing while its breaker is open, it answers at
 * once). That much is kept back from the current provider, but never more than half the time
 * left: the preferred provider, the one most worth waiting for, always gets at least half.
 */
import type { LatencyTracker } from './latency.ts';
import { providerOperationKey } from './per-operation.ts';

export const MIN_NEED_MS = 50;
export const COLD_NEED_MS = 250;
const NEED_QUANTILE = 0.99;
const NEED_FACTOR = 1.5;

export interface TimeBudgetDependencies {
  latency: LatencyTracker;
  /** True while the provider × operation's breaker is open (it would fail fast). */
  isOpen(provider: string, operation: string): boolean;
  now: () => number;
  /** Upper bound of one attempt, whatever the budget. */
  attemptTimeoutMs: number;
}

export class TimeBudget {
  private readonly deps: TimeBudgetDependencies;

  constructor(deps: TimeBudgetDependencies) {
    this.deps = deps;
  }

  /** When the provider asked now must give up, so that `rest` (the providers after it) still fit before `deadlineAt`. */
  providerDeadline(deadlineAt: number, rest: readonly string[], operation: string): number {
    const remaining = deadlineAt - this.deps.now();
    if (rest.length === 0 || remaining <= 0) return deadlineAt;
    let need = 0;
    for (const provider of rest) need += this.needOf(provider, operation);
    const reserve = Math.min(need, remaining / 2);
    return deadlineAt - reserve;
  }

  /** The timeout of one attempt that starts now and must end by `providerDeadlineAt` (for the last provider, the caller's deadline cuts it). */
  attemptTimeout(providerDeadlineAt: number): number {
    return Math.max(1, Math.min(this.deps.attemptTimeoutMs, providerDeadlineAt - this.deps.now()));
  }

  private needOf(provider: string, operation: string): number {
    if (this.deps.isOpen(provider, operation)) return 0;
    const p99 = this.deps.latency.quantile(providerOperationKey(provider, operation), NEED_QUANTILE);
    if (p99 === undefined) return COLD_NEED_MS;
    return Math.min(this.deps.attemptTimeoutMs, Math.max(MIN_NEED_MS, p99 * NEED_FACTOR));
  }
}
