/**
 * A retry budget in the manner of Envoy's and Finagle's: over a rolling window, retries may add at
 * most `ratio` of the calls that were first attempts, plus a small floor so that a provider with
 * little traffic can still retry at all. When a provider fails for everyone, retries stop at the
 * budget instead of multiplying the load on it. No timers: the window moves on each use, so it
 * runs on Workers too.
 */

export interface RetryBudgetSettings {
  /** Retries allowed as a share of first attempts in the window (0.2 = 20 %). */
  ratio: number;
  /** Retries allowed per second of window whatever the traffic. */
  minRetriesPerSecond: number;
  windowMs: number;
}

export const DEFAULT_RETRY_BUDGET: RetryBudgetSettings = {
  ratio: 0.2,
  minRetriesPerSecond: 1,
  windowMs: 10_000,
};

const BUCKETS = 10;

interface Bucket {
  /** Which slice of time this bucket counts (epoch ms / bucket length). */
  slice: number;
  requests: number;
  retries: number;
}

export class RetryBudget {
  private readonly settings: RetryBudgetSettings;
  private readonly now: () => number;
  private readonly bucketMs: number;
  private readonly buckets: Bucket[] = Array.from({ length: BUCKETS }, () => ({ slice: -1, requests: 0, retries: 0 }));

  constructor(settings: RetryBudgetSettings = DEFAULT_RETRY_BUDGET, now: () => number = Date.now) {
    this.settings = settings;
    this.now = now;
    this.bucketMs = Math.max(1, Math.ceil(settings.windowMs / BUCKETS));
  }

  /** A first attempt went out. */
  recordRequest(): void {
    this.current().requests++;
  }

  /** Takes one retry from the budget; false (and nothing taken) when it is spent. */
  tryRetry(): boolean {
    const { requests, retries } = this.totals();
    if (retries + 1 > this.allowance(requests)) return false;
    this.current().retries++;
    return true;
  }

  /** Retries the window allows for this many first attempts. */
  private allowance(requests: number): number {
    const floor = this.settings.minRetriesPerSecond * (this.settings.windowMs / 1000);
    return this.settings.ratio * requests + floor;
  }

  private totals(): { requests: number; retries: number } {
    const oldest = this.sliceNow() - BUCKETS + 1;
    let requests = 0;
    let retries = 0;
    for (const bucket of this.buckets) {
      if (bucket.slice < oldest) continue;
      requests += bucket.requests;
      retries += bucket.retries;
    }
    return { requests, retries };
  }

  private current(): Bucket {
    const slice = this.sliceNow();
    const bucket = this.buckets[slice % BUCKETS]!;
    if (bucket.slice !== slice) {
      bucket.slice = slice;
      bucket.requests = 0;
      bucket.retries = 0;
    }
    return bucket;
  }

  private sliceNow(): number {
    return Math.floor(this.now() / this.bucketMs);
  }
}
