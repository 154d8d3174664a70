export { createCamaraAdapter } from './adapter.ts';
export {
  CamaraProviderConfigSchema,
  parseCamaraConfig,
  type CamaraProviderConfig,
  type CamaraProviderConfigInput,
} from './config.ts';
