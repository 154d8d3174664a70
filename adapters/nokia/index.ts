export { createNokiaAdapter } from './adapter.ts';
export {
  NAC_BASE_URL,
  NAC_RAPIDAPI_HOST,
  NokiaProviderConfigSchema,
  parseNokiaConfig,
  type NokiaProviderConfig,
  type NokiaProviderConfigInput,
} from './config.ts';
