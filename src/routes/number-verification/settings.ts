import { z } from 'zod';

/** The gateway's origin as browsers reach it, e.g. `https://numtrust.example.com`: no path, query or fragment. */
export const PublicOrigin = z
  .url({ protocol: /^https?$/ })
  // zod runs this refinement after a failed url check too: a string that is no URL must not throw here.
  .refine((url) => URL.canParse(url) && new URL(url).pathname === '/' && !new URL(url).search && !new URL(url).hash, 'an origin without path, query or fragment')
  .transform((url) => new URL(url).origin);

/** `numberVerification` in the gateway config: the device flow's public address and session bounds. */
export const NumberVerificationSettingsSchema = z
  .strictObject({
    /**
     * The gateway's origin as devices reach it, e.g. `https://numtrust.example.com` (no path). The
     * operator callback `<publicUrl>/v1/number-verification/callback` must be registered with each
     * operator. Default: the origin of the request that created the session (development).
     */
    publicUrl: PublicOrigin.optional(),
    /** How long the device has to complete the flow; a result stays readable as long again. */
    sessionTtlSeconds: z.number().int().min(30).max(3600).default(300),
    /** Sessions kept per tenant; beyond it the least recently used is dropped. */
    maxSessionsPerTenant: z.number().int().min(1).max(1_000_000).default(10_000),
  })
  .prefault({});

export type NumberVerificationSettings = z.output<typeof NumberVerificationSettingsSchema>;
