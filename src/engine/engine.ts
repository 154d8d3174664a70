import type { Adapter, AdapterDependencies, CallContext, OperationOutcome, OperationRequest } from '../contract/adapter.ts';
import type { GatewayConfig } from '../config/schema.ts';
import type { GatewayObserver } from '../observability/observer.ts';
import { BreakerRegistry } from '../resilience/breaker.ts';
import type { HmacSha256 } from '../contract/hmac.ts';
import { NumberKeyer } from '../resilience/number-key.ts';
import { SecondTier, type SharedAnswerStore } from '../resilience/second-tier.ts';
import { DEFAULT_CACHE_SETTINGS, SignalCache } from '../resilience/signal-cache.ts';
import { createAdapter } from './adapter-factory.ts';
import { SignalExecutor, type ExecuteOptions, type ExecutorSettings } from './executor.ts';
import { definedOnly } from '../resilience/per-operation.ts';
import { Router } from './routing.ts';
import { noProviderCoverage, unansweredSignal, type NormalizedSignal, type OperationId, type SignalKind } from '../contract/signals.ts';
import { DailyUpstreamQuota } from './daily-quota.ts';
import { AssessmentAnswerCache } from './assessment/answer-cache.ts';
import type { CacheSizes } from '../observability/observer.ts';
import { TenantRuntime, tenantProviderConfigs } from './tenants.ts';
import type { SharedState } from '../shared-state/port.ts';
import { memorySharedState } from '../shared-state/memory.ts';

export interface EngineDependencies extends AdapterDependencies {
  /** Without it, one is built from config with `hmacSha256` (AdapterDependencies; Web Crypto when absent). */
  keyer?: NumberKeyer;
  /** Where `cache.secondTier` points, provided by the runtime (Workers' Cache API or KV); without it there is no second tier. */
  secondTierStore?: SharedAnswerStore;
  /** Told of upstream attempts, cache lookups, single-flight joins and breaker changes (metrics). */
  observer?: GatewayObserver;
  /** What every instance shares (daily caps; with Redis the second tier); in memory when absent. */
  sharedState?: SharedState;
}

/**
 * The second tier `cache.secondTier` names; unset, the shared state's own answer store where it has
 * one (Redis), so instances sharing a Redis also share answers.
 */
function secondTierOf(config: GatewayConfig, deps: EngineDependencies, shared: SharedState): SecondTier | undefined {
  const tier = config.cache.secondTier ?? (shared.answers ? { store: 'shared-state' as const, timeoutMs: shared.timeoutMs } : undefined);
  if (!tier || tier.store === 'none') return undefined;
  const store = tier.store === 'shared-state' ? shared.answers : deps.secondTierStore;
  return store && new SecondTier({ store, timeoutMs: tier.timeoutMs, observer: deps.observer }, deps.now);
}

function numberKeyerFor(config: GatewayConfig, hmac: HmacSha256 | undefined): NumberKeyer {
  return new NumberKeyer(config.numberKeySecret === undefined ? undefined : new TextEncoder().encode(config.numberKeySecret), hmac);
}

function hedgingOf({ maxInFlight, budget, overrides, ...settings }: GatewayConfig['hedging']): ExecutorSettings['hedging'] {
  return {
    maxInFlight,
    budget: budget && definedOnly(budget),
    settings: definedOnly(settings),
    overrides: (overrides ?? []).map(({ provider, operation, ...own }) => ({ provider, operation, settings: own })),
  };
}

/**
 * The gateway's core, free of HTTP: a number and an operation in, a normalized signal out.
 */
export class Engine {
  readonly breakers: BreakerRegistry;
  /** Each tenant's upstream calls today, against its dailyUpstreamCap. */
  readonly upstreamQuota: DailyUpstreamQuota;
  private readonly router: Router;
  private readonly executor: SignalExecutor;
  private readonly keyer: NumberKeyer;
  private readonly tenants = new Map<string, TenantRuntime>();
  private readonly cacheTtlSeconds: Record<SignalKind, number>;
  /** Verdicts of identical assessments, while the answers they read are fresh (answer-cache.ts). */
  readonly verdicts: AssessmentAnswerCache;

  constructor(config: GatewayConfig, deps: EngineDependencies) {
    this.router = new Router(config.routes);
    const { overrides: breakerOverrides, ...breakerDefaults } = config.breaker;
    this.breakers = new BreakerRegistry(breakerDefaults, {
      now: deps.now,
      observer: deps.observer,
      overrides: (breakerOverrides ?? []).map(({ provider, operation, ...settings }) => ({ provider, operation, settings })),
    });
    const shared = deps.sharedState ?? memorySharedState(deps.now);
    this.upstreamQuota = new DailyUpstreamQuota(config.tenants, shared.quotas, { timeoutMs: shared.timeoutMs, now: deps.now, observer: deps.observer });
    this.keyer = deps.keyer ?? numberKeyerFor(config, deps.hmacSha256);
    this.executor = new SignalExecutor(
      {
        breakers: this.breakers,
        keyer: this.keyer,
        now: deps.now,
        upstreamBudget: this.upstreamQuota,
        observer: deps.observer,
      },
      {
        attemptTimeoutMs: config.server.attemptTimeoutMs,
        requestDeadlineMs: config.server.requestDeadlineMs,
        retry: config.retry,
        hedging: hedgingOf(config.hedging),
      },
    );
    const cacheSettings = {
      maxEntries: config.cache.maxEntries,
      ttlSeconds: { ...DEFAULT_CACHE_SETTINGS.ttlSeconds, ...config.cache.ttlSeconds },
    };
    this.cacheTtlSeconds = cacheSettings.ttlSeconds;
    this.verdicts = new AssessmentAnswerCache((kind) => this.cacheTtlSeconds[kind], deps.now);
    const secondTier = secondTierOf(config, deps, shared);
    for (const tenant of config.tenants) {
      const cache = new SignalCache(cacheSettings, { tier: secondTier && { shared: secondTier, namespace: tenant.id } });
      this.tenants.set(
        tenant.id,
        new TenantRuntime(tenant.id, tenantProviderConfigs(config.providers, tenant), (provider) => createAdapter(provider, deps), cache),
      );
    }
  }

  /** What the answer caches of every tenant and the verdicts of identical assessments hold. */
  cacheSizes(): CacheSizes {
    let signals = 0;
    let signalBytes = 0;
    for (const tenant of this.tenants.values()) {
      signals += tenant.cache.size;
      signalBytes += tenant.cache.approximateBytes;
    }
    return { entries: { signals, verdicts: this.verdicts.size }, bytes: { signals: signalBytes, verdicts: this.verdicts.approximateBytes } };
  }

  get singleFlightJoins(): number {
    return this.executor.singleFlightJoins;
  }

  /** Hedges over slow providers since start, and hedges their budget refused. */
  get hedgeStats(): { hedges: number; budgetRefusals: number } {
    return this.executor.hedgeStats;
  }

  /** The keyed hash that stands in for a number in cache keys; pass it as ExecuteOptions.numberKey to run() several operations of one number. */
  numberKeyOf(phoneNumber: string): Promise<string> {
    return this.keyer.keyOf(phoneNumber);
  }

  tenant(id: string): TenantRuntime | undefined {
    return this.tenants.get(id);
  }

  async run<Op extends OperationId>(
    tenantId: string,
    request: OperationRequest<Op>,
    options: ExecuteOptions,
  ): Promise<NormalizedSignal<Op>> {
    const tenant = this.tenants.get(tenantId);
    if (!tenant) throw new Error(`unknown tenant ${tenantId}`);
    const routed = this.router.chainFor(request.phoneNumber);
    const chain = options.provider === undefined ? routed : routed?.filter((link) => link.providerId === options.provider);
    if (options.provider !== undefined && routed && chain?.length === 0) throw new ProviderNotInChainError(options.provider);
    // A number no route covers is a gap in the configuration, never a fact about the number.
    if (!chain) return unansweredSignal(request.operation, 'not_supported', noProviderCoverage('no provider is configured for this number range'));
    return this.executor.execute(tenant, chain, request, options);
  }

  /**
   * A single-use call pinned to the tenant's `providerId` (Number Verification's code exchange and
   * /verify): breaker, daily cap, metrics and deadline as for every call, but never cached,
   * shared, retried or hedged (SignalExecutor.executeSingleUse).
   */
  runSingleUse<Op extends OperationId>(
    tenantId: string,
    providerId: string,
    operation: Op,
    invoke: (adapter: Adapter, context: CallContext) => Promise<OperationOutcome<Op>>,
    options: Pick<ExecuteOptions, 'signal' | 'correlator'>,
  ): Promise<OperationOutcome<Op>> {
    const tenant = this.tenants.get(tenantId);
    if (!tenant) throw new Error(`unknown tenant ${tenantId}`);
    return this.executor.executeSingleUse(tenant, providerId, operation, invoke, options);
  }

  /**
   * The tenant's adapters for a number in chain order, only links that may answer `kind`
   * (flows started outside execute(), such as Number Verification's device flow); undefined when no route covers the number.
   */
  providersFor(tenantId: string, phoneNumber: string, kind: SignalKind): Adapter[] | undefined {
    const tenant = this.tenants.get(tenantId);
    if (!tenant) throw new Error(`unknown tenant ${tenantId}`);
    const chain = this.router.chainFor(phoneNumber);
    if (!chain) return undefined;
    return chain
      .filter((link) => link.signals === undefined || link.signals.has(kind))
      .flatMap((link) => tenant.adapterFor(link.providerId) ?? []);
  }

  async close(): Promise<void> {
    this.breakers.shutdown();
    await Promise.all([...this.tenants.values()].map((tenant) => tenant.close()));
  }
}

/** A pinned provider that does not serve the number's range. */
export class ProviderNotInChainError extends Error {
  constructor(provider: string) {
    super(`provider "${provider}" does not serve this number's range`);
    this.name = 'ProviderNotInChainError';
  }
}
