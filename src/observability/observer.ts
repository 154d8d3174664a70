/**
 * What the gateway reports as it works, for metrics. Runtime-free: the engine, the breakers and the
 * app call these methods; the Node runtime implements them with prom-client
 * (src/observability/prometheus.ts), Workers run with NO_OBSERVER. Every method is called on the
 * hot path: it must be cheap and must never throw. No argument ever carries a phone number or its hash.
 */
import type { OperationId, SignalKind } from '../contract/signals.ts';
import type { BreakerState } from '../resilience/breaker.ts';
import { UpstreamError, type UpstreamFailure } from '../contract/adapter.ts';

/**
 * How one upstream attempt ended: the adapter's definite outcome, the kind of failure it threw,
 * `abandoned` when every waiter gave up before it answered, `internal` for an unexpected exception.
 */
export type UpstreamAttemptOutcome = 'ok' | 'not_found' | 'not_supported' | 'rejected' | UpstreamFailure | 'abandoned' | 'internal';

/** The outcome of an attempt that threw; `abandoned` when the call's own signal (every waiter gone) ended it. */
export function failedAttemptOutcome(error: unknown, abandoned: boolean): UpstreamAttemptOutcome {
  if (abandoned) return 'abandoned';
  return error instanceof UpstreamError ? error.failure : 'internal';
}

/** A hedge over a slow provider: sent, and (counted again) its answer came first. */
export type HedgeOutcome = 'started' | 'won';

/** What a shared-state call that failed or ran out of time was for (docs/scaling.md says how each is handled). */
export type SharedStateUse = 'rate_limit' | 'daily_cap' | 'sessions' | 'records' | 'second_tier';

/** Where a cache lookup was answered. */
export type CacheLookupResult = 'hit' | 'second_tier_hit' | 'miss';

export interface GatewayObserver {
  /** One northbound request answered; `route` is the matched route template, never the raw path. */
  onRequest(route: string, method: string, status: number, tenantId: string | undefined, durationMs: number): void;
  /** One attempt that really went out to a provider (retries are attempts of their own). */
  onUpstreamAttempt(provider: string, operation: OperationId, outcome: UpstreamAttemptOutcome, durationMs: number): void;
  onCacheLookup(kind: SignalKind, result: CacheLookupResult): void;
  /** An assessment looked up among the verdicts of identical assessments (hit: answered without the engine). */
  onAssessmentCacheLookup(result: 'hit' | 'miss'): void;
  /** A request joined an identical upstream call already under way instead of making its own. */
  onSingleFlightJoin(provider: string, operation: OperationId): void;
  onBreakerTransition(provider: string, operation: string, state: BreakerState): void;
  /** An open breaker answered instead of the provider. */
  onBreakerFastFail(provider: string, operation: string): void;
  /** The next provider was asked because `provider` was slow to answer (started), and its answer came first (won). */
  onHedge(provider: string, operation: OperationId, outcome: HedgeOutcome): void;
  /** A call to the shared state (Redis, Durable Objects) failed or ran out of time, and was handled without it. */
  onSharedStateFailure(use: SharedStateUse): void;
  /** An assessment answered, with the codes of the reasons that moved its confidence. */
  onAssessment(tenantId: string, recommendation: string, reasonCodes: readonly string[]): void;
  /** The tenant told what an assessed call turned out to be (first time only), with that assessment's reason codes. */
  onAssessmentOutcome(tenantId: string, outcome: string, reasonCodes: readonly string[]): void;
}

const ignore = (): void => {};

/** The default: reports go nowhere. */
export const NO_OBSERVER: GatewayObserver = {
  onRequest: ignore,
  onUpstreamAttempt: ignore,
  onCacheLookup: ignore,
  onAssessmentCacheLookup: ignore,
  onSingleFlightJoin: ignore,
  onBreakerTransition: ignore,
  onBreakerFastFail: ignore,
  onHedge: ignore,
  onSharedStateFailure: ignore,
  onAssessment: ignore,
  onAssessmentOutcome: ignore,
};

/** Read at scrape time: every breaker created so far, keyed `provider:operation`. */
export interface BreakerStates {
  states(): Record<string, BreakerState>;
}

/** The in-memory caches: answers, verdicts of identical assessments, and request bodies seen before (with the fast path for repeats). */
export type CacheName = 'signals' | 'verdicts' | 'repeats';

/** What the in-memory caches hold now: entries, and the heap they take (approximately). */
export interface CacheSizes {
  entries: Partial<Record<CacheName, number>>;
  bytes: Partial<Record<CacheName, number>>;
}

/** An observer that also renders what it saw, served at GET /metrics (Node only). */
export interface MetricsExporter extends GatewayObserver {
  /** Given once the engine exists, so each scrape can read the breakers' current states. */
  watchBreakers(breakers: BreakerStates): void;
  /** Given once the engine exists, so each scrape can read how full the caches are. */
  watchCaches(sizes: () => CacheSizes): void;
  readonly contentType: string;
  render(): Promise<string>;
}
