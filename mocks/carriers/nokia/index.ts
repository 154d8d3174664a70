import type { NokiaProviderConfigInput } from '../../../adapters/nokia/config.ts';
import { NAC_DEV_RAPIDAPI_KEY, NAC_LISTING_HOST } from './dev-credentials.ts';

export { createNokiaCarrier, NOKIA_CARRIER_ID } from './carrier.ts';
export { NAC_DEV_RAPIDAPI_KEY, NAC_LISTING_HOST, NAC_UNSUBSCRIBED_RAPIDAPI_KEY } from './dev-credentials.ts';

/** Adapter config for the mock NaC with its development key; `baseUrl` = mocks origin + `/carriers/nokia`. */
export function nokiaDevProvider(baseUrl: string, id = 'nokia'): NokiaProviderConfigInput {
  return {
    id,
    kind: 'nokia',
    baseUrl,
    rapidApiKey: NAC_DEV_RAPIDAPI_KEY,
    rapidApiHost: NAC_LISTING_HOST,
    allowInsecureHttp: true,
  };
}
