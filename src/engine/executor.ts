import { UpstreamError, type Adapter, type CallContext, type OperationOutcome, type OperationRequest } from '../contract/adapter.ts';
import { CamaraError } from '../errors.ts';
import { failedAttemptOutcome, NO_OBSERVER, type GatewayObserver } from '../observability/observer.ts';
import { BreakerOpenError, BreakerRegistry, breakerKey, CutShortError } from '../resilience/breaker.ts';
import { deadline, deadlineExcluding, expiryOf } from '../contract/deadline.ts';
import { HedgePolicy, type HedgePolicyOptions, type HedgeSettings } from '../resilience/hedging.ts';
import { isUnusuallySlow, LatencyTracker } from '../resilience/latency.ts';
import { providerOperationKey } from '../resilience/per-operation.ts';
import { TimeBudget } from '../resilience/time-budget.ts';
import type { NumberKeyer } from '../resilience/number-key.ts';
import type { CachedAnswer, SignalCache } from '../resilience/signal-cache.ts';
import { Retrier, type RetryDependencies, type RetrySettingsInput } from '../resilience/retry.ts';
import { SingleFlight } from '../contract/single-flight.ts';
import { raceChain } from './chain-race.ts';
import { certifiesMore, meetsNeed, type CoverageNeed } from './coverage.ts';
import type { Chain } from './routing.ts';
import { noProviderCoverage, signalKindOf, unansweredSignal, type NormalizedSignal, type OperationId, type SignalProblem } from '../contract/signals.ts';

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
  /** This request's hedging (a channel's), over the configured defaults; a provider × operation's own settings still win. */
  hedging?: Partial<HedgeSettings>;
  /**
   * What an answer must certify to end the chain (a swap window, a call's direction); an answer
   * that certifies less is kept, and the next provider is asked for more (coverage.ts).
   */
  need?: CoverageNeed;
}

export interface ExecutorSettings {
  /** Upper bound for one upstream attempt, whatever the caller's deadline. */
  attemptTimeoutMs: number;
  /** The deadline assumed when the caller's signal does not tell its own (see ExecuteOptions.deadlineAt). */
  requestDeadlineMs?: number;
  /** Retries of failed attempts; defaults in src/resilience/retry.ts. */
  retry?: RetrySettingsInput;
  /** Hedged requests; defaults in src/resilience/hedging.ts. */
  hedging?: HedgePolicyOptions & { maxInFlight?: number };
}

const DEFAULT_MAX_IN_FLIGHT = 2;

const DEFAULT_REQUEST_DEADLINE_MS = 8_000;

/**
 * A tenant's budget of real upstream calls (its daily cap). Cache hits and single-flight joins
 * never reach it, and a breaker's fast-fail is not a call.
 */
export interface UpstreamCallBudget {
  /**
   * Before a call this request leads: takes its first attempt from the allowance, or throws a
   * CamaraError to refuse it, which ends execute() (no failover).
   */
  admit(tenantId: string): Promise<void>;
  /** Whether this instance last saw the allowance left (asked before a hedge, which is never worth a refusal). */
  wouldAdmit(tenantId: string): boolean;
  /** A further attempt (a retry) of an admitted call really goes out: counted, never refused. */
  spend(tenantId: string): void;
  /** An admitted call that never went out (its breaker failed it fast): its call is given back. */
  release(tenantId: string): void;
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
 * through the provider × operation breaker to the adapter, all within the caller's deadline. Each
 * provider gets only the part of the deadline that leaves the providers after it time to answer
 * (time-budget.ts), and a provider slow to answer is hedged with the next one (hedging.ts).
 * Fails over to the next provider only while the answer is not definite (unavailable,
 * not_supported, error); the first definite answer (ok, not_found) wins and the others are aborted.
 */
export class SignalExecutor {
  private readonly flights = new SingleFlight<CachedAnswer>();
  private readonly retrier: Retrier;
  /** Each provider × operation's answers, token waits included: how long asking it takes. */
  private readonly latency: LatencyTracker;
  /** The same without the token waits: how fast its API answers, against which a hang shows. */
  private readonly apiLatency: LatencyTracker;
  private readonly hedges: HedgePolicy;
  /** Each upstream attempt under way, by flight: when it started and how long it has waited for credentials. */
  private readonly attempts = new Map<string, { startedAt: number; timing: AttemptTiming }>();
  private readonly budget: TimeBudget;
  private readonly maxInFlight: number;
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
    this.latency = new LatencyTracker({}, this.now);
    this.apiLatency = new LatencyTracker({}, this.now);
    // Hedge a provider slow to answer its API, not one still running a CIBA flow (see admitHedge).
    this.hedges = new HedgePolicy(settings.hedging ?? {}, this.apiLatency, this.now);
    this.maxInFlight = settings.hedging?.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
    this.budget = new TimeBudget({
      latency: this.latency,
      isOpen: (provider, operation) => deps.breakers.state(breakerKey(provider, operation)) === 'open',
      now: this.now,
      attemptTimeoutMs: settings.attemptTimeoutMs,
    });
  }

  /** Hedges started, and hedges refused because a provider's hedge budget was spent. */
  get hedgeStats(): { hedges: number; budgetRefusals: number } {
    return this.hedges.stats;
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
    const kind = signalKindOf(request.operation);
    const candidates: Adapter[] = [];
    for (const link of chain) {
      if (link.signals && !link.signals.has(kind)) continue;
      const adapter = tenant.adapterFor(link.providerId);
      if (adapter && adapter.operations.has(request.operation)) candidates.push(adapter);
    }
    if (candidates.length === 0) {
      return unansweredSignal(request.operation, 'not_supported', noProviderCoverage('no configured provider offers this check for this number'));
    }
    const numberKey = options.numberKey ?? (await this.deps.keyer.keyOf(request.phoneNumber));
    const cachedAnswer = this.answerFromMemory(tenant, candidates, request, numberKey, options.need);
    if (cachedAnswer) return cachedAnswer;
    const deadlineAt = this.deadlineOf(options);
    const ids = candidates.map((adapter) => adapter.id);
    const hedgeDelay = (index: number) => this.hedges.delayFor(ids[index]!, request.operation, options.hedging, ids[index + 1]);
    const race = await raceChain<NormalizedSignal<Op>>({
      count: candidates.length,
      callerSignal: options.signal,
      maxInFlight: this.maxInFlight,
      isDefinite: (signal) => isDefinite(signal, options.need),
      hedgeDelay,
      admitHedge: (index) => {
        const notYet = this.apiWaitLeft(flightKeyOf(tenant, cacheKeyOf(ids[index]!, request, numberKey)), hedgeDelay(index));
        if (notYet > 0) return notYet;
        const admitted = (this.deps.upstreamBudget?.wouldAdmit(tenant.id) ?? true) && this.hedges.tryHedge(ids[index]!, request.operation);
        return admitted ? 'now' : 'never';
      },
      ask: (index, signal, leg) => {
        const rest = ids.slice(index + 1);
        const providerDeadlineAt = this.budget.providerDeadline(deadlineAt, rest, request.operation);
        const asked = this.ask(tenant, candidates[index]!, request, numberKey, {
          signal,
          deadlineAt: providerDeadlineAt,
          correlator: options.correlator,
          failoverAvailable: rest.length > 0,
          onUpstream: leg.onUpstream,
        });
        // A hedge the tenant's daily cap refuses is a hedge not sent, not a refused request.
        return leg.hedge ? asked.catch((error: unknown) => (error instanceof CamaraError ? undefined : Promise.reject(error))) : asked;
      },
    });
    for (const index of race.hedged) this.observer.onHedge(ids[index - 1]!, request.operation, 'started');
    if (race.winner) {
      const { index, answer } = race.winner;
      if (race.hedged.includes(index)) this.observer.onHedge(ids[index - 1]!, request.operation, 'won');
      // Preferred providers that failed, or had not answered yet (a hedge won): the answer may say less than theirs would have.
      const failed = race.answers.filter(({ index: asked, answer: signal }) => asked < index && isProviderFailure(signal));
      const overtaken = race.overtaken.filter((asked) => asked < index);
      if (failed.length === 0 && overtaken.length === 0) return answer;
      return {
        ...answer,
        ...(failed.length > 0 ? { fallbackAfter: failed.map(({ index: asked }) => ids[asked]!) } : {}),
        ...(overtaken.length > 0 ? { hedgedOver: overtaken.map((asked) => ids[asked]!) } : {}),
      };
    }
    // No answer gave all that was needed: the one that certifies most, else the most telling
    // non-answer (a refusal beats "unavailable").
    let partial: NormalizedSignal<Op> | undefined;
    for (const { answer } of race.answers) if (answer.status === 'ok' && (!partial || certifiesMore(partial, answer))) partial = answer;
    if (partial) return partial;
    let last: NormalizedSignal<Op> | undefined;
    for (const { answer } of race.answers) if (!last || last.status === 'unavailable') last = answer;
    return last ?? unansweredSignal(request.operation, 'unavailable', problem('TIMEOUT', 'the deadline passed before the provider answered', true));
  }

  /**
   * The common case, answered without any of the race's machinery: walking the chain in memory,
   * the first provider whose cached answer is definite, past providers whose cached answer sends
   * the race on without being a failure (a partial answer, a refusal of this very request, "not
   * offered"): what the race would answer, without an upstream call. A miss is the race's.
   */
  private answerFromMemory<Op extends OperationId>(
    tenant: TenantScope,
    candidates: readonly Adapter[],
    request: OperationRequest<Op>,
    numberKey: string,
    need: CoverageNeed | undefined,
  ): NormalizedSignal<Op> | undefined {
    const kind = signalKindOf(request.operation);
    for (let index = 0; index < candidates.length; index++) {
      const adapter = candidates[index]!;
      const hit = tenant.cache.get(cacheKeyOf(adapter.id, request, numberKey));
      if (!hit) return undefined;
      const answer = this.toSignal(request.operation, adapter.id, hit, true);
      if (isDefinite(answer, need)) {
        for (let looked = 0; looked <= index; looked++) this.observer.onCacheLookup(kind, 'hit');
        return answer;
      }
      // A partial answer, a refusal of this request, "not offered": the race would ask the next provider.
      if (isProviderFailure(answer)) return undefined;
    }
    return undefined;
  }

  private async ask<Op extends OperationId>(
    tenant: TenantScope,
    adapter: Adapter,
    request: OperationRequest<Op>,
    numberKey: string,
    options: LegOptions,
  ): Promise<NormalizedSignal<Op>> {
    const cacheKey = cacheKeyOf(adapter.id, request, numberKey);
    const kind = signalKindOf(request.operation);
    const inMemory = tenant.cache.get(cacheKey);
    const cached = inMemory ?? (await tenant.cache.recall(kind, cacheKey));
    this.observer.onCacheLookup(kind, inMemory ? 'hit' : cached ? 'second_tier_hit' : 'miss');
    if (cached) return this.toSignal(request.operation, adapter.id, cached, true);

    options.onUpstream();
    const started = this.now();
    const { deadlineAt, correlator, failoverAvailable } = options;
    try {
      const joinsBefore = this.flights.joins;
      const flightKey = flightKeyOf(tenant, cacheKey);
      const flight = this.flights.run(
        flightKey,
        (flightSignal) => this.callUpstream(adapter, request, { flightKey, flightSignal, deadlineAt, correlator, tenantId: tenant.id, failoverAvailable }),
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
   * One call that must be neither repeated nor shared, pinned to one provider: Number
   * Verification's code exchange and /verify (an authorization code is single-use, and no other
   * provider could redeem it). Like any call it passes the tenant's daily cap, goes through the
   * provider × operation breaker under the attempt timeout and the caller's deadline, and is
   * reported to the observer; unlike them it is never cached, never joined with another call
   * (single-flight), never retried (a retry would send the code again), and never hedged or
   * failed over (no chain race is run). Resolves with the adapter's outcome; throws its
   * UpstreamError (a `timeout` when the caller's deadline ended it), a BreakerOpenError, or the
   * daily cap's CamaraError.
   */
  async executeSingleUse<Op extends OperationId>(
    tenant: TenantScope,
    providerId: string,
    operation: Op,
    invoke: (adapter: Adapter, context: CallContext) => Promise<OperationOutcome<Op>>,
    options: Pick<ExecuteOptions, 'signal' | 'correlator'>,
  ): Promise<OperationOutcome<Op>> {
    const adapter = tenant.adapterFor(providerId);
    if (!adapter) throw new Error(`tenant ${tenant.id} has no provider ${providerId}`);
    await this.deps.upstreamBudget?.admit(tenant.id);
    const sends = this.sendCounter(tenant.id);
    try {
      const { outcome } = await this.attempt(adapter, operation, (context) => invoke(adapter, context), {
        signal: options.signal,
        deadlineAt: this.deadlineOf(options),
        correlator: options.correlator,
        tenantId: tenant.id,
        failoverAvailable: false,
        started: this.now(),
        onSend: sends.onSend,
      });
      return outcome;
    } catch (error) {
      if (!(error instanceof CutShortError)) throw error;
      throw new UpstreamError(providerId, 'timeout', `${providerId}: no answer before the deadline`, { cause: error });
    } finally {
      sends.settle();
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
    call: { flightKey: string; flightSignal: AbortSignal; deadlineAt: number; correlator: string | undefined; tenantId: string; failoverAvailable: boolean },
  ): Promise<CachedAnswer> {
    const { flightKey, flightSignal, deadlineAt, correlator, tenantId, failoverAvailable } = call;
    await this.deps.upstreamBudget?.admit(tenantId);
    this.hedges.recordCall(adapter.id, request.operation);
    const started = this.now();
    const sends = this.sendCounter(tenantId);
    return this.retrier.run({
      budgetKey: adapter.id,
      signal: flightSignal,
      deadlineAt,
      retryTimeouts: !failoverAvailable,
      attempt: () =>
        this.attempt(adapter, request.operation, (context) => adapter.execute(request, context), {
          signal: flightSignal,
          flightKey,
          deadlineAt,
          correlator,
          tenantId,
          failoverAvailable,
          started,
          onSend: sends.onSend,
        }),
    }).finally(sends.settle);
  }

  /**
   * The daily cap's view of one admitted call: its first attempt was taken by admit(), each
   * further one is spent, and a call none of whose attempts went out is given back.
   */
  private sendCounter(tenantId: string): { onSend: () => void; settle: () => void } {
    let sent = 0;
    return {
      onSend: () => {
        if (sent++ > 0) this.deps.upstreamBudget?.spend(tenantId);
      },
      settle: () => {
        if (sent === 0) this.deps.upstreamBudget?.release(tenantId);
      },
    };
  }

  /**
   * One attempt through the provider × operation breaker, under the attempt timeout (or the
   * provider's share of the deadline) and `call.signal`; spent from the tenant's daily cap and
   * reported to the observer and the latency trackers.
   */
  private attempt<Op extends OperationId>(
    adapter: Adapter,
    operation: Op,
    invoke: (context: CallContext) => Promise<OperationOutcome<Op>>,
    call: AttemptCall,
  ): Promise<CachedAnswer> {
    const { signal, tenantId, correlator } = call;
    const key = providerOperationKey(adapter.id, operation);
    // Every field from the start: the adapter sets them, and the object keeps one shape.
    const timing: AttemptTiming = { tokenWaitMs: 0, awaitingToken: false, authorizationWaitMs: 0, authorizingSince: undefined };
    return this.deps.breakers.run(
      key,
      async () => {
        // The last provider's attempts are cut by the caller's deadline itself (a 504, not a provider
        // failure), and their timeout counts the provider's time only: a subject's authorization
        // (a CIBA flow) runs on to that deadline, where another provider would get the time next.
        const timeoutMs = call.failoverAvailable ? this.budget.attemptTimeout(call.deadlineAt) : this.settings.attemptTimeoutMs;
        const attempt = call.failoverAvailable ? deadline(timeoutMs, signal) : deadlineExcluding(timeoutMs, signal, () => authorizationWaitOf(timing));
        const attemptStarted = performance.now();
        const running = { startedAt: attemptStarted, timing };
        if (call.flightKey !== undefined) this.attempts.set(call.flightKey, running);
        try {
          call.onSend();
          const outcome: OperationOutcome = await invoke({ signal: attempt.signal, tenantId, correlator, timing });
          const elapsedMs = performance.now() - attemptStarted;
          this.observer.onUpstreamAttempt(adapter.id, operation, outcome.status, elapsedMs);
          const latencyMs = this.now() - call.started;
          this.latency.record(key, latencyMs);
          this.apiLatency.record(key, elapsedMs - timing.tokenWaitMs);
          return { outcome, observedAt: new Date().toISOString(), latencyMs };
        } catch (error) {
          const elapsedMs = performance.now() - attemptStarted;
          this.observer.onUpstreamAttempt(adapter.id, operation, failedAttemptOutcome(error, signal.aborted), elapsedMs);
          // Every waiter gave up, or the provider's share of the deadline (shorter than its own
          // attempt timeout) ran out: it was slower than the time it was given, no more.
          const unusual = () => isUnusuallySlow(this.apiLatency, key, elapsedMs - timing.tokenWaitMs);
          if (signal.aborted) throw new CutShortError('caller', unusual());
          const cutByBudget = timeoutMs < this.settings.attemptTimeoutMs && attempt.signal.aborted;
          if (cutByBudget && error instanceof UpstreamError && error.failure === 'timeout') throw new CutShortError('budget', unusual(), error);
          throw error;
        } finally {
          attempt.release();
          if (call.flightKey !== undefined && this.attempts.get(call.flightKey) === running) this.attempts.delete(call.flightKey);
        }
      },
      () => timing.tokenWaitMs,
    );
  }

  private deadlineOf(options: Pick<ExecuteOptions, 'signal' | 'deadlineAt'>): number {
    return options.deadlineAt ?? expiryOf(options.signal) ?? this.now() + (this.settings.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS);
  }

  /**
   * How much longer to wait before hedging over a flight's provider, which is slow only once its
   * API has had `delayMs` to answer: a provider still obtaining credentials (a CIBA flow) is not
   * slow to answer, and its share of the deadline covers that wait. 0: hedge now.
   */
  private apiWaitLeft(flightKey: string, delayMs: number | undefined): number {
    const attempt = this.attempts.get(flightKey);
    if (!attempt || delayMs === undefined) return 0;
    if (attempt.timing.awaitingToken) return delayMs;
    const apiElapsedMs = performance.now() - attempt.startedAt - attempt.timing.tokenWaitMs;
    return Math.max(0, Math.ceil(delayMs - apiElapsedMs));
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
    thrown: unknown,
    latencyMs: number,
    callerSignal: AbortSignal,
  ): NormalizedSignal<Op> {
    // A call cut short by the provider's share of the deadline is the timeout it was.
    const error = thrown instanceof CutShortError && thrown.cause instanceof UpstreamError ? thrown.cause : thrown;
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
      const transient = error.retryable || error.failure === 'malformed' || error.failure === 'token_pending';
      const described = problem(transient ? 'UNAVAILABLE' : 'UPSTREAM_REFUSED', `provider ${describeFailure(error)}`, transient);
      if (error.retryAfterMs !== undefined) described.retryAfterMs = error.retryAfterMs;
      return { ...base, status: transient ? 'unavailable' : 'error', problem: described };
    }
    return { ...base, status: 'error', problem: problem('INTERNAL', 'unexpected failure while asking the provider', false) };
  }

}

/** A definite answer ends the chain: "unknown number", or an answer that certifies all that is needed. */
function isDefinite(signal: NormalizedSignal, need: CoverageNeed | undefined): boolean {
  return signal.status === 'not_found' || (signal.status === 'ok' && meetsNeed(signal, need));
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
  token_pending: 'was still authorizing the request for this number',
};

function describeFailure(error: UpstreamError): string {
  return FAILURE_TEXT[error.failure];
}

interface AttemptCall {
  /** The call's end: every waiter gone, or the caller's deadline. */
  signal: AbortSignal;
  /** Registers the attempt for hedging decisions (apiWaitLeft); none for a call never hedged. */
  flightKey?: string;
  deadlineAt: number;
  correlator: string | undefined;
  tenantId: string;
  failoverAvailable: boolean;
  /** When the call (its first attempt) started: latencies count retries too. */
  started: number;
  /** The attempt really goes out (the daily cap counts it). */
  onSend: () => void;
}

interface LegOptions {
  /** This leg's end: the caller's deadline, or another provider's answer winning. */
  signal: AbortSignal;
  /** When this provider must give up so that the providers after it still have time. */
  deadlineAt: number;
  correlator: string | undefined;
  /** Another provider can be asked after this one (a timed-out attempt is not repeated then). */
  failoverAvailable: boolean;
  /** Called when the answer is not cached and an upstream call is needed. */
  onUpstream: () => void;
}

function flightKeyOf(tenant: TenantScope, cacheKey: string): string {
  return `${tenant.id}|${cacheKey}`;
}

function cacheKeyOf(provider: string, request: OperationRequest, numberKey: string): string {
  return `${provider}|${request.operation}|${stableParams(request.params)}|${numberKey}`;
}

function stableParams(params: object): string {
  return Object.entries(params)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('&');
}

type AttemptTiming = NonNullable<CallContext['timing']>;

/** How long the attempt has waited for subjects' authorization so far, the wait under way included. */
function authorizationWaitOf(timing: AttemptTiming): number {
  const current = timing.authorizingSince === undefined ? 0 : performance.now() - timing.authorizingSince;
  return (timing.authorizationWaitMs ?? 0) + current;
}
