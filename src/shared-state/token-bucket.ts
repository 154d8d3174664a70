/**
 * A token bucket: one per tenant that has a `rateLimit`. Only clock reads, no timers, so it runs
 * the same on Node, on Workers and inside a Durable Object.
 */

export interface RateLimitSettings {
  /** Sustained rate: tokens added per second. */
  requestsPerSecond: number;
  /** Bucket size: how many requests may arrive at once after a quiet spell. */
  burst: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

export class TokenBucket {
  private readonly settings: RateLimitSettings;
  private tokens: number;
  private updatedAt: number;

  constructor(settings: RateLimitSettings, now: number) {
    this.settings = settings;
    this.tokens = settings.burst;
    this.updatedAt = now;
  }

  /** Takes one token, or says how long until one is there. */
  take(now: number): RateDecision {
    // A clock that steps back never mints tokens.
    const elapsedMs = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.settings.burst, this.tokens + (elapsedMs / 1000) * this.settings.requestsPerSecond);
    this.updatedAt = Math.max(now, this.updatedAt);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: ((1 - this.tokens) / this.settings.requestsPerSecond) * 1000 };
  }
}
