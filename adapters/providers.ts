/**
 * Every kind of upstream numtrust speaks to: its config schema and how to build its adapter.
 * Adding a provider is one entry here (docs/adding-a-provider.md); the config file's `providers[]`
 * union, the adapter factory and the mock carriers' kinds all derive from this table.
 */
import type { Adapter, AdapterDependencies } from '../src/contract/adapter.ts';
import { createCamaraAdapter } from './camara/adapter.ts';
import { CamaraProviderConfigSchema } from './camara/config.ts';
import { createNokiaAdapter } from './nokia/adapter.ts';
import { NokiaProviderConfigSchema } from './nokia/config.ts';
import { createTelesignAdapter } from './telesign/adapter.ts';
import { TelesignProviderConfigSchema } from './telesign/config.ts';
import { createTwilioAdapter } from './twilio/adapter.ts';
import { TwilioProviderConfigSchema } from './twilio/config.ts';
import { createVonageAdapter } from './vonage/adapter.ts';
import { VonageProviderConfigSchema } from './vonage/config.ts';

export const PROVIDERS = {
  camara: { configSchema: CamaraProviderConfigSchema, createAdapter: createCamaraAdapter },
  nokia: { configSchema: NokiaProviderConfigSchema, createAdapter: createNokiaAdapter },
  telesign: { configSchema: TelesignProviderConfigSchema, createAdapter: createTelesignAdapter },
  twilio: { configSchema: TwilioProviderConfigSchema, createAdapter: createTwilioAdapter },
  vonage: { configSchema: VonageProviderConfigSchema, createAdapter: createVonageAdapter },
};

export type ProviderKind = keyof typeof PROVIDERS;

type ConfigSchema = (typeof PROVIDERS)[ProviderKind]['configSchema'];

/** Every provider's config schema, for the union of the config file's `providers[]`. */
export const PROVIDER_CONFIG_SCHEMAS = Object.values(PROVIDERS).map((provider) => provider.configSchema) as [ConfigSchema, ...ConfigSchema[]];

/**
 * The adapter of a provider's configuration. Each factory validates its own kind's config again,
 * so handing it the config of the kind it is registered under is all the typing it needs.
 */
export function createAdapterOf(config: { kind: ProviderKind }, deps: AdapterDependencies): Adapter {
  const create = PROVIDERS[config.kind].createAdapter as (config: unknown, deps: AdapterDependencies) => Adapter;
  return create(config, deps);
}
