/**
 * DEVELOPMENT CREDENTIALS of the mock NaC (public, for the mocks only).
 *
 *   x-rapidapi-key   nac-dev-rapidapi-key            an application subscribed to Network as Code
 *   x-rapidapi-key   nac-dev-unsubscribed-key        a valid application without the subscription (403)
 *   x-rapidapi-host  network-as-code.nokia.rapidapi.com
 *   NaC client       nac-dev-client / nac-dev-client-secret   what /oauth2/v1/auth/clientcredentials
 *                    hands the subscribed application (Number Verification's authorization flow)
 */
import type { NokiaProviderConfigInput } from '../../../adapters/nokia/config.ts';

export const NAC_DEV_RAPIDAPI_KEY = 'nac-dev-rapidapi-key';
export const NAC_UNSUBSCRIBED_RAPIDAPI_KEY = 'nac-dev-unsubscribed-key';

/** The RapidAPI listing of NaC: RapidAPI routes on this header, whatever the URL's host. */
export const NAC_LISTING_HOST = 'network-as-code.nokia.rapidapi.com';

/** NaC's OAuth client of the subscribed application: what its authorization server knows it by. */
export const NAC_DEV_CLIENT = { clientId: 'nac-dev-client', clientSecret: 'nac-dev-client-secret' } as const;

export interface NacClient {
  clientId: string;
  clientSecret: string;
}

const CLIENTS_BY_RAPIDAPI_KEY: ReadonlyMap<string, NacClient> = new Map([[NAC_DEV_RAPIDAPI_KEY, NAC_DEV_CLIENT]]);

/** The NaC client of a RapidAPI application (what /oauth2/v1/auth/clientcredentials answers). */
export function nacClientOfRapidApiKey(rapidApiKey: string): NacClient | undefined {
  return CLIENTS_BY_RAPIDAPI_KEY.get(rapidApiKey);
}

export function nacClientById(clientId: string): NacClient | undefined {
  return [...CLIENTS_BY_RAPIDAPI_KEY.values()].find((client) => client.clientId === clientId);
}

/** Adapter config for the mock NaC with its development key; `baseUrl` = mocks origin + `/carriers/nokia`. */
export function nokiaDevProvider(baseUrl: string, id = 'nokia'): NokiaProviderConfigInput {
  return {
    id,
    kind: 'nokia',
    baseUrl,
    rapidApiKey: NAC_DEV_RAPIDAPI_KEY,
    rapidApiHost: NAC_LISTING_HOST,
    // NaC's authorization server accepts the gateway's loopback callback on any port.
    numberVerification: {},
    allowInsecureHttp: true,
  };
}
