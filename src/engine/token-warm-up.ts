/**
 * Client-credential tokens fetched when the gateway starts (providers with `auth.warmUp`), so the
 * first checks after a start or a deploy do not wait for the token endpoint. A failure is logged
 * and never stops the gateway; the token is then fetched on first use as usual. Client-credential
 * tokens name no subscriber, so there is no number to keep out of these lines.
 */
import { UpstreamError } from '../contract/adapter.ts';
import type { Logger } from '../observability/logger.ts';
import type { TenantRuntime } from './tenants.ts';

export async function warmUpTokens(tenants: readonly TenantRuntime[], logger: Logger): Promise<void> {
  await Promise.all(
    tenants.map(async (tenant) => {
      for (const { provider, scope, error } of await tenant.warmUpTokens()) {
        if (error === undefined) {
          logger.info('token warmed up', { tenant: tenant.id, provider, scope });
        } else {
          const failure = error instanceof UpstreamError ? error.failure : undefined;
          logger.warn('token warm-up failed', { tenant: tenant.id, provider, scope, failure, error });
        }
      }
    }),
  ).catch((error: unknown) => logger.error('token warm-up failed', { error }));
}
