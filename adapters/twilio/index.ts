export { createTwilioAdapter } from './adapter.ts';
export {
  parseTwilioConfig,
  TWILIO_DEFAULT_BASE_URL,
  TWILIO_PACKAGES,
  TwilioProviderConfigSchema,
  type TwilioPackage,
  type TwilioProviderConfig,
  type TwilioProviderConfigInput,
} from './config.ts';
export { TWILIO_OPERATION_IDS, type TwilioOperationId } from './operations.ts';
