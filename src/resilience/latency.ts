/**
 * How long each provider × operation has recently taken to answer: the last answers' latencies,
 * read as quantiles. The executor hedges after a provider's p95 (say) and keeps a provider's p99
 * in reserve for it when it plans the attempts before it. Only answers count (ok, not found,
 * unsupported, refused): a timeout says only that the call took longer than its limit.
 */

export interface LatencySettings {
  /** Answers kept per provider × operation. */
  samples: number;
  /** Answers older than this are forgotten, so a provider's old speed does not linger. */
  maxAgeMs: number;
  /** Fewer answers than this (within maxAgeMs): the latency is unknown. */
  minSamples: number;
}

export const DEFAULT_LATENCY_SETTINGS: LatencySettings = { samples: 128, maxAgeMs: 60_000, minSamples: 10 };

const REFRESH_MS = 250;

class Samples {
  private readonly durations: Float64Array;
  private readonly at: Float64Array;
  private next = 0;
  private count = 0;
  /** Sorted durations of the fresh samples, rebuilt at most every REFRESH_MS (a hot path reads it). */
  private sorted: number[] | undefined;
  private sortedAt = 0;
  private addedSinceSort = 0;

  constructor(size: number) {
    this.durations = new Float64Array(size);
    this.at = new Float64Array(size);
  }

  add(durationMs: number, now: number): void {
    this.durations[this.next] = durationMs;
    this.at[this.next] = now;
    this.next = (this.next + 1) % this.durations.length;
    this.count = Math.min(this.count + 1, this.durations.length);
    this.addedSinceSort++;
  }

  quantile(q: number, now: number, settings: LatencySettings): number | undefined {
    // While too few answers are known, every new one counts at once.
    const warming = this.sorted !== undefined && this.sorted.length < settings.minSamples && this.addedSinceSort > 0;
    if (!this.sorted || warming || now - this.sortedAt > REFRESH_MS) {
      this.addedSinceSort = 0;
      const fresh: number[] = [];
      for (let i = 0; i < this.count; i++) if (now - this.at[i]! <= settings.maxAgeMs) fresh.push(this.durations[i]!);
      this.sorted = fresh.sort((a, b) => a - b);
      this.sortedAt = now;
    }
    if (this.sorted.length < settings.minSamples) return undefined;
    const index = Math.min(this.sorted.length - 1, Math.ceil(q * this.sorted.length) - 1);
    return this.sorted[Math.max(0, index)];
  }
}

/** A call given up on after this many times the provider's recent p99 was unusually slow for it. */
export const UNUSUAL_FACTOR = 3;
/** …and after at least this long, so that a very fast provider's normal jitter is never unusual. */
export const UNUSUAL_MIN_MS = 250;

/**
 * Whether a call that ran `elapsedMs` without answering was unusually slow for its provider ×
 * operation; undefined while too few of its answers are known to say.
 */
export function isUnusuallySlow(latency: LatencyTracker, key: string, elapsedMs: number): boolean | undefined {
  const p99 = latency.quantile(key, 0.99);
  return p99 === undefined ? undefined : elapsedMs >= Math.max(UNUSUAL_MIN_MS, UNUSUAL_FACTOR * p99);
}

export class LatencyTracker {
  private readonly settings: LatencySettings;
  private readonly now: () => number;
  private readonly byKey = new Map<string, Samples>();

  constructor(settings: Partial<LatencySettings> = {}, now: () => number = Date.now) {
    this.settings = { ...DEFAULT_LATENCY_SETTINGS, ...settings };
    this.now = now;
  }

  record(key: string, durationMs: number): void {
    let samples = this.byKey.get(key);
    if (!samples) {
      samples = new Samples(this.settings.samples);
      this.byKey.set(key, samples);
    }
    samples.add(durationMs, this.now());
  }

  /** The q-quantile (0.95 = p95) of the key's recent answers; undefined while too few are known. */
  quantile(key: string, q: number): number | undefined {
    return this.byKey.get(key)?.quantile(q, this.now(), this.settings);
  }
}
