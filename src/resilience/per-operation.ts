/**
 * Settings that may differ per provider, per operation, or per provider × operation (a breaker's
 * slow-call threshold, a hedge policy). Overrides apply from the least to the most specific:
 * the defaults, then those naming only the provider, then only the operation, then both.
 */

export interface Override<T> {
  provider?: string;
  operation?: string;
  settings: Partial<T>;
}

/** The key of one provider × operation (`albion:sim_swap.check`); operations never hold a colon. */
export function providerOperationKey(provider: string, operation: string): string {
  return `${provider}:${operation}`;
}

function specificity(override: Override<unknown>): number {
  return (override.provider === undefined ? 0 : 1) + (override.operation === undefined ? 0 : 2);
}

export class PerOperationSettings<T extends object> {
  private readonly defaults: T;
  private readonly overrides: ReadonlyArray<Override<T>>;
  private readonly resolved = new Map<string, { own: Partial<T>; settings: T }>();

  constructor(defaults: T, overrides: ReadonlyArray<Override<T>> = []) {
    this.defaults = defaults;
    this.overrides = [...overrides].sort((a, b) => specificity(a) - specificity(b));
  }

  /** The settings of one provider × operation: the defaults with every override that applies. */
  for(provider: string, operation: string): T {
    return this.resolve(provider, operation).settings;
  }

  /**
   * Only what the overrides set for this provider × operation, so that settings of a request
   * (a channel's hedging, say) can sit between the defaults and them.
   */
  overridesFor(provider: string, operation: string): Partial<T> {
    return this.resolve(provider, operation).own;
  }

  private resolve(provider: string, operation: string): { own: Partial<T>; settings: T } {
    const key = `${provider}\u0000${operation}`;
    let entry = this.resolved.get(key);
    if (entry) return entry;
    const own: Partial<T> = {};
    for (const override of this.overrides) {
      if (override.provider !== undefined && override.provider !== provider) continue;
      if (override.operation !== undefined && override.operation !== operation) continue;
      Object.assign(own, definedOnly(override.settings));
    }
    entry = { own, settings: { ...this.defaults, ...own } };
    this.resolved.set(key, entry);
    return entry;
  }
}

/** An optional setting given as undefined keeps what it overrides. */
export function definedOnly<T extends object>(settings: T): Partial<T> {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as Partial<T>;
}
