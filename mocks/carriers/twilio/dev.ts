/** Adapter config for the mock Twilio account, for the embedded mode and tests. */
import type { TwilioProviderConfigInput } from '../../../adapters/twilio/config.ts';
import { TWILIO_DEV_CREDENTIALS } from './credentials.ts';

/** `baseUrl` is the carrier's base URL, e.g. `http://127.0.0.1:8081/carriers/twilio`. */
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
