/**
 * What every provider config shares: the provider id, upstream URLs, and the rule that plain HTTP
 * is only for mocks on the loopback interface.
 */
import { z } from 'zod';

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const ProviderIdSchema = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lowercase id');

/** An http or https URL; whether http is allowed is settled by requireSecureTransport. */
export const HttpUrlSchema = z.url({ protocol: /^https?$/ });

/** An upstream's root URL, trailing slashes dropped so paths can be appended. */
export const BaseUrlSchema = HttpUrlSchema.transform((url) => url.replace(/\/+$/, ''));

/** Plain HTTP: only for mocks on the loopback interface. */
export const AllowInsecureHttpSchema = z.boolean().default(false);

/**
 * Each URL in `fields` must be https unless `allowInsecureHttp` is on, and `allowInsecureHttp` is
 * only for loopback hosts. Call from the provider schema's superRefine.
 */
export function requireSecureTransport<Config extends { allowInsecureHttp: boolean }>(
  config: Config,
  ctx: z.RefinementCtx,
  fields: readonly (keyof Config & string)[],
): void {
  for (const field of fields) {
    const value = config[field] as string | undefined;
    if (value === undefined) continue;
    const url = new URL(value);
    if (url.protocol === 'http:' && !config.allowInsecureHttp) {
      ctx.addIssue({ code: 'custom', path: [field], message: 'must be https (allowInsecureHttp is off)' });
    }
    if (config.allowInsecureHttp && !LOOPBACK_HOSTS.has(url.hostname)) {
      ctx.addIssue({ code: 'custom', path: [field], message: 'allowInsecureHttp is only for loopback hosts' });
    }
  }
}
