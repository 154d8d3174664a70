/**
 * Configuration of one Twilio Lookup v2 account. Credentials are HTTP Basic: the Account SID and
 * its Auth Token, or an API key (recommended by Twilio for production) and its secret.
 */
import { z } from 'zod';
import { AllowInsecureHttpSchema, BaseUrlSchema, ProviderIdSchema, requireSecureTransport } from '../shared/provider-config.ts';

/** Lookup data packages the adapter knows how to read. */
export const TWILIO_PACKAGES = ['sim_swap', 'call_forwarding', 'line_status', 'line_type_intelligence'] as const;
export type TwilioPackage = (typeof TWILIO_PACKAGES)[number];

export const TWILIO_DEFAULT_BASE_URL = 'https://lookups.twilio.com';

export const TwilioProviderConfigSchema = z
  .strictObject({
    id: ProviderIdSchema,
    kind: z.literal('twilio'),
    /** `https://lookups.twilio.com`, or a regional host such as `https://lookups.dublin.ie1.twilio.com`. */
    baseUrl: BaseUrlSchema.default(TWILIO_DEFAULT_BASE_URL),
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'an Account SID: AC followed by 32 hex digits'),
    authToken: z.string().min(1).optional(),
    apiKeySid: z.string().regex(/^SK[0-9a-fA-F]{32}$/, 'an API key SID: SK followed by 32 hex digits').optional(),
    apiKeySecret: z.string().min(1).optional(),
    /**
     * Packages the account is approved for; operations needing another are not offered (asking
     * would only earn error 60606). Default: all four.
     */
    packages: z
      .array(z.enum(TWILIO_PACKAGES))
      .min(1)
      .refine((list) => new Set(list).size === list.length, { message: 'packages must not repeat' })
      .default([...TWILIO_PACKAGES]),
    /**
     * The account's fixed SIM swap window (agreed at onboarding). Answers carry it as
     * `swapped_period`; this is only the fallback for an answer that leaves it out.
     */
    simSwapWindowHours: z.number().positive().max(8760).optional(),
    allowInsecureHttp: AllowInsecureHttpSchema,
  })
  .superRefine((config, ctx) => {
    const withToken = config.authToken !== undefined;
    const withKey = config.apiKeySid !== undefined || config.apiKeySecret !== undefined;
    if (withToken === withKey) {
      ctx.addIssue({ code: 'custom', path: ['authToken'], message: 'give either authToken, or apiKeySid with apiKeySecret' });
    } else if (withKey && (config.apiKeySid === undefined || config.apiKeySecret === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['apiKeySecret'], message: 'apiKeySid and apiKeySecret go together' });
    }
    requireSecureTransport(config, ctx, ['baseUrl']);
  });

export type TwilioProviderConfig = z.output<typeof TwilioProviderConfigSchema>;
export type TwilioProviderConfigInput = z.input<typeof TwilioProviderConfigSchema>;

/** Validates a raw config; throws a ZodError naming every problem. */
export function parseTwilioConfig(input: unknown): TwilioProviderConfig {
  return TwilioProviderConfigSchema.parse(input);
}
