/** Twilio authenticates every request with HTTP Basic: the API key when configured, else the account's own token. */
import { basicAuthorization } from '../../src/contract/encoding.ts';
import type { TwilioProviderConfig } from './config.ts';

export function twilioAuthorization(config: TwilioProviderConfig): string {
  if (config.apiKeySid !== undefined && config.apiKeySecret !== undefined) return basicAuthorization(config.apiKeySid, config.apiKeySecret);
  return basicAuthorization(config.accountSid, config.authToken ?? '');
}
