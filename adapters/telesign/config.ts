/**
 * Configuration of one Telesign account (PhoneID with identity-attribute add-ons).
 *
 *   { id: 'telesign', kind: 'telesign', customerId: '…', apiKey: { $env: 'TELESIGN_API_KEY' },
 *     auth: 'hmac', consent: { method: 1 } }
 */
import { z } from 'zod';
import { AllowInsecureHttpSchema, BaseUrlSchema, ProviderIdSchema, requireSecureTransport } from '../shared/provider-config.ts';

export const TELESIGN_DEFAULT_BASE_URL = 'https://rest-ww.telesign.com';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Printable ASCII without ':' for the id (it is the Basic user name) and without spaces for both. */
const PRINTABLE = /^[\x21-\x7e]+$/;

export const TelesignProviderConfigSchema = z
  .strictObject({
    id: ProviderIdSchema,
    kind: z.literal('telesign'),
    /** REST root; the SDKs' older default is https://rest-api.telesign.com. */
    baseUrl: BaseUrlSchema.default(TELESIGN_DEFAULT_BASE_URL),
    customerId: z.string().regex(PRINTABLE, 'printable ASCII').refine((id) => !id.includes(':'), 'must not contain ":"'),
    /** As Telesign issues it: base64 (the HMAC key is its decoded bytes). */
    apiKey: z.string().regex(PRINTABLE, 'printable ASCII'),
    /** hmac = the "TSA" digest signature (fresh Date and nonce per request); basic = customerId:apiKey. */
    auth: z.enum(['hmac', 'basic']).default('hmac'),
    /**
     * Telesign requires a consent record with call_forward_detection: `method` is Telesign's code
     * for how consent was collected. Without it the call forwarding operations are not offered.
     */
    consent: z.strictObject({ method: z.number().int().min(1) }).optional(),
    allowInsecureHttp: AllowInsecureHttpSchema,
  })
  .superRefine((config, ctx) => {
    if (config.auth === 'hmac' && (!BASE64.test(config.apiKey) || config.apiKey.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['apiKey'], message: 'HMAC signing needs the API key as Telesign issues it (base64)' });
    }
    requireSecureTransport(config, ctx, ['baseUrl']);
  });

export type TelesignProviderConfig = z.output<typeof TelesignProviderConfigSchema>;
export type TelesignProviderConfigInput = z.input<typeof TelesignProviderConfigSchema>;

/** Validates a raw config; throws a ZodError naming every problem (never the key itself). */
export function parseTelesignConfig(input: unknown): TelesignProviderConfig {
  return TelesignProviderConfigSchema.parse(input);
}
