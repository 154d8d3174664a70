/**
 * The development credentials the mock carriers accept, in one place for a test that points a
 * vendor's SDK at them. Public and useless anywhere else (mocks/README.md lists them all).
 */
import { LIBERTY_CLIENT_PRIVATE_JWK } from '../carriers/camara/dev-credentials.ts';
import { CAMARA_PROFILES, DEV_CLIENT_ID } from '../carriers/camara/profiles.ts';
import { NAC_DEV_RAPIDAPI_KEY, NAC_LISTING_HOST } from '../carriers/nokia/dev-credentials.ts';
import { TELESIGN_DEV_API_KEY, TELESIGN_DEV_CUSTOMER_ID } from '../carriers/telesign/dev-credentials.ts';
import { TWILIO_DEV_CREDENTIALS } from '../carriers/twilio/dev-credentials.ts';
import { VONAGE_DEV_APPLICATION_ID, VONAGE_DEV_PRIVATE_KEY_PEM } from '../carriers/vonage/dev-credentials.ts';

export const MOCK_CREDENTIALS = {
  twilio: TWILIO_DEV_CREDENTIALS,
  telesign: { customerId: TELESIGN_DEV_CUSTOMER_ID, apiKey: TELESIGN_DEV_API_KEY },
  vonage: { applicationId: VONAGE_DEV_APPLICATION_ID, privateKey: VONAGE_DEV_PRIVATE_KEY_PEM },
  nokia: { rapidApiKey: NAC_DEV_RAPIDAPI_KEY, rapidApiHost: NAC_LISTING_HOST },
  /** Client `numtrust-dev` at the mock CAMARA operators: its secret per operator, or liberty's private key (private_key_jwt). */
  camara: {
    clientId: DEV_CLIENT_ID,
    clientSecrets: Object.fromEntries(
      CAMARA_PROFILES.flatMap((profile) => profile.clients.flatMap((client) => (client.clientSecret ? [[profile.id, client.clientSecret]] : []))),
    ) as Readonly<Record<string, string>>,
    libertyPrivateJwk: LIBERTY_CLIENT_PRIVATE_JWK,
  },
} as const;
