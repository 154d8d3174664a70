import { createAdapterOf } from '../../adapters/providers.ts';
import type { Adapter, AdapterDependencies } from '../contract/adapter.ts';
import type { ProviderConfig } from '../config/schema.ts';

/** Whether the provider's adapter fetches its tokens at start (warmUpTokens), so it is worth creating early. */
export function warmsUpTokens(config: ProviderConfig): boolean {
  return config.kind === 'camara' && config.auth.warmUp;
}

export function createAdapter(config: ProviderConfig, deps: AdapterDependencies): Adapter {
  return createAdapterOf(config, deps);
}
