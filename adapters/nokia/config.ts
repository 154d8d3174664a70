/**
 * Configuration of Nokia Network as Code (NaC), reached through RapidAPI: one application key
 * and the RapidAPI host of the NaC listing, sent as headers on every call.
 */
import { z } from 'zod';
import { AllowInsecureHttpSchema, BaseUrlSchema, ProviderIdSchema, requireSecureTransport } from '../shared/provider-config.ts';

export const NAC_BASE_URL = 'https://network-as-code.p-eu.rapidapi.com';
/** The RapidAPI listing of NaC production; staging is `network-as-code.nokia-stage.rapidapi.com`. */
export const NAC_RAPIDAPI_HOST = 'network-as-code.nokia.rapidapi.com';

/** The scope NaC's documentation asks for: the purpose (Data Privacy Vocabulary) and Number Verification's verify scope. */
export const NAC_NUMBER_VERIFICATION_SCOPE = 'dpv:FraudPreventionAndDetection number-verification:verify';

/**
 * Number Verification through NaC's authorization server (the device flow). `fast` (NaC's SDKs'
 * `verifyNumber(code, state)`): the device opens NaC's `fast_flow_csp_auth_endpoint` and NaC redeems
 * the code itself in `/verify?code&state`. `standard`: the device opens `authorization_endpoint`
 * and the gateway redeems the code at `token_endpoint` (NaC's client credentials), then calls
 * `/verify` with the 3-legged token.
 */
const NumberVerificationSchema = z.strictObject({
  flow: z.enum(['fast', 'standard']).default('fast'),
  scope: z
    .string()
    .regex(/^\S+( \S+)*$/, 'space-separated scope tokens')
    .refine((scope) => scope.split(' ').includes('number-verification:verify'), 'must include number-verification:verify')
    .default(NAC_NUMBER_VERIFICATION_SCOPE),
  /** `hashedPhoneNumber`: SHA-256 hex of the E.164 string with its `+`. */
  send: z.enum(['phoneNumber', 'hashedPhoneNumber']).default('phoneNumber'),
});

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
    /** Present when the application is subscribed to NaC's Number Verification: the device flow is offered. */
    numberVerification: NumberVerificationSchema.optional(),
    allowInsecureHttp: AllowInsecureHttpSchema,
  })
  .superRefine((config, ctx) => requireSecureTransport(config, ctx, ['baseUrl']));

export type NokiaProviderConfig = z.output<typeof NokiaProviderConfigSchema>;
export type NokiaNumberVerificationConfig = z.output<typeof NumberVerificationSchema>;
export type NokiaProviderConfigInput = z.input<typeof NokiaProviderConfigSchema>;

/** Validates a raw config; throws a ZodError naming every problem. */
export function parseNokiaConfig(input: unknown): NokiaProviderConfig {
  return NokiaProviderConfigSchema.parse(input);
}
