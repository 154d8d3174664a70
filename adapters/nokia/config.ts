/**
 * Configuration of Nokia Network as Code (NaC), reached through RapidAPI: one application key
 * and the RapidAPI host of the NaC listing, sent as headers on every call.
 */
import { z } from 'zod';

export const NAC_BASE_URL = 'https://network-as-code.p-eu.rapidapi.com';
/** The RapidAPI listing of NaC production; staging is `network-as-code.nokia-stage.rapidapi.com`. */
export const NAC_RAPIDAPI_HOST = 'network-as-code.nokia.rapidapi.com';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const NokiaProviderConfigSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lowercase id'),
    kind: z.literal('nokia'),
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .default(NAC_BASE_URL)
      .transform((url) => url.replace(/\/+$/, '')),
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
    /** Plain HTTP: only for mocks on the loopback interface. */
    allowInsecureHttp: z.boolean().default(false),
  })
  .superRefine((config, ctx) => {
    const url = new URL(config.baseUrl);
    if (url.protocol === 'http:' && !config.allowInsecureHttp) {
      ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'must be https (allowInsecureHttp is off)' });
    }
    if (config.allowInsecureHttp && !LOOPBACK_HOSTS.has(url.hostname)) {
      ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'allowInsecureHttp is only for loopback hosts' });
    }
  });

export type NokiaProviderConfig = z.output<typeof NokiaProviderConfigSchema>;
export type NokiaProviderConfigInput = z.input<typeof NokiaProviderConfigSchema>;

/** Validates a raw config; throws a ZodError naming every problem. */
export function parseNokiaConfig(input: unknown): NokiaProviderConfig {
  return NokiaProviderConfigSchema.parse(input);
}
