import CircuitBreaker from 'opossum';
import { UpstreamError } from '../../adapters/types.ts';
import { NO_OBSERVER, type GatewayObserver } from '../observability/observer.ts';

export interface BreakerSettings {
  /** Failure percentage over the rolling window that opens the breaker. */
  errorThresholdPercentage: number;
  /** Calls in the window before the percentage is trusted. */
  volumeThreshold: number;
  /** How long the breaker stays open before letting one probe through. */
  resetTimeoutMs: number;
  rollingWindowMs: number;
}

export const DEFAULT_BREAKER_SETTINGS: BreakerSettings = {
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  resetTimeoutMs: 10_000,
  rollingWindowMs: 10_000,
};

export type BreakerState = 'closed' | 'open' | 'half_open';

export class BreakerOpenError extends Error {
  readonly key: string;
  readonly retryAfterMs: number;
  constructor(key: string, retryAfterMs: number) {
    super('circuit breaker open: failing fast');
    this.name = 'BreakerOpenError';
    this.key = key;
    this.retryAfterMs = retryAfterMs;
  }
}

type Thunk = () => Promise<unknown>;

/** One breaker per provider × operation, keyed `provider:operation`. */
export function breakerKey(provider: string, operation: string): string {
  return `${provider}:${operation}`;
}

/** The parts of a breakerKey(); operations never hold a colon, provider ids might. */
export function breakerKeyParts(key: string): { provider: string; operation: string } {
  const colon = key.lastIndexOf(':');
  return { provider: key.slice(0, colon), operation: key.slice(colon + 1) };
}

interface Entry {
  breaker: CircuitBreaker<[Thunk], unknown>;
  openedAt: number;
  provider: string;
  operation: string;
}

/** Caller errors and definite refusals say nothing about upstream health: they never trip a breaker. */
function isNotAnUpstreamFault(error: unknown): boolean {
  if (error instanceof UpstreamError) return !error.countsAgainstBreaker;
  return error instanceof CallerGaveUpError;
}

/** Thrown through a breaker when the caller's own deadline ended the call, which is not the upstream's fault. */
export class CallerGaveUpError extends Error {
  constructor() {
    super('the caller stopped waiting');
    this.name = 'CallerGaveUpError';
  }
}

/**
 * One opossum breaker per key (provider × operation), created on first use: never at module
 * scope, because Workers forbid timers outside a request.
 */
export class BreakerRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly settings: BreakerSettings;
  private readonly now: () => number;
  private readonly observer: GatewayObserver;

  constructor(settings: Partial<BreakerSettings> = {}, now: () => number = Date.now, observer: GatewayObserver = NO_OBSERVER) {
    this.settings = { ...DEFAULT_BREAKER_SETTINGS, ...settings };
    this.now = now;
    this.observer = observer;
  }

  async run<T>(key: string, action: () => Promise<T>): Promise<T> {
    const entry = this.entryFor(key);
    try {
      return (await entry.breaker.fire(action)) as T;
    } catch (error) {
      if ((error as { code?: string }).code === 'EOPENBREAKER') {
        this.observer.onBreakerFastFail(entry.provider, entry.operation);
        const retryAfterMs = Math.max(0, entry.openedAt + this.settings.resetTimeoutMs - this.now());
        throw new BreakerOpenError(key, retryAfterMs);
      }
      throw error;
    }
  }

  state(key: string): BreakerState {
    const breaker = this.entries.get(key)?.breaker;
    if (!breaker || breaker.closed) return 'closed';
    return breaker.halfOpen ? 'half_open' : 'open';
  }

  states(): Record<string, BreakerState> {
    return Object.fromEntries([...this.entries.keys()].map((key) => [key, this.state(key)]));
  }

  shutdown(): void {
    for (const { breaker } of this.entries.values()) breaker.shutdown();
    this.entries.clear();
  }

  private entryFor(key: string): Entry {
    let entry = this.entries.get(key);
    if (entry) return entry;
    const breaker = new CircuitBreaker<[Thunk], unknown>((thunk) => thunk(), {
      name: key,
      timeout: false,
      errorThresholdPercentage: this.settings.errorThresholdPercentage,
      volumeThreshold: this.settings.volumeThreshold,
      resetTimeout: this.settings.resetTimeoutMs,
      rollingCountTimeout: this.settings.rollingWindowMs,
      rollingCountBuckets: 10,
      rollingPercentilesEnabled: false,
      enableSnapshots: false,
      errorFilter: isNotAnUpstreamFault,
    });
    const created: Entry = { breaker, openedAt: 0, ...breakerKeyParts(key) };
    const { provider, operation } = created;
    breaker.on('open', () => {
      created.openedAt = this.now();
      this.observer.onBreakerTransition(provider, operation, 'open');
    });
    breaker.on('halfOpen', () => this.observer.onBreakerTransition(provider, operation, 'half_open'));
    breaker.on('close', () => this.observer.onBreakerTransition(provider, operation, 'closed'));
    this.entries.set(key, created);
    entry = created;
    return entry;
  }
}
