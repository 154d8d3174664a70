/**
 * Circuit breakers, one per provider × operation, that open on a failure rate or a slow-call rate
 * over a rolling window (as Resilience4j's do) and close only on definite answers.
 *
 * Written here rather than on opossum: opossum (and cockatiel) can only call an outcome a success
 * or a failure, so a caller's give-up or a 401 filtered out of the failures reaches the breaker as
 * a success, and one such "success" in half-open closes it; neither counts slow calls. Here an
 * outcome that says nothing about the upstream's health (our credentials were refused, 429, a
 * caller error, a call cut short before it was unusually slow) is neutral: not counted while
 * closed, and in half-open it frees the probe's slot so the next call probes again. No timers: the
 * window moves and the open state ends on use, so breakers run on Workers too.
 */
import { UpstreamError } from '../contract/adapter.ts';
import { ExpectedError } from '../contract/expected-error.ts';
import { NO_OBSERVER, type GatewayObserver } from '../observability/observer.ts';
import { definedOnly, PerOperationSettings, providerOperationKey, type Override } from './per-operation.ts';

export interface BreakerSettings {
  /** Failure percentage over the rolling window that opens the breaker. */
  errorThresholdPercentage: number;
  /** Percentage of slow calls over the rolling window that opens the breaker. */
  slowCallRateThreshold: number;
  /** A call that takes at least this long is slow, whatever its outcome. */
  slowCallDurationMs: number;
  /** Counted calls in the window before the percentages are trusted. */
  volumeThreshold: number;
  /** How long the breaker stays open before letting probes through. */
  resetTimeoutMs: number;
  rollingWindowMs: number;
  /** Probes that must all answer definitely, in time, to close a half-open breaker. */
  halfOpenProbes: number;
}

export const DEFAULT_BREAKER_SETTINGS: BreakerSettings = {
  errorThresholdPercentage: 50,
  slowCallRateThreshold: 50,
  slowCallDurationMs: 2_000,
  volumeThreshold: 5,
  resetTimeoutMs: 10_000,
  rollingWindowMs: 10_000,
  halfOpenProbes: 1,
};

export type BreakerState = 'closed' | 'open' | 'half_open';

export class BreakerOpenError extends ExpectedError {
  readonly key: string;
  readonly retryAfterMs: number;
  constructor(key: string, retryAfterMs: number) {
    super('circuit breaker open: failing fast');
    this.name = 'BreakerOpenError';
    this.key = key;
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * Thrown through a breaker when a deadline ended the call before the provider answered: every
 * caller left (`caller`), or the provider's share of the time was spent (`budget`). It shows only
 * that the provider was slower than the time it was given. `unusual`: that time was already far
 * beyond the provider's recent latency (a slow call); undefined when its latency is not known.
 */
export class CutShortError extends Error {
  readonly by: 'caller' | 'budget';
  readonly unusual: boolean | undefined;
  constructor(by: 'caller' | 'budget', unusual: boolean | undefined, cause?: unknown) {
    super(by === 'caller' ? 'the caller stopped waiting' : "the provider's share of the deadline ran out", { cause });
    this.name = 'CutShortError';
    this.by = by;
    this.unusual = unusual;
  }
}

/** One breaker per provider × operation, keyed `provider:operation`. */
export const breakerKey = providerOperationKey;

/** The parts of a breakerKey(); operations never hold a colon, provider ids might. */
export function breakerKeyParts(key: string): { provider: string; operation: string } {
  const colon = key.lastIndexOf(':');
  return { provider: key.slice(0, colon), operation: key.slice(colon + 1) };
}

/** What a finished call tells about the upstream's health; `slow` counts as a slow call only. */
type Verdict = 'success' | 'failure' | 'slow' | 'neutral';

function verdictOf(error: unknown): Verdict {
  if (error instanceof CutShortError) {
    if (error.unusual) return 'slow';
    // Nothing known of the provider's speed: running out of its share of the time is its timeout.
    return error.unusual === undefined && error.by === 'budget' ? 'failure' : 'neutral';
  }
  if (error instanceof UpstreamError && error.countsAgainstBreaker) return 'failure';
  // Credentials refused, 429, a caller error, a CIBA flow under way, a bug of ours.
  return 'neutral';
}

const BUCKETS = 10;

interface Bucket {
  slice: number;
  calls: number;
  failures: number;
  slow: number;
}

/** Calls, failures and slow calls over a rolling window of ten buckets. */
class RollingCounts {
  private readonly bucketMs: number;
  private buckets: Bucket[] = [];

  constructor(windowMs: number) {
    this.bucketMs = Math.max(1, Math.ceil(windowMs / BUCKETS));
    this.reset();
  }

  reset(): void {
    this.buckets = Array.from({ length: BUCKETS }, () => ({ slice: -1, calls: 0, failures: 0, slow: 0 }));
  }

  add(now: number, failed: boolean, slow: boolean): void {
    const slice = Math.floor(now / this.bucketMs);
    const bucket = this.buckets[slice % BUCKETS]!;
    if (bucket.slice !== slice) Object.assign(bucket, { slice, calls: 0, failures: 0, slow: 0 });
    bucket.calls++;
    if (failed) bucket.failures++;
    if (slow) bucket.slow++;
  }

  totals(now: number): { calls: number; failures: number; slow: number } {
    const oldest = Math.floor(now / this.bucketMs) - BUCKETS + 1;
    const totals = { calls: 0, failures: 0, slow: 0 };
    for (const bucket of this.buckets) {
      if (bucket.slice < oldest) continue;
      totals.calls += bucket.calls;
      totals.failures += bucket.failures;
      totals.slow += bucket.slow;
    }
    return totals;
  }
}

/** One breaker's state machine. */
class Breaker {
  private current: BreakerState = 'closed';
  /** Bumped on every transition: a call that started in an earlier state does not count in this one. */
  private generation = 0;
  private openedAt = 0;
  private probesInFlight = 0;
  private probeSuccesses = 0;
  private readonly counts: RollingCounts;
  private readonly key: string;
  private readonly settings: BreakerSettings;
  private readonly now: () => number;
  private readonly onTransition: (state: BreakerState) => void;

  constructor(key: string, settings: BreakerSettings, now: () => number, onTransition: (state: BreakerState) => void) {
    this.key = key;
    this.settings = settings;
    this.now = now;
    this.onTransition = onTransition;
    this.counts = new RollingCounts(settings.rollingWindowMs);
  }

  get state(): BreakerState {
    if (this.current === 'open' && this.now() >= this.openedAt + this.settings.resetTimeoutMs) this.enter('half_open');
    return this.current;
  }

  /** How long it stays open from now; undefined when it is not open. */
  get openForMs(): number | undefined {
    return this.state === 'open' ? Math.max(0, this.openedAt + this.settings.resetTimeoutMs - this.now()) : undefined;
  }

  /** Lets a call through or throws BreakerOpenError; returns what to report its end to. */
  admit(): { generation: number; probe: boolean } {
    const state = this.state;
    if (state === 'open' || (state === 'half_open' && this.probesInFlight + this.probeSuccesses >= this.settings.halfOpenProbes)) {
      throw new BreakerOpenError(this.key, this.openForMs ?? 0);
    }
    if (state === 'half_open') this.probesInFlight++;
    return { generation: this.generation, probe: state === 'half_open' };
  }

  /** A call let through by admit() ended. */
  record(permit: { generation: number; probe: boolean }, verdict: Verdict, durationMs: number): void {
    if (permit.generation !== this.generation) return;
    const slow = verdict === 'slow' || durationMs >= this.settings.slowCallDurationMs;
    if (permit.probe) this.recordProbe(verdict, slow);
    else this.recordClosed(verdict, slow);
  }

  private recordProbe(verdict: Verdict, slow: boolean): void {
    this.probesInFlight--;
    if (verdict === 'failure' || slow) return this.enter('open');
    // Only a definite answer in time closes; a neutral end leaves the slot for the next probe.
    if (verdict !== 'success') return;
    this.probeSuccesses++;
    if (this.probeSuccesses >= this.settings.halfOpenProbes) this.enter('closed');
  }

  private recordClosed(verdict: Verdict, slow: boolean): void {
    // A neutral end counts only when it shows slowness (a call given up on after the slow threshold).
    if (verdict === 'neutral' && !slow) return;
    const now = this.now();
    this.counts.add(now, verdict === 'failure', slow);
    const { calls, failures, slow: slowCalls } = this.counts.totals(now);
    if (calls < this.settings.volumeThreshold) return;
    const failing = (failures * 100) / calls >= this.settings.errorThresholdPercentage;
    const slowing = (slowCalls * 100) / calls >= this.settings.slowCallRateThreshold;
    if (failing || slowing) this.enter('open');
  }

  private enter(state: BreakerState): void {
    this.current = state;
    this.generation++;
    this.probesInFlight = 0;
    this.probeSuccesses = 0;
    if (state === 'open') this.openedAt = this.now();
    if (state !== 'half_open') this.counts.reset();
    this.onTransition(state);
  }
}

export interface BreakerRegistryOptions {
  now?: () => number;
  observer?: GatewayObserver;
  /** Settings of some providers, operations, or provider × operation pairs. */
  overrides?: ReadonlyArray<Override<BreakerSettings>>;
}

/** One breaker per key (provider × operation), created on first use. */
export class BreakerRegistry {
  private readonly breakers = new Map<string, Breaker>();
  private readonly settings: PerOperationSettings<BreakerSettings>;
  private readonly now: () => number;
  private readonly observer: GatewayObserver;

  constructor(settings: Partial<BreakerSettings> = {}, options: BreakerRegistryOptions = {}) {
    this.settings = new PerOperationSettings({ ...DEFAULT_BREAKER_SETTINGS, ...definedOnly(settings) }, options.overrides);
    this.now = options.now ?? Date.now;
    this.observer = options.observer ?? NO_OBSERVER;
  }

  /**
   * Runs `action` through the key's breaker. It resolves: a success. It throws an UpstreamError
   * that counts against breakers: a failure. A CutShortError: a slow call when `unusual`, a
   * failure when the provider's share of the time ran out and its speed is unknown, else neutral.
   * Anything else thrown (a refusal) is neutral. Any call lasting slowCallDurationMs is also slow,
   * not counting `excludedMs()` (time the call spent waiting for credentials, not for the API).
   */
  async run<T>(key: string, action: () => Promise<T>, excludedMs: () => number = () => 0): Promise<T> {
    const breaker = this.breakerFor(key);
    let permit: { generation: number; probe: boolean };
    try {
      permit = breaker.admit();
    } catch (error) {
      const { provider, operation } = breakerKeyParts(key);
      this.observer.onBreakerFastFail(provider, operation);
      throw error;
    }
    const started = this.now();
    try {
      const result = await action();
      breaker.record(permit, 'success', this.now() - started - excludedMs());
      return result;
    } catch (error) {
      breaker.record(permit, verdictOf(error), this.now() - started - excludedMs());
      throw error;
    }
  }

  state(key: string): BreakerState {
    return this.breakers.get(key)?.state ?? 'closed';
  }

  /** How long the key's breaker stays open (ms), so a caller can skip what would fail fast; undefined when it is not open. */
  openFor(key: string): number | undefined {
    return this.breakers.get(key)?.openForMs;
  }

  states(): Record<string, BreakerState> {
    return Object.fromEntries([...this.breakers.keys()].map((key) => [key, this.state(key)]));
  }

  /** Forgets every breaker; the next call makes a new one. */
  shutdown(): void {
    this.breakers.clear();
  }

  private breakerFor(key: string): Breaker {
    let breaker = this.breakers.get(key);
    if (breaker) return breaker;
    const { provider, operation } = breakerKeyParts(key);
    breaker = new Breaker(key, this.settings.for(provider, operation), this.now, (state) =>
      this.observer.onBreakerTransition(provider, operation, state),
    );
    this.breakers.set(key, breaker);
    return breaker;
  }
}

