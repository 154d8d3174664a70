/**
 * Development credentials of the mock Telesign account: public, for the mock only. The API key
 * is base64 like a real one (the HMAC key is its decoded bytes).
 */
import type { TelesignProviderConfigInput } from '../../../adapters/telesign/config.ts';

export const TELESIGN_DEV_CUSTOMER_ID = '4DAAB0F3-518B-454E-9D52-C2B90046F052';
export const TELESIGN_DEV_API_KEY = 'C0taSUHlk2zDf8FZoBWer4XOZs+CG8AZpCfeyRFl8HXTijA1YisUMpP8Q1CJ0a0c';

/** Every account the mock knows: customer id → API key. */
export const TELESIGN_ACCOUNTS: ReadonlyMap<string, string> = new Map([[TELESIGN_DEV_CUSTOMER_ID, TELESIGN_DEV_API_KEY]]);

/** Provider config for the mock's development account at `baseUrl` (`<mocks>/carriers/telesign`). */
export function telesignDevProvider(baseUrl: string): TelesignProviderConfigInput {
  return {
    id: 'telesign',
    kind: 'telesign',
    baseUrl,
    customerId: TELESIGN_DEV_CUSTOMER_ID,
    apiKey: TELESIGN_DEV_API_KEY,
    auth: 'hmac',
    consent: { method: 1 },
    allowInsecureHttp: new URL(baseUrl).protocol === 'http:',
  };
}
