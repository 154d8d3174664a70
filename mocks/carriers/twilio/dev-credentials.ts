/**
 * Development credentials of the mock Twilio account. Public and useless anywhere else; shaped
 * like real ones (Account SID `AC` + 32 hex, API key SID `SK` + 32 hex) so SDKs accept them.
 */
import type { TwilioProviderConfigInput } from '../../../adapters/twilio/config.ts';

export const TWILIO_DEV_CREDENTIALS = {
  accountSid: 'ACa1b2c3d4e5f60718293a4b5c6d7e8f90',
  authToken: 'f00dbabef00dbabef00dbabef00dbabe',
  apiKeySid: 'SKb0b1b2b3b4b5b6b7b8b9babbbcbdbebf',
  apiKeySecret: 'DevApiKeySecretForTheMockNetwork',
} as const;

/** Username:password pairs HTTP Basic accepts: the account's own, or its API key's. */
export const TWILIO_DEV_LOGINS: ReadonlyArray<readonly [username: string, password: string]> = [
  [TWILIO_DEV_CREDENTIALS.accountSid, TWILIO_DEV_CREDENTIALS.authToken],
  [TWILIO_DEV_CREDENTIALS.apiKeySid, TWILIO_DEV_CREDENTIALS.apiKeySecret],
];

/** Adapter config for the mock Twilio account, for the embedded mode and tests; `baseUrl` is the carrier's base URL, e.g. `http://127.0.0.1:8081/carriers/twilio`. */
export function twilioDevProvider(baseUrl: string, id = 'twilio'): TwilioProviderConfigInput {
  return {
    id,
    kind: 'twilio',
    baseUrl,
    accountSid: TWILIO_DEV_CREDENTIALS.accountSid,
    authToken: TWILIO_DEV_CREDENTIALS.authToken,
    allowInsecureHttp: true,
  };
}
