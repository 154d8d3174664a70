import { createCamaraAdapter } from '../../adapters/camara/adapter.ts';
import { createNokiaAdapter } from '../../adapters/nokia/adapter.ts';
import { createTelesignAdapter } from '../../adapters/telesign/adapter.ts';
import { createTwilioAdapter } from '../../adapters/twilio/adapter.ts';
import { createVonageAdapter } from '../../adapters/vonage/adapter.ts';
import type { Adapter, AdapterDependencies } from '../contract/adapter.ts';
import type { ProviderConfig } from '../config/schema.ts';

/** Whether the provider's adapter fetches its tokens at start (warmUpTokens), so it is worth creating early. */
export function warmsUpTokens(config: ProviderConfig): boolean {
  return config.kind === 'camara' && config.auth.warmUp;
}

export function createAdapter(config: ProviderConfig, deps: AdapterDependencies): Adapter {
  switch (config.kind) {
    case 'camara':
      return createCamaraAdapter(config, deps);
    case 'nokia':
      return createNokiaAdapter(config, deps);
    case 'telesign':
      return createTelesignAdapter(config, deps);
    case 'twilio':
      return createTwilioAdapter(config, deps);
    case 'vonage':
      return createVonageAdapter(config, deps);
  }
}
