export { createTelesignAdapter } from './adapter.ts';
export {
  TELESIGN_DEFAULT_BASE_URL,
  TelesignProviderConfigSchema,
  parseTelesignConfig,
  type TelesignProviderConfig,
  type TelesignProviderConfigInput,
} from './config.ts';
