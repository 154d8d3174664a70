import { CamaraError } from '../errors.ts';
import type { UpstreamCallBudget } from './executor.ts';

const DAY_MS = 86_400_000;

/**
 * The tenants' daily caps on billable upstream calls, counted per UTC day in this process. The
 * executor asks before each call a request leads and tells of each attempt that goes out, so
 * cache hits and single-flight joins are free. Calls already under way when the cap is reached
 * finish (and count); from then on the tenant's requests that need an upstream call are refused
 * with 429 QUOTA_EXCEEDED until midnight UTC, while answers still cached keep being served.
 */
export class DailyUpstreamQuota implements UpstreamCallBudget {
  private readonly caps = new Map<string, number>();
  private readonly used = new Map<string, { day: number; calls: number }>();
  private readonly now: () => number;

  constructor(tenants: ReadonlyArray<{ id: string; dailyUpstreamCap?: number }>, now: () => number = Date.now) {
    this.now = now;
    for (const tenant of tenants) {
      if (tenant.dailyUpstreamCap !== undefined) this.caps.set(tenant.id, tenant.dailyUpstreamCap);
    }
  }

  wouldAdmit(tenantId: string): boolean {
    const cap = this.caps.get(tenantId);
    return cap === undefined || this.usedToday(tenantId) < cap;
  }

  admit(tenantId: string): void {
    if (this.wouldAdmit(tenantId)) return;
    const now = this.now();
    const untilMidnightMs = (Math.floor(now / DAY_MS) + 1) * DAY_MS - now;
    throw new CamaraError('QUOTA_EXCEEDED', "The tenant's daily allowance of upstream calls is used up; it renews at 00:00 UTC.", {
      retryAfterSeconds: Math.max(1, Math.ceil(untilMidnightMs / 1000)),
    });
  }

  spend(tenantId: string): void {
    const day = Math.floor(this.now() / DAY_MS);
    const entry = this.used.get(tenantId);
    if (entry && entry.day === day) entry.calls++;
    else this.used.set(tenantId, { day, calls: 1 });
  }

  /** Upstream calls the tenant caused since 00:00 UTC. */
  usedToday(tenantId: string): number {
    const entry = this.used.get(tenantId);
    return entry && entry.day === Math.floor(this.now() / DAY_MS) ? entry.calls : 0;
  }
}
