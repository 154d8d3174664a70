/**
 * Retries of one upstream call. Only failures the upstream may not repeat are retried (network,
 * timeout, 5xx, 429: UpstreamError.retryable), never a definite answer, a refusal, a garbled body,
 * a breaker's fast-fail or a caller who left. Waits are fully jittered exponential backoff, or the
 * upstream's Retry-After when it is longer; a retry happens only if it still fits in the caller's
 * deadline and the provider's retry budget allows it.
 */
import { UpstreamError } from '../contract/adapter.ts';
import { definedOnly } from './per-operation.ts';
import { ExtraCallBudget } from './extra-call-budget.ts';

export interface RetrySettings {
  /** Attempts per call, the first included (1 = never retry). */
  maxAttempts: number;
  /** Backoff before retry n is uniform in [0, min(maxDelayMs, baseDelayMs · 2^(n−1))]. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A retry starts only if at least this much of the deadline is left once its wait is over. */
  minAttemptMs: number;
  budget: RetryBudgetSettings;
}

export interface RetryBudgetSettings {
  /** Retries allowed as a share of first attempts in the window (0.2 = 20 %). */
  ratio: number;
  /** Retries allowed per second of window whatever the traffic. */
  minRetriesPerSecond: number;
  windowMs: number;
}

export const DEFAULT_RETRY_BUDGET: RetryBudgetSettings = { ratio: 0.2, minRetriesPerSecond: 1, windowMs: 10_000 };

export const DEFAULT_RETRY_SETTINGS: RetrySettings = {
  maxAttempts: 3,
  baseDelayMs: 50,
  maxDelayMs: 1_000,
  minAttemptMs: 100,
  budget: DEFAULT_RETRY_BUDGET,
};

export type RetrySettingsInput = Partial<Omit<RetrySettings, 'budget'>> & { budget?: Partial<RetryBudgetSettings> };

export interface RetryDependencies {
  now?: () => number;
  /** Uniform in [0, 1). */
  random?: () => number;
  /** Waits `ms`; rejects with the signal's reason when it fires first. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface RetryJob<T> {
  /** Whose budget the retries come from: the upstream that would carry the extra load. */
  budgetKey: string;
  /** Fires when nobody waits for the answer any more; ends a wait between attempts. */
  signal: AbortSignal;
  /** Epoch milliseconds after which nobody wants the answer. */
  deadlineAt: number;
  /** False when another provider can be asked instead: a timed-out attempt is then not repeated. */
  retryTimeouts?: boolean;
  attempt(): Promise<T>;
}

/** The wait before retry number `retry` (1 for the first retry), without Retry-After. */
export function fullJitterBackoff(retry: number, settings: Pick<RetrySettings, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

export class Retrier {
  private readonly settings: RetrySettings;
  private readonly budgets = new Map<string, ExtraCallBudget>();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private retryCount = 0;
  private refusedByBudget = 0;

  constructor(settings: RetrySettingsInput = {}, deps: RetryDependencies = {}) {
    this.settings = {
      ...DEFAULT_RETRY_SETTINGS,
      ...definedOnly(settings),
      budget: { ...DEFAULT_RETRY_BUDGET, ...definedOnly(settings.budget ?? {}) },
    };
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.sleep = deps.sleep ?? abortableSleep;
  }

  /** Retries sent since start. */
  get retries(): number {
    return this.retryCount;
  }

  /** Retries that were due but refused because the budget was spent. */
  get budgetRefusals(): number {
    return this.refusedByBudget;
  }

  async run<T>(job: RetryJob<T>): Promise<T> {
    this.budgetFor(job.budgetKey).recordCall();
    for (let attempt = 1; ; attempt++) {
      try {
        return await job.attempt();
      } catch (error) {
        const wait = this.waitBeforeRetry(error, attempt, job);
        if (wait === undefined) throw error;
        await this.sleep(wait, job.signal);
      }
    }
  }

  /** How long to wait before retrying after this failure; undefined when it is not retried. */
  private waitBeforeRetry(error: unknown, attempt: number, job: RetryJob<unknown>): number | undefined {
    if (attempt >= this.settings.maxAttempts || job.signal.aborted) return undefined;
    if (!(error instanceof UpstreamError) || !error.retryable) return undefined;
    if (error.failure === 'timeout' && job.retryTimeouts === false) return undefined;
    const backoff = fullJitterBackoff(attempt, this.settings, this.random);
    const wait = error.retryAfterMs === undefined ? backoff : Math.max(error.retryAfterMs, backoff);
    if (this.now() + wait + this.settings.minAttemptMs > job.deadlineAt) return undefined;
    // Last, so that a retry refused for another reason takes nothing from the budget.
    if (!this.budgetFor(job.budgetKey).trySpend()) {
      this.refusedByBudget++;
      return undefined;
    }
    this.retryCount++;
    return wait;
  }

  private budgetFor(key: string): ExtraCallBudget {
    let budget = this.budgets.get(key);
    if (!budget) {
      const { ratio, minRetriesPerSecond, windowMs } = this.settings.budget;
      budget = new ExtraCallBudget({ ratio, minPerSecond: minRetriesPerSecond, windowMs }, this.now);
      this.budgets.set(key, budget);
    }
    return budget;
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
