import type { Adapter, TokenWarmUp } from '../contract/adapter.ts';
import { applyMergePatch } from '../config/merge-patch.ts';
import { ProviderConfigSchema, type GatewayConfig, type ProviderConfig } from '../config/schema.ts';
import type { SignalCache } from '../resilience/signal-cache.ts';
import { warmsUpTokens } from './adapter-factory.ts';
import type { TenantScope } from './executor.ts';

export type AdapterMaker = (config: ProviderConfig) => Adapter;

/**
 * The provider settings one tenant's adapters are built from: the shared entries with the
 * tenant's own patches applied (its credentials at an operator). The schema has checked them.
 */
export function tenantProviderConfigs(
  providers: readonly ProviderConfig[],
  tenant: GatewayConfig['tenants'][number],
): Map<string, ProviderConfig> {
  return new Map(
    providers.map((provider) => {
      const patch = tenant.providers?.[provider.id];
      return [provider.id, patch ? ProviderConfigSchema.parse(applyMergePatch(provider, patch)) : provider];
    }),
  );
}

/**
 * One tenant's private world: its answer cache and its own adapter instances (so tokens and
 * credentials never cross tenants). Adapters are created on first use.
 */
export class TenantRuntime implements TenantScope {
  readonly id: string;
  readonly cache: SignalCache;
  private readonly adapters = new Map<string, Adapter>();
  private readonly providers: ReadonlyMap<string, ProviderConfig>;
  private readonly makeAdapter: AdapterMaker;

  constructor(id: string, providers: ReadonlyMap<string, ProviderConfig>, makeAdapter: AdapterMaker, cache: SignalCache) {
    this.id = id;
    this.providers = providers;
    this.makeAdapter = makeAdapter;
    this.cache = cache;
  }

  adapterFor(providerId: string): Adapter | undefined {
    let adapter = this.adapters.get(providerId);
    if (adapter) return adapter;
    const config = this.providers.get(providerId);
    if (!config) return undefined;
    adapter = this.makeAdapter(config);
    this.adapters.set(providerId, adapter);
    return adapter;
  }

  /** Fetches the tokens of every provider configured to warm them up (auth.warmUp), per scope. */
  async warmUpTokens(): Promise<Array<TokenWarmUp & { provider: string }>> {
    const providers = [...this.providers].filter(([, config]) => warmsUpTokens(config)).map(([id]) => id);
    const results = await Promise.all(
      providers.map(async (provider) => {
        const warmed = (await this.adapterFor(provider)?.warmUpTokens?.(this.id)) ?? [];
        return warmed.map((result) => ({ ...result, provider }));
      }),
    );
    return results.flat();
  }

  async close(): Promise<void> {
    await Promise.all([...this.adapters.values()].map((adapter) => adapter.close?.() ?? Promise.resolve()));
    this.adapters.clear();
  }
}
