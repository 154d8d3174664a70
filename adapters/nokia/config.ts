/**
 * Configuration of Nokia Network as Code (NaC), reached through RapidAPI: one application key
 * and the RapidAPI host of the NaC listing, sent as headers on every call.
 */
import { z } from 'zod';
import { AllowInsecureHttpSchema, BaseUrlSchema, ProviderIdSchema, requireSecureTransport } from '../shared/provider-config.ts';

export const NAC_BASE_URL = 'https://network-as-code.p-eu.rapidapi.com';
/** The RapidAPI listing of NaC production; staging is `network-as-code.nokia-stage.rapidapi.com`. */
export const NAC_RAPIDAPI_HOST = 'network-as-code.nokia.rapidapi.com';

export const NokiaProviderConfigSchema = z
  .strictObject({
    id: ProviderIdSchema,
    kind: z.literal('nokia'),
    baseUrl: BaseUrlSchema.default(NAC_BASE_URL),
    /** The RapidAPI application key (`x-rapidapi-key`). */
    rapidApiKey: z.string().min(1),
    /**
     * `x-rapidapi-host`: RapidAPI routes on this header, not on the URL's host, and answers
     * 404 "API doesn't exists" without it. Always sent (the official SDK omits it unless given).
     */
    rapidApiHost: z
      .string()
      .regex(/^[a-z0-9.-]+$/, 'a host name such as network-as-code.nokia.rapidapi.com')
      .default(NAC_RAPIDAPI_HOST),
    allowInsecureHttp: AllowInsecureHttpSchema,
  })
  .superRefine((config, ctx) => requireSecureTransport(config, ctx, ['baseUrl']));

export type NokiaProviderConfig = z.output<typeof NokiaProviderConfigSchema>;
export type NokiaProviderConfigInput = z.input<typeof NokiaProviderConfigSchema>;

/** Validates a raw config; throws a ZodError naming every problem. */
export function parseNokiaConfig(input: unknown): NokiaProviderConfig {
  return NokiaProviderConfigSchema.parse(input);
}
