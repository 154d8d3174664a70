import type { RateLimitStore, SharedState } from '../shared-state/port.ts';
import { NO_OBSERVER, type GatewayObserver } from '../observability/observer.ts';
import { MemoryRateLimits } from '../shared-state/memory.ts';
import { withinTimeReported } from '../shared-state/within-time.ts';
import type { RateDecision, RateLimitSettings } from '../shared-state/token-bucket.ts';

/**
 * The tenants' rate limits, counted in the shared state so that a limit of N per second holds
 * across every instance. When the store does not answer in time the instance falls back on its
 * own bucket for that request: still limited (at most the limit per instance), never refused for
 * want of a store, and back on the shared count as soon as the store answers again.
 */
export class TenantRateLimiter {
  private readonly limits = new Map<string, RateLimitSettings>();
  private readonly store: RateLimitStore;
  private readonly local: MemoryRateLimits;
  private readonly timeoutMs: number;

  private readonly observer: GatewayObserver;

  constructor(
    tenants: ReadonlyArray<{ id: string; rateLimit?: RateLimitSettings }>,
    shared: Pick<SharedState, 'rateLimits' | 'timeoutMs'>,
    options: { now?: () => number; observer?: GatewayObserver } = {},
  ) {
    for (const tenant of tenants) if (tenant.rateLimit) this.limits.set(tenant.id, tenant.rateLimit);
    this.store = shared.rateLimits;
    this.timeoutMs = shared.timeoutMs;
    this.local = shared.rateLimits instanceof MemoryRateLimits ? shared.rateLimits : new MemoryRateLimits(options.now);
    this.observer = options.observer ?? NO_OBSERVER;
  }

  /** A tenant without a rateLimit is never limited. */
  take(tenantId: string): RateDecision | Promise<RateDecision> {
    const limit = this.limits.get(tenantId);
    if (!limit) return ALLOWED;
    if (this.store === this.local) return this.local.takeNow(tenantId, limit);
    return withinTimeReported(this.store.take(tenantId, limit), this.timeoutMs, 'the rate-limit store', () => this.observer.onSharedStateFailure('rate_limit')).catch(() =>
      this.local.takeNow(tenantId, limit),
    );
  }
}

const ALLOWED: RateDecision = { ok: true };
