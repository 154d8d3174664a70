/**
 * DEVELOPMENT CREDENTIALS of the mock NaC (public, for the mocks only).
 *
 *   x-rapidapi-key   nac-dev-rapidapi-key            an application subscribed to Network as Code
 *   x-rapidapi-key   nac-dev-unsubscribed-key        a valid application without the subscription (403)
 *   x-rapidapi-host  network-as-code.nokia.rapidapi.com
 */
import type { NokiaProviderConfigInput } from '../../../adapters/nokia/config.ts';

export const NAC_DEV_RAPIDAPI_KEY = 'nac-dev-rapidapi-key';
export const NAC_UNSUBSCRIBED_RAPIDAPI_KEY = 'nac-dev-unsubscribed-key';

/** The RapidAPI listing of NaC: RapidAPI routes on this header, whatever the URL's host. */
export const NAC_LISTING_HOST = 'network-as-code.nokia.rapidapi.com';

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
