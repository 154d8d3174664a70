import { CamaraError } from '../errors.ts';
import { runInBackground } from '../contract/request-scope.ts';
import type { QuotaStore } from '../shared-state/port.ts';
import { withinTimeReported } from '../shared-state/within-time.ts';
import type { UpstreamCallBudget } from './executor.ts';
import { NO_OBSERVER, type GatewayObserver } from '../observability/observer.ts';

const DAY_MS = 86_400_000;

/** Writes nobody waits for may take longer than a check, but not forever. */
const WRITE_TIMEOUT_FACTOR = 20;

/**
 * The tenants' daily caps on billable upstream calls, counted per UTC day in the shared state, so
 * every instance spends from one allowance. The executor admits each call a request leads (an
 * atomic take: two instances never both get the last call), counts its further attempts (retries)
 * without asking, and gives back a call whose breaker turned it away. Cache hits and single-flight
 * joins are free. Calls already under way when the cap is reached finish (and count); from then on
 * the tenant's requests that need an upstream call are refused with 429 QUOTA_EXCEEDED until
 * midnight UTC, while answers still cached keep being served.
 *
 * When the store cannot be asked in time, calls are refused with 503 UNAVAILABLE: an unbounded run
 * of paid calls is worse than a short outage of fresh answers (cached ones are still served).
 * Tenants without a cap never touch the store.
 */
export class DailyUpstreamQuota implements UpstreamCallBudget {
  private readonly caps = new Map<string, number>();
  /** The UTC day on which this instance last saw each tenant's cap reached: hedges are not tried then. */
  private readonly exhaustedOn = new Map<string, number>();
  private readonly store: QuotaStore;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly observer: GatewayObserver;
  private readonly reportFailure = (): void => this.observer.onSharedStateFailure('daily_cap');

  constructor(
    tenants: ReadonlyArray<{ id: string; dailyUpstreamCap?: number }>,
    store: QuotaStore,
    options: { timeoutMs: number; now?: () => number; observer?: GatewayObserver },
  ) {
    this.observer = options.observer ?? NO_OBSERVER;
    this.store = store;
    this.timeoutMs = options.timeoutMs;
    this.now = options.now ?? Date.now;
    for (const tenant of tenants) {
      if (tenant.dailyUpstreamCap !== undefined) this.caps.set(tenant.id, tenant.dailyUpstreamCap);
    }
  }

  private today(): number {
    return Math.floor(this.now() / DAY_MS);
  }

  wouldAdmit(tenantId: string): boolean {
    return !this.caps.has(tenantId) || this.exhaustedOn.get(tenantId) !== this.today();
  }

  async admit(tenantId: string): Promise<void> {
    const cap = this.caps.get(tenantId);
    if (cap === undefined) return;
    const day = this.today();
    const taken = await this.ask(this.store.tryTake(tenantId, day, cap));
    if (!taken) this.refuse(tenantId, day);
    else if (this.exhaustedOn.get(tenantId) === day) this.exhaustedOn.delete(tenantId);
  }

  async check(tenantId: string): Promise<void> {
    const cap = this.caps.get(tenantId);
    if (cap === undefined) return;
    const day = this.today();
    if ((await this.ask(this.store.used(tenantId, day))) >= cap) this.refuse(tenantId, day);
  }

  spend(tenantId: string): void {
    this.add(tenantId, 1);
  }

  release(tenantId: string): void {
    this.add(tenantId, -1);
  }

  /** Upstream calls the tenant caused since 00:00 UTC, on every instance. */
  usedToday(tenantId: string): Promise<number> {
    return this.store.used(tenantId, this.today());
  }

  private add(tenantId: string, calls: number): void {
    if (!this.caps.has(tenantId)) return;
    runInBackground(withinTimeReported(this.store.add(tenantId, this.today(), calls), this.timeoutMs * WRITE_TIMEOUT_FACTOR, 'the daily cap store', this.reportFailure));
  }

  private async ask<T>(work: Promise<T>): Promise<T> {
    try {
      return await withinTimeReported(work, this.timeoutMs, 'the daily cap store', this.reportFailure);
    } catch {
      throw new CamaraError(
        'UNAVAILABLE',
        "The tenant's daily allowance of upstream calls cannot be checked right now, so no upstream call is made; answers already cached are still served.",
        { retryAfterSeconds: 1 },
      );
    }
  }

  private refuse(tenantId: string, day: number): never {
    this.exhaustedOn.set(tenantId, day);
    const now = this.now();
    const untilMidnightMs = (day + 1) * DAY_MS - now;
    throw new CamaraError('QUOTA_EXCEEDED', "The tenant's daily allowance of upstream calls is used up; it renews at 00:00 UTC.", {
      retryAfterSeconds: Math.max(1, Math.ceil(untilMidnightMs / 1000)),
    });
  }
}
