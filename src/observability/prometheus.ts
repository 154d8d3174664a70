/**
 * The gateway's metrics in Prometheus text, with prom-client: Node only (src/runtime/node.ts wires
 * it in; the Worker bundle never imports it). One Registry per gateway, never the global default,
 * so gateways in one process (tests) keep their own counts. Every metric is in docs/metrics.md.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OperationId, SignalKind } from '../contract/signals.ts';
import { breakerKeyParts, type BreakerState } from '../resilience/breaker.ts';
import { TallyCounter, TallyHistogram } from './tallies.ts';
import type { BreakerStates, CacheLookupResult, CacheSizes, HedgeOutcome, MetricsExporter, SharedStateUse, UpstreamAttemptOutcome } from './observer.ts';

/** From a cache hit (well under a millisecond) to an assessment's longest deadline. */
const REQUEST_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const UPSTREAM_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const BREAKER_STATES: readonly BreakerState[] = ['closed', 'open', 'half_open'];

/** Methods outside this set share one label value, so no client can grow the series. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** No tenant yet: the request was refused before its API key was read (or needs none). */
const NO_TENANT = 'none';

const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'];

function statusClassOf(status: number): string {
  return STATUS_CLASSES[Math.floor(status / 100) - 1] ?? 'other';
}

export interface PrometheusMetricsOptions {
  /** Node's process metrics (CPU, memory, event loop lag, GC, handles) on the same registry; default true. */
  processMetrics?: boolean;
}

export class PrometheusMetrics implements MetricsExporter {
  readonly registry = new Registry();
  private breakers: BreakerStates | undefined;
  private cacheSizes: (() => CacheSizes) | undefined;

  private readonly requests = new TallyCounter(
    this.registry,
    'numtrust_http_requests_total',
    'Requests answered, by matched route template, method, status code and tenant ("none" before authentication).',
    ['route', 'method', 'status', 'tenant'],
  );
  private readonly requestDuration = new TallyHistogram(
    this.registry,
    'numtrust_http_request_duration_seconds',
    'Time from receiving a request to its answer, by matched route template, method and status class.',
    ['route', 'method', 'status_class'],
    REQUEST_BUCKETS_SECONDS,
  );
  private readonly upstreamAttempts = this.counter(
    'numtrust_upstream_attempts_total',
    'Attempts sent to a provider (each retry is one), by provider, operation and outcome.',
    ['provider', 'operation', 'outcome'],
  );
  private readonly upstreamDuration = this.histogram(
    'numtrust_upstream_attempt_duration_seconds',
    'Duration of one upstream attempt, by provider, operation and outcome.',
    ['provider', 'operation', 'outcome'],
    UPSTREAM_BUCKETS_SECONDS,
  );
  private readonly cacheLookups = new TallyCounter(
    this.registry,
    'numtrust_cache_lookups_total',
    'Answer cache lookups, by signal kind and result (hit, second_tier_hit, miss).',
    ['kind', 'result'],
  );
  private readonly assessmentCacheLookups = new TallyCounter(
    this.registry,
    'numtrust_assessment_cache_lookups_total',
    'Assessments looked up among the verdicts of identical assessments still fresh, by result (hit: answered without asking the engine, miss).',
    ['result'],
  );
  private readonly singleFlightJoins = this.counter(
    'numtrust_single_flight_joins_total',
    'Requests that shared an identical upstream call already under way, by provider and operation.',
    ['provider', 'operation'],
  );
  private readonly breakerTransitions = this.counter(
    'numtrust_breaker_transitions_total',
    'Circuit breaker state changes, by provider, operation and the state entered.',
    ['provider', 'operation', 'state'],
  );
  private readonly breakerFastFails = this.counter(
    'numtrust_breaker_fast_fails_total',
    'Calls an open breaker refused without asking the provider, by provider and operation.',
    ['provider', 'operation'],
  );
  private readonly hedges = this.counter(
    'numtrust_hedges_total',
    'Hedges over a provider slow to answer, by that provider, operation and outcome (started: the next provider was asked; won: its answer came first).',
    ['provider', 'operation', 'outcome'],
  );

  private readonly sharedStateFailures = this.counter(
    'numtrust_shared_state_failures_total',
    'Calls to the shared state (Redis, Durable Objects) that failed or ran out of time, by use (rate_limit, daily_cap, sessions, second_tier).',
    ['use'],
  );

  private readonly assessments = new TallyCounter(
    this.registry,
    'numtrust_assessments_total',
    'Assessments answered, by tenant and recommendation.',
    ['tenant', 'recommendation'],
  );
  private readonly assessmentReasons = new TallyCounter(
    this.registry,
    'numtrust_assessment_reasons_total',
    'Reasons given by assessments, by tenant and reason code (one assessment counts each of its reasons; "none" when it gave none).',
    ['tenant', 'reason'],
  );
  private readonly assessmentOutcomes = this.counter(
    'numtrust_assessment_outcomes_total',
    'Outcomes tenants recorded for assessed calls, by tenant, outcome and each reason code the assessment gave ("none" when it gave none).',
    ['tenant', 'outcome', 'reason'],
  );

  constructor(options: PrometheusMetricsOptions = {}) {
    const breakerStates = () => this.breakers?.states() ?? {};
    new Gauge({
      name: 'numtrust_breaker_state',
      help: 'Current state of each circuit breaker created so far (1 for its state, 0 for the others), by provider and operation.',
      labelNames: ['provider', 'operation', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [key, current] of Object.entries(breakerStates())) {
          const { provider, operation } = breakerKeyParts(key);
          for (const state of BREAKER_STATES) this.set({ provider, operation, state }, state === current ? 1 : 0);
        }
      },
    });
    const cacheSizes = () => this.cacheSizes?.();
    const cacheGauge = (name: string, help: string, measure: keyof CacheSizes) =>
      new Gauge({
        name,
        help,
        labelNames: ['cache'] as const,
        registers: [this.registry],
        collect() {
          for (const [cache, value] of Object.entries(cacheSizes()?.[measure] ?? {})) this.set({ cache }, value);
        },
      });
    cacheGauge(
      'numtrust_cache_entries',
      'Entries the in-memory caches hold, by cache (signals: every tenant\'s answer cache; verdicts: verdicts of identical assessments).',
      'entries',
    );
    cacheGauge('numtrust_cache_bytes', 'Heap the in-memory caches hold, approximately (keys, values and bookkeeping, estimated per entry), by cache.', 'bytes');
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  watchBreakers(breakers: BreakerStates): void {
    this.breakers = breakers;
  }

  watchCaches(sizes: () => CacheSizes): void {
    this.cacheSizes = sizes;
  }

  onRequest(route: string, method: string, status: number, tenantId: string | undefined, durationMs: number): void {
    const knownMethod = KNOWN_METHODS.has(method) ? method : 'OTHER';
    this.requests.inc({ route, method: knownMethod, status, tenant: tenantId ?? NO_TENANT });
    this.requestDuration.observe({ route, method: knownMethod, status_class: statusClassOf(status) }, durationMs / 1000);
  }

  onUpstreamAttempt(provider: string, operation: OperationId, outcome: UpstreamAttemptOutcome, durationMs: number): void {
    const labels = { provider, operation, outcome };
    this.upstreamAttempts.inc(labels);
    this.upstreamDuration.observe(labels, durationMs / 1000);
  }

  onCacheLookup(kind: SignalKind, result: CacheLookupResult): void {
    this.cacheLookups.inc({ kind, result });
  }

  onAssessmentCacheLookup(result: 'hit' | 'miss'): void {
    this.assessmentCacheLookups.inc({ result });
  }

  onSingleFlightJoin(provider: string, operation: OperationId): void {
    this.singleFlightJoins.inc({ provider, operation });
  }

  onAssessment(tenantId: string, recommendation: string, reasonCodes: readonly string[]): void {
    this.assessments.inc({ tenant: tenantId, recommendation });
    for (const reason of reasonCodes.length > 0 ? reasonCodes : ['none']) this.assessmentReasons.inc({ tenant: tenantId, reason });
  }

  onAssessmentOutcome(tenantId: string, outcome: string, reasonCodes: readonly string[]): void {
    for (const reason of reasonCodes.length > 0 ? reasonCodes : ['none']) this.assessmentOutcomes.inc({ tenant: tenantId, outcome, reason });
  }

  onSharedStateFailure(use: SharedStateUse): void {
    this.sharedStateFailures.inc({ use });
  }

  onBreakerTransition(provider: string, operation: string, state: BreakerState): void {
    this.breakerTransitions.inc({ provider, operation, state });
  }

  onBreakerFastFail(provider: string, operation: string): void {
    this.breakerFastFails.inc({ provider, operation });
  }

  onHedge(provider: string, operation: OperationId, outcome: HedgeOutcome): void {
    this.hedges.inc({ provider, operation, outcome });
  }

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }
}
