/**
 * Configuration of one Vonage Identity Insights account: one Vonage application (id + private
 * key) whose network profile allows the purpose, at one regional API host.
 */
import { z } from 'zod';
import { AllowInsecureHttpSchema, BaseUrlSchema, ProviderIdSchema, requireSecureTransport } from '../shared/provider-config.ts';

export const VONAGE_OPERATIONS = [
  'sim_swap.check',
  'sim_swap.retrieve_date',
  'device_swap.check',
  'device_swap.retrieve_date',
  'roaming.retrieve',
  'reachability.retrieve',
  'line_type.retrieve',
] as const;
export type VonageOperationId = (typeof VONAGE_OPERATIONS)[number];

const PKCS8_PEM = /^-----BEGIN PRIVATE KEY-----\s+[A-Za-z0-9+/=\s]+-----END PRIVATE KEY-----\s*$/;

/** PKCS#8 PEM as the dashboard hands it out; `\n` escapes (a PEM squeezed into one env line) are undone. */
const PrivateKeyPem = z
  .string()
  .transform((pem) => pem.replace(/\\n/g, '\n').trim())
  .refine((pem) => PKCS8_PEM.test(pem), { message: 'a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)' });

const PrivateRsaJwk = z.looseObject({
  kty: z.literal('RSA'),
  n: z.string().min(1),
  e: z.string().min(1),
  /** Present only in private keys. */
  d: z.string().min(1),
});

export const VonageProviderConfigSchema = z
  .strictObject({
    id: ProviderIdSchema,
    kind: z.literal('vonage'),
    /** Regional API host; Identity Insights lives at `<baseUrl>/identity-insights/v1/requests`. */
    baseUrl: BaseUrlSchema.default('https://api-eu.vonage.com'),
    /** The Vonage application the JWTs are minted for (`application_id` claim). */
    applicationId: z.uuid(),
    /** The application's private key: PKCS#8 PEM or an RSA private JWK. Signs RS256 application JWTs. */
    privateKey: z.union([PrivateKeyPem, PrivateRsaJwk]),
    /** Must be one of the purposes of the application's network profile. */
    purpose: z.string().regex(/^[A-Za-z]+$/, 'a purpose such as FraudPreventionAndDetection').default('FraudPreventionAndDetection'),
    /** Lifetime (`exp` − `iat`) of each application JWT; Vonage honours at most 24 hours. */
    jwtTtlSeconds: z.number().int().min(60).max(86_400).default(900),
    /** Operations offered to the gateway: the insights this application is enabled for. Default all. */
    operations: z
      .array(z.enum(VONAGE_OPERATIONS))
      .min(1)
      .refine((list) => new Set(list).size === list.length, { message: 'operations must not repeat' })
      .default([...VONAGE_OPERATIONS]),
    allowInsecureHttp: AllowInsecureHttpSchema,
  })
  .superRefine((config, ctx) => requireSecureTransport(config, ctx, ['baseUrl']));

export type VonageProviderConfig = z.output<typeof VonageProviderConfigSchema>;
export type VonageProviderConfigInput = z.input<typeof VonageProviderConfigSchema>;

/** Validates a raw config; throws a ZodError naming every problem. */
export function parseVonageConfig(input: unknown): VonageProviderConfig {
  return VonageProviderConfigSchema.parse(input);
}
