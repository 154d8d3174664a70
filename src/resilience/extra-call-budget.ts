/**
 * A budget of extra calls (retries, hedges) in the manner of Envoy's and Finagle's retry budgets:
 * over a rolling window, extra calls may add at most `ratio` of the ordinary calls, plus a small
 * floor so that a provider with little traffic can still get some. When a provider fails or slows
 * for everyone, extra calls stop at the budget instead of multiplying the load. No timers: the
 * window moves on each use, so it runs on Workers too.
 */

export interface ExtraCallBudgetSettings {
  /** Extra calls allowed as a share of ordinary calls in the window (0.2 = 20 %). */
  ratio: number;
  /** Extra calls allowed per second of window whatever the traffic. */
  minPerSecond: number;
  windowMs: number;
}

const BUCKETS = 10;

interface Bucket {
  /** Which slice of time this bucket counts (epoch ms / bucket length). */
  slice: number;
  requests: number;
  extra: number;
}

export class ExtraCallBudget {
  private readonly settings: ExtraCallBudgetSettings;
  private readonly now: () => number;
  private readonly bucketMs: number;
  private readonly buckets: Bucket[] = Array.from({ length: BUCKETS }, () => ({ slice: -1, requests: 0, extra: 0 }));

  constructor(settings: ExtraCallBudgetSettings, now: () => number = Date.now) {
    this.settings = settings;
    this.now = now;
    this.bucketMs = Math.max(1, Math.ceil(settings.windowMs / BUCKETS));
  }

  /** An ordinary call went out. */
  recordCall(): void {
    this.current().requests++;
  }

  /** Takes one extra call from the budget; false (and nothing taken) when it is spent. */
  trySpend(): boolean {
    const { requests, extra } = this.totals();
    if (extra + 1 > this.allowance(requests)) return false;
    this.current().extra++;
    return true;
  }

  /** Extra calls the window allows for this many ordinary calls. */
  private allowance(requests: number): number {
    const floor = this.settings.minPerSecond * (this.settings.windowMs / 1000);
    return this.settings.ratio * requests + floor;
  }

  private totals(): { requests: number; extra: number } {
    const oldest = this.sliceNow() - BUCKETS + 1;
    let requests = 0;
    let extra = 0;
    for (const bucket of this.buckets) {
      if (bucket.slice < oldest) continue;
      requests += bucket.requests;
      extra += bucket.extra;
    }
    return { requests, extra };
  }

  private current(): Bucket {
    const slice = this.sliceNow();
    const bucket = this.buckets[slice % BUCKETS]!;
    if (bucket.slice !== slice) {
      bucket.slice = slice;
      bucket.requests = 0;
      bucket.extra = 0;
    }
    return bucket;
  }

  private sliceNow(): number {
    return Math.floor(this.now() / this.bucketMs);
  }
}
