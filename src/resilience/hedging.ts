/**
 * Hedged requests ("The Tail at Scale"): when a provider has not answered by the time it usually
 * has (a quantile of its recent latency), the next provider of the chain is asked too, and the
 * first definite answer wins. Hedges are extra upstream calls: a budget per provider × operation
 * keeps them to a share of that provider's calls, so a provider that slows for everyone does not
 * double the traffic (or the bill) of the next one.
 */
import { ExtraCallBudget, type ExtraCallBudgetSettings } from './extra-call-budget.ts';
import type { LatencyTracker } from './latency.ts';
import { definedOnly, PerOperationSettings, providerOperationKey, type Override } from './per-operation.ts';

export interface HedgeSettings {
  enabled: boolean;
  /** Hedge once the provider has taken longer than this quantile of its recent answers (0.95 = p95). */
  quantile: number;
  /** Never hedge sooner than this. */
  minDelayMs: number;
  /**
   * The delay while too few of the provider's answers are known to read a quantile; absent, a
   * provider is not hedged until its latency is known (a hang is still cut short by the time budget).
   */
  coldDelayMs?: number;
}

export const DEFAULT_HEDGE_SETTINGS: HedgeSettings = { enabled: true, quantile: 0.95, minDelayMs: 20 };

export const DEFAULT_HEDGE_BUDGET: ExtraCallBudgetSettings = { ratio: 0.1, minPerSecond: 1, windowMs: 10_000 };

export interface HedgePolicyOptions {
  settings?: Partial<HedgeSettings>;
  budget?: Partial<ExtraCallBudgetSettings>;
  overrides?: ReadonlyArray<Override<HedgeSettings>>;
}

export class HedgePolicy {
  private readonly settings: PerOperationSettings<HedgeSettings>;
  private readonly budgetSettings: ExtraCallBudgetSettings;
  private readonly budgets = new Map<string, ExtraCallBudget>();
  private readonly latency: LatencyTracker;
  private readonly now: () => number;
  private hedgeCount = 0;
  private refusedCount = 0;

  constructor(options: HedgePolicyOptions, latency: LatencyTracker, now: () => number = Date.now) {
    this.settings = new PerOperationSettings({ ...DEFAULT_HEDGE_SETTINGS, ...options.settings }, options.overrides);
    this.budgetSettings = { ...DEFAULT_HEDGE_BUDGET, ...options.budget };
    this.latency = latency;
    this.now = now;
  }

  /** Hedges started, and hedges that were due but refused by the budget, since start. */
  get stats(): { hedges: number; budgetRefusals: number } {
    return { hedges: this.hedgeCount, budgetRefusals: this.refusedCount };
  }

  /**
   * How long to wait for `provider` before asking `next` too; undefined when no hedge is made:
   * hedging is off for either of them (a provider × operation with `enabled: false` is neither
   * hedged over nor asked as a hedge), or the provider's latency is not known yet. `request`
   * settings (a channel's) apply over the defaults; the provider × operation overrides win.
   */
  delayFor(provider: string, operation: string, request?: Partial<HedgeSettings>, next?: string): number | undefined {
    const settings = this.settingsOf(provider, operation, request);
    if (!settings.enabled || (next !== undefined && !this.settingsOf(next, operation, request).enabled)) return undefined;
    const expected = this.latency.quantile(providerOperationKey(provider, operation), settings.quantile) ?? settings.coldDelayMs;
    return expected === undefined ? undefined : Math.max(settings.minDelayMs, Math.ceil(expected));
  }

  /** An ordinary (not hedged) call to `provider` went out. */
  recordCall(provider: string, operation: string): void {
    this.budgetFor(provider, operation).recordCall();
  }

  /** Takes a hedge over `provider` from its budget; false when the budget is spent. */
  tryHedge(provider: string, operation: string): boolean {
    if (!this.budgetFor(provider, operation).trySpend()) {
      this.refusedCount++;
      return false;
    }
    this.hedgeCount++;
    return true;
  }

  private settingsOf(provider: string, operation: string, request: Partial<HedgeSettings> | undefined): HedgeSettings {
    if (!request) return this.settings.for(provider, operation);
    return { ...this.settings.for(provider, operation), ...definedOnly(request), ...this.settings.overridesFor(provider, operation) };
  }

  private budgetFor(provider: string, operation: string): ExtraCallBudget {
    const key = providerOperationKey(provider, operation);
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = new ExtraCallBudget(this.budgetSettings, this.now);
      this.budgets.set(key, budget);
    }
    return budget;
  }
}
