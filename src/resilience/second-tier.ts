/**
 * A cache shared by every instance of the gateway, behind each instance's in-memory LRU: on
 * Workers, the Cache API or a KV namespace (src/runtime/worker-stores.ts). It is an optimisation
 * only: a lookup that fails, hangs past its budget or reads something unexpected counts as a
 * miss, and writes happen in the background, so the tier can never fail or slow a request much.
 */
import { z } from 'zod';
import type { CachedAnswer } from './signal-cache.ts';
import { runInBackground } from '../contract/request-scope.ts';
import { withinTime, withinTimeReported } from '../shared-state/within-time.ts';
import type { GatewayObserver } from '../observability/observer.ts';

export interface SharedAnswerStore {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string, ttlSeconds: number): Promise<void>;
}

export interface SecondTierSettings {
  store: SharedAnswerStore;
  /** Longest a lookup may take before the request goes on without it. */
  timeoutMs: number;
  /** Told of each lookup or write that failed or ran out of time. */
  observer?: Pick<GatewayObserver, 'onSharedStateFailure'>;
}

/** What the tier holds: the answer and when it stops being fresh (wall clock, shared by instances). */
const StoredAnswerSchema = z.object({
  expiresAt: z.number(),
  answer: z.object({
    outcome: z.looseObject({ status: z.enum(['ok', 'not_found', 'not_supported']) }),
    observedAt: z.string(),
    latencyMs: z.number(),
  }),
});

export interface TierRecall {
  answer: CachedAnswer;
  /** Milliseconds the answer stays fresh. */
  ttlMs: number;
}

/** Writes may take longer than lookups (nobody waits for them), but not forever. */
const WRITE_TIMEOUT_FACTOR = 20;

export class SecondTier {
  private readonly settings: SecondTierSettings;
  private readonly now: () => number;
  private hitCount = 0;
  private failureCount = 0;
  private readonly reportFailure = (): void => {
    this.failureCount++;
    this.settings.observer?.onSharedStateFailure('second_tier');
  };

  constructor(settings: SecondTierSettings, now: () => number = Date.now) {
    this.settings = settings;
    this.now = now;
  }

  get hits(): number {
    return this.hitCount;
  }

  /** Lookups that failed or ran out of time (each one served as a miss). */
  get failures(): number {
    return this.failureCount;
  }

  async recall(key: string): Promise<TierRecall | undefined> {
    try {
      const text = await withinTime(this.settings.store.get(key), this.settings.timeoutMs, 'the second tier');
      if (text === undefined) return undefined;
      const stored = StoredAnswerSchema.parse(JSON.parse(text));
      const ttlMs = stored.expiresAt - this.now();
      if (ttlMs <= 0) return undefined;
      this.hitCount++;
      return { answer: stored.answer as CachedAnswer, ttlMs };
    } catch {
      // A store that fails or is late, and a value it holds that is not an answer.
      this.reportFailure();
      return undefined;
    }
  }

  /** Writes in the background; a write still pending after WRITE_TIMEOUT_FACTOR × timeoutMs is given up (it no longer holds the request open). */
  keep(key: string, answer: CachedAnswer, ttlSeconds: number): void {
    const value = JSON.stringify({ expiresAt: this.now() + ttlSeconds * 1000, answer });
    runInBackground(withinTimeReported(this.settings.store.put(key, value, ttlSeconds), this.settings.timeoutMs * WRITE_TIMEOUT_FACTOR, 'the second tier', this.reportFailure));
  }
}
