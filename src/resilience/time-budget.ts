/**
 * Budget-driven attempts: how much of the caller's remaining time one provider of a chain may
 * use, so that a slow or hanging provider always leaves the next one time to answer.
 *
 * The next provider that could answer (its breaker not open: an open one answers at once) is
 * expected to need about 1.5 × its recent p99 (at least MIN_NEED_MS; COLD_NEED_MS while its
 * latency is unknown). That much is kept back from the current provider, but never more than half
 * the time left: the preferred provider, the one most worth waiting for, always gets at least
 * half. Only the next one is provided for: each provider, in its turn, keeps back for its own
 * next, and two providers hanging in a row are rare enough to leave to the breakers.
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

  /** When the provider asked now must give up, so that the next of `rest` (the providers after it) still fits before `deadlineAt`. */
  providerDeadline(deadlineAt: number, rest: readonly string[], operation: string): number {
    const remaining = deadlineAt - this.deps.now();
    const next = rest.find((provider) => !this.deps.isOpen(provider, operation));
    if (next === undefined || remaining <= 0) return deadlineAt;
    return deadlineAt - Math.min(this.needOf(next, operation), remaining / 2);
  }

  /** The timeout of one attempt that starts now and must end by `providerDeadlineAt` (for the last provider, the caller's deadline cuts it). */
  attemptTimeout(providerDeadlineAt: number): number {
    return Math.max(1, Math.min(this.deps.attemptTimeoutMs, providerDeadlineAt - this.deps.now()));
  }

  private needOf(provider: string, operation: string): number {
    const p99 = this.deps.latency.quantile(providerOperationKey(provider, operation), NEED_QUANTILE);
    if (p99 === undefined) return COLD_NEED_MS;
    return Math.min(this.deps.attemptTimeoutMs, Math.max(MIN_NEED_MS, p99 * NEED_FACTOR));
  }
}
