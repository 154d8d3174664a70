export { createVonageAdapter, IDENTITY_INSIGHTS_PATH } from './adapter.ts';
export {
  parseVonageConfig,
  VONAGE_OPERATIONS,
  VonageProviderConfigSchema,
  type VonageOperationId,
  type VonageProviderConfig,
  type VonageProviderConfigInput,
} from './config.ts';
