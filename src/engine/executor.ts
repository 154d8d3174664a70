import { UpstreamError, type Adapter, type OperationOutcome, type OperationRequest } from '../../adapters/types.ts';
import { CamaraError } from '../errors.ts';
import { failedAttemptOutcome, NO_OBSERVER, type GatewayObserver } from '../observability/observer.ts';
import { BreakerOpenError, BreakerRegistry, breakerKey, CallerGaveUpError } from '../resilience/breaker.ts';
import { deadline, expiryOf } from '../resilience/deadline.ts';
import type { NumberKeyer } from '../resilience/number-key.ts';
import type { CachedAnswer, SignalCache } from '../resilience/signal-cache.ts';
import { Retrier, type RetryDependencies, type RetrySettingsInput } from '../resilience/retry.ts';
import { SingleFlight } from '../resilience/single-flight.ts';
import type { Chain } from './routing.ts';
import { signalKindOf, unansweredSignal, type NormalizedSignal, type OperationId, type SignalProblem } from './signals.ts';

export interface TenantScope {
  id: string;
  cache: SignalCache;
  /** The tenant's own adapter instances: credentials and tokens never cross tenants. */
  adapterFor(providerId: string): Adapter | undefined;
}

export interface ExecuteOptions {
  /** The caller's deadline: when it fires the answer is 'unavailable' and, if nobody else waits, the upstream call is aborted. */
  signal: AbortSignal;
  /**
   * When `signal` fires (epoch ms), so a retry is only started if it fits. Read from the signal
   * when it comes from deadlineSignal(); else the executor's requestDeadlineMs from now.
   */
  deadlineAt?: number;
  correlator?: string;
  /** Ask only this provider of the number's chain (developer diagnosis); it must be in the chain. */
  provider?: string;
  /** The number's keyed hash when the caller already has it (an assessment asks several operations of one number). */
  numberKey?: string;
}

export interface ExecutorSettings {
  /** Upper bound for one upstream attempt, whatever the caller's deadline. */
  attemptTimeoutMs: number;
  /** The deadline assumed when the caller's signal does not tell its own (see ExecuteOptions.deadlineAt). */
  requestDeadlineMs?: number;
  /** Retries of failed attempts; defaults in src/resilience/retry.ts. */
  retry?: RetrySettingsInput;
}

const DEFAULT_REQUEST_DEADLINE_MS = 8_000;

/**
 * A tenant's budget of real upstream calls (its daily cap). Cache hits and single-flight joins
 * never reach it, and a breaker's fast-fail is not a call.
 */
export interface UpstreamCallBudget {
  /** Before a call this request leads; throws a CamaraError to refuse it, which ends execute() (no failover). */
  admit(tenantId: string): void;
  /** An attempt really goes out to the provider. */
  spend(tenantId: string): void;
}

export interface ExecutorDependencies {
  breakers: BreakerRegistry;
  keyer: NumberKeyer;
  now?: () => number;
  upstreamBudget?: UpstreamCallBudget;
  /** Randomness and waiting of the retry backoff, replaceable in tests. */
  retry?: Omit<RetryDependencies, 'now'>;
  /** Told of cache lookups, single-flight joins and every upstream attempt (metrics). */
  observer?: GatewayObserver;
}

/**
 * Asks one operation of a provider chain: cache, then single-flight, then retries, each attempt
 * through the provider × operation breaker to the adapter under the attempt timeout, all within
 * the caller's deadline. Fails over to the next provider only while the answer is not definite
 * (unavailable, not_supported, error); never after ok or not_found.
 */
export class SignalExecutor {
  private readonly flights = new SingleFlight<CachedAnswer>();
  private readonly retrier: Retrier;
  private readonly deps: ExecutorDependencies;
  private readonly settings: ExecutorSettings;
  private readonly now: () => number;
  private readonly observer: GatewayObserver;

  constructor(deps: ExecutorDependencies, settings: ExecutorSettings) {
    this.deps = deps;
    this.settings = settings;
    this.now = deps.now ?? Date.now;
    this.observer = deps.observer ?? NO_OBSERVER;
    this.retrier = new Retrier(settings.retry, { ...deps.retry, now: this.now });
  }

  get singleFlightJoins(): number {
    return this.flights.joins;
  }

  /** Upstream calls under way (single-flight entries); 0 once everything has settled. */
  get callsInFlight(): number {
    return this.flights.inFlight;
  }

  /** Retries sent, and retries refused because a provider's retry budget was spent. */
  get retryStats(): { retries: number; budgetRefusals: number } {
    return { retries: this.retrier.retries, budgetRefusals: this.retrier.budgetRefusals };
  }

  async execute<Op extends OperationId>(
    tenant: TenantScope,
    chain: Chain,
    request: OperationRequest<Op>,
    options: ExecuteOptions,
  ): Promise<NormalizedSignal<Op>> {
    const numberKey = options.numberKey ?? (await this.deps.keyer.keyOf(request.phoneNumber));
    const deadlineAt =
      options.deadlineAt ?? expiryOf(options.signal) ?? this.now() + (this.settings.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS);
    const kind = signalKindOf(request.operation);
    let last: NormalizedSignal<Op> | undefined;
    const failed: string[] = [];
    for (const link of chain) {
      if (link.signals && !link.signals.has(kind)) continue;
      const adapter = tenant.adapterFor(link.providerId);
      if (!adapter || !adapter.operations.has(request.operation)) continue;
      const signal = await this.ask(tenant, adapter, request, numberKey, options, deadlineAt);
      if (signal.status === 'ok' || signal.status === 'not_found') {
        return failed.length > 0 ? { ...signal, fallbackAfter: failed } : signal;
      }
      if (isProviderFailure(signal)) failed.push(adapter.id);
      // Keep the most telling non-definite answer: a refusal beats "unavailable".
      if (!last || last.status === 'unavailable') last = signal;
      if (options.signal.aborted) break;
    }
    return (
      last ??
      unansweredSignal(request.operation, 'not_supported', problem('SERVICE_NOT_APPLICABLE', 'no configured provider offers this check for this number', false))
    );
  }

  private async ask<Op extends OperationId>(
    tenant: TenantScope,
    adapter: Adapter,
    request: OperationRequest<Op>,
    numberKey: string,
    options: ExecuteOptions,
    deadlineAt: number,
  ): Promise<NormalizedSignal<Op>> {
    const cacheKey = `${adapter.id}|${request.operation}|${stableParams(request.params)}|${numberKey}`;
    const kind = signalKindOf(request.operation);
    const inMemory = tenant.cache.get(cacheKey);
    const cached = inMemory ?? (await tenant.cache.recall(kind, cacheKey));
    this.observer.onCacheLookup(kind, inMemory ? 'hit' : cached ? 'second_tier_hit' : 'miss');
    if (cached) return this.toSignal(request.operation, adapter.id, cached, true);

    const started = this.now();
    try {
      const joinsBefore = this.flights.joins;
      const flight = this.flights.run(
        `${tenant.id}|${cacheKey}`,
        (flightSignal) => this.callUpstream(adapter, request, { flightSignal, deadlineAt, correlator: options.correlator, tenantId: tenant.id }),
        options.signal,
      );
      if (this.flights.joins !== joinsBefore) this.observer.onSingleFlightJoin(adapter.id, request.operation);
      const answer = await flight;
      tenant.cache.set(kind, cacheKey, answer);
      return this.toSignal(request.operation, adapter.id, answer, false);
    } catch (error) {
      // The request itself was refused (the tenant's daily cap): not a provider failure.
      if (error instanceof CamaraError) throw error;
      return this.failureSignal(request.operation, adapter.id, error, this.now() - started, options.signal);
    }
  }

  /**
   * The call behind one single-flight entry. Each attempt goes through the breaker on its own, so
   * every failed attempt counts against the provider and a breaker that opens mid-way stops the
   * retries (its fast-fail is not retried). Retries follow the leader's deadline; the attempts
   * are aborted only when every waiter has left.
   */
  private async callUpstream<Op extends OperationId>(
    adapter: Adapter,
    request: OperationRequest<Op>,
    call: { flightSignal: AbortSignal; deadlineAt: number; correlator: string | undefined; tenantId: string },
  ): Promise<CachedAnswer> {
    const { flightSignal, tenantId, correlator } = call;
    this.deps.upstreamBudget?.admit(tenantId);
    const started = this.now();
    return this.retrier.run({
      budgetKey: adapter.id,
      signal: flightSignal,
      deadlineAt: call.deadlineAt,
      attempt: () =>
        this.deps.breakers.run(breakerKey(adapter.id, request.operation), async () => {
          const attempt = deadline(this.settings.attemptTimeoutMs, flightSignal);
          const attemptStarted = performance.now();
          try {
            this.deps.upstreamBudget?.spend(tenantId);
            const outcome: OperationOutcome = await adapter.execute(request, { signal: attempt.signal, tenantId, correlator });
            this.observer.onUpstreamAttempt(adapter.id, request.operation, outcome.status, performance.now() - attemptStarted);
            return { outcome, observedAt: new Date().toISOString(), latencyMs: this.now() - started };
          } catch (error) {
            const failure = failedAttemptOutcome(error, flightSignal.aborted);
            this.observer.onUpstreamAttempt(adapter.id, request.operation, failure, performance.now() - attemptStarted);
            // Every waiter gave up: the abort is ours, not a sign of upstream trouble.
            if (flightSignal.aborted) throw new CallerGaveUpError();
            throw error;
          } finally {
            attempt.release();
          }
        }),
    });
  }

  private toSignal<Op extends OperationId>(
    operation: Op,
    provider: string,
    answer: CachedAnswer,
    cached: boolean,
  ): NormalizedSignal<Op> {
    const base = {
      kind: signalKindOf(operation),
      operation,
      provider,
      observedAt: answer.observedAt,
      cached,
      latencyMs: cached ? 0 : answer.latencyMs,
    };
    const outcome = answer.outcome as OperationOutcome<Op>;
    switch (outcome.status) {
      case 'ok':
        return { ...base, status: 'ok', value: outcome.value };
      case 'not_found':
        return { ...base, status: 'not_found', value: null, problem: problem('IDENTIFIER_NOT_FOUND', outcome.message, false) };
      case 'not_supported':
        return { ...base, status: 'not_supported', value: null, problem: problem('SERVICE_NOT_APPLICABLE', outcome.message, false) };
      case 'rejected':
        return { ...base, status: 'error', value: null, problem: problem(outcome.code, outcome.message, false) };
    }
  }

  private failureSignal<Op extends OperationId>(
    operation: Op,
    provider: string,
    error: unknown,
    latencyMs: number,
    callerSignal: AbortSignal,
  ): NormalizedSignal<Op> {
    const base = {
      kind: signalKindOf(operation),
      operation,
      provider,
      observedAt: new Date().toISOString(),
      cached: false,
      latencyMs,
      value: null,
    };
    if (callerSignal.aborted) {
      return { ...base, status: 'unavailable', problem: problem('TIMEOUT', 'the deadline passed before the provider answered', true) };
    }
    if (error instanceof BreakerOpenError) {
      return {
        ...base,
        status: 'unavailable',
        problem: { ...problem('UNAVAILABLE', 'provider is failing; breaker open', true), retryAfterMs: error.retryAfterMs },
      };
    }
    if (error instanceof UpstreamError) {
      const transient = error.retryable || error.failure === 'malformed';
      const described = problem(transient ? 'UNAVAILABLE' : 'UPSTREAM_REFUSED', `provider ${describeFailure(error)}`, transient);
      if (error.retryAfterMs !== undefined) described.retryAfterMs = error.retryAfterMs;
      return { ...base, status: transient ? 'unavailable' : 'error', problem: described };
    }
    return { ...base, status: 'error', problem: problem('INTERNAL', 'unexpected failure while asking the provider', false) };
  }

}

/** The provider failed us, as opposed to refusing this particular request (a look-back beyond its window). */
function isProviderFailure(signal: NormalizedSignal): boolean {
  if (signal.status === 'unavailable') return true;
  return signal.status === 'error' && signal.problem?.code !== 'OUT_OF_RANGE' && signal.problem?.code !== 'INVALID_ARGUMENT';
}

function problem(code: string, message: string, retryable: boolean): SignalProblem {
  return { code, message, retryable };
}

const FAILURE_TEXT: Record<UpstreamError['failure'], string> = {
  network: 'could not be reached',
  timeout: 'did not answer in time',
  server: 'failed (server error)',
  rate_limited: 'is rate limiting us',
  malformed: 'answered with a malformed response',
  auth: 'refused our credentials',
  rejected: 'refused the request',
};

function describeFailure(error: UpstreamError): string {
  return FAILURE_TEXT[error.failure];
}

function stableParams(params: object): string {
  return Object.entries(params)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('&');
}
