import type { VonageProviderConfigInput } from '../../../adapters/vonage/config.ts';
import { VONAGE_DEV_APPLICATION_ID, VONAGE_DEV_PRIVATE_KEY_PEM, VONAGE_DEV_PURPOSE } from './dev-keys.ts';

/**
 * Gateway provider config for the mock's development application (public test key).
 * `baseUrl` is the carrier's base URL: `<mock network url>/carriers/vonage`.
 */
export function vonageDevProvider(baseUrl: string, id = 'vonage'): VonageProviderConfigInput {
  return {
    id,
    kind: 'vonage',
    baseUrl,
    applicationId: VONAGE_DEV_APPLICATION_ID,
    privateKey: VONAGE_DEV_PRIVATE_KEY_PEM,
    purpose: VONAGE_DEV_PURPOSE,
    allowInsecureHttp: true,
  };
}
