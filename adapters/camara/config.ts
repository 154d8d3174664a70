/**
 * Configuration of one CAMARA operator (or CAMARA-speaking aggregator). Every operator is data:
 * where it lives, how we authenticate, which APIs and versions it offers.
 * New APIs (call forwarding, device swap, reachability, ...) are new keys under `apis`.
 */
import { z } from 'zod';
import { AllowInsecureHttpSchema, BaseUrlSchema, HttpUrlSchema, ProviderIdSchema, requireSecureTransport } from '../shared/provider-config.ts';

const PrivateJwkSchema = z.looseObject({
  kty: z.string(),
  kid: z.string().min(1),
  alg: z.string().min(1),
  /** Present only in private keys. */
  d: z.string().min(1),
});

export const ClientAuthSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('client_secret_basic'), clientSecret: z.string().min(1) }),
  z.strictObject({ method: z.literal('client_secret_post'), clientSecret: z.string().min(1) }),
  z.strictObject({ method: z.literal('private_key_jwt'), privateJwk: PrivateJwkSchema }),
]);
export type ClientAuthConfig = z.output<typeof ClientAuthSchema>;

export const CamaraAuthSchema = z.strictObject({
  /** ciba = 3-legged, the number travels in the token; client_credentials = 2-legged, in the body. */
  flow: z.enum(['ciba', 'client_credentials']),
  clientId: z.string().min(1),
  clientAuth: ClientAuthSchema,
  /** The one DPV purpose sent as a scope token with every token request. */
  purpose: z.string().regex(/^dpv:\S+$/, 'a dpv: purpose').default('dpv:FraudPreventionAndDetection'),
  /** CIBA login_hint prefix: `tel:+E164` (CAMARA ICM) or `phone_number:+E164` (some operators). */
  loginHintFormat: z.enum(['tel', 'phone_number']).default('tel'),
  /**
   * How long one token mint (discovery, the grant, CIBA polling) may run, whether or not a caller
   * still waits for it; then it is aborted and nothing is cached. CIBA also stops at `expires_in`.
   */
  tokenTimeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  /** Fetch every tenant's token for each configured API scope when the gateway starts (client credentials only). */
  warmUp: z.boolean().default(false),
}).refine((auth) => !(auth.warmUp && auth.flow === 'ciba'), {
  path: ['warmUp'],
  message: 'warmUp applies to client_credentials only: CIBA tokens are per number',
});
export type CamaraAuthConfig = z.output<typeof CamaraAuthSchema>;

/** A path that starts with '/' and has no trailing '/'. */
const BasePath = z.string().regex(/^(\/[^/\s]+)+$/, 'a path like /sim-swap/v2');

export const SimSwapApiSchema = z.strictObject({
  version: z.enum(['v2', 'v1']),
  /** Override for operators that mount the API elsewhere; default `/sim-swap/<version>`. */
  basePath: BasePath.optional(),
});
export type SimSwapApiConfig = z.output<typeof SimSwapApiSchema>;

export const DeviceSwapApiSchema = z.strictObject({
  version: z.enum(['v1']),
  /** Default `/device-swap/<version>`. */
  basePath: BasePath.optional(),
});
export type DeviceSwapApiConfig = z.output<typeof DeviceSwapApiSchema>;

export const CallForwardingSignalApiSchema = z.strictObject({
  /** v0.4 = 0.4.0 (Fall25), v0.3 = 0.3.0 (Spring25): same bodies and scopes. */
  version: z.enum(['v0.4', 'v0.3']),
  /** Default `/call-forwarding-signal/<version>`. */
  basePath: BasePath.optional(),
  /**
   * The operator serves POST /call-forwardings (call_forwarding.services). It is optional for
   * providers: false offers only call_forwarding.unconditional. A 501 is not_supported either way.
   */
  callForwardings: z.boolean().default(true),
});
export type CallForwardingSignalApiConfig = z.output<typeof CallForwardingSignalApiSchema>;

/** Device Reachability Status 1.1.0 and Device Roaming Status 1.1.0. */
export const DeviceStatusApiSchema = z.strictObject({
  version: z.enum(['v1']),
  /** Default `/device-reachability-status/<version>` or `/device-roaming-status/<version>`. */
  basePath: BasePath.optional(),
});
export type DeviceStatusApiConfig = z.output<typeof DeviceStatusApiSchema>;

/** Live call state, GSMA Scam Signal style: a vendor definition, not a CAMARA release. */
export const ScamSignalApiSchema = z.strictObject({
  version: z.enum(['v0.3']),
  /** Default `/scam-signal/<version>`. */
  basePath: BasePath.optional(),
});
export type ScamSignalApiConfig = z.output<typeof ScamSignalApiSchema>;

/** Number Verification 2.x: the device flow (NumberVerifier), not an execute() operation. */
export const NumberVerificationApiSchema = z.strictObject({
  /** v2 = 2.0.0 or 2.1.0 (same paths and bodies). */
  version: z.enum(['v2']),
  /** Default `/number-verification/<version>`. */
  basePath: BasePath.optional(),
  /** How /verify gets the number: plain, or `hashedPhoneNumber` (SHA-256 hex of the E.164 string with '+'). */
  send: z.enum(['phoneNumber', 'hashedPhoneNumber']).default('phoneNumber'),
});
export type NumberVerificationApiConfig = z.output<typeof NumberVerificationApiSchema>;

export const CamaraApisSchema = z
  .strictObject({
    simSwap: SimSwapApiSchema.optional(),
    numberVerification: NumberVerificationApiSchema.optional(),
    deviceSwap: DeviceSwapApiSchema.optional(),
    callForwardingSignal: CallForwardingSignalApiSchema.optional(),
    deviceReachabilityStatus: DeviceStatusApiSchema.optional(),
    deviceRoamingStatus: DeviceStatusApiSchema.optional(),
    scamSignal: ScamSignalApiSchema.optional(),
  })
  .refine((apis) => Object.values(apis).some((api) => api !== undefined), {
    message: 'at least one API must be configured',
  });
export type CamaraApisConfig = z.output<typeof CamaraApisSchema>;

export const CamaraProviderConfigSchema = z
  .strictObject({
    id: ProviderIdSchema,
    kind: z.literal('camara'),
    /** The operator's apiRoot: API base paths are appended to it. */
    baseUrl: BaseUrlSchema,
    /**
     * OIDC issuer, exactly as the discovery document spells it (compared verbatim);
     * discovery at `<issuer>/.well-known/openid-configuration`. Defaults to baseUrl.
     */
    issuer: HttpUrlSchema.optional(),
    auth: CamaraAuthSchema,
    apis: CamaraApisSchema,
    tokenRefreshSkewSeconds: z.number().int().min(0).max(3600).default(30),
    /** Upper bound of cached tokens (CIBA holds one per tenant and number). */
    maxCachedTokens: z.number().int().min(1).default(10_000),
    allowInsecureHttp: AllowInsecureHttpSchema,
  })
  .superRefine((config, ctx) => requireSecureTransport(config, ctx, ['baseUrl', 'issuer']));

export type CamaraProviderConfig = z.output<typeof CamaraProviderConfigSchema>;
export type CamaraProviderConfigInput = z.input<typeof CamaraProviderConfigSchema>;

/** Validates a raw config; throws a ZodError naming every problem. */
export function parseCamaraConfig(input: unknown): CamaraProviderConfig {
  return CamaraProviderConfigSchema.parse(input);
}
