/**
 * CORS for browser agent desktops, per tenant (`corsOrigins`: exact origins, no wildcards).
 *
 * A preflight carries no API key, so it cannot name its tenant: it is answered (204, without a
 * key) when ANY tenant allows its origin. The actual request carries the key: it gets
 * Access-Control-Allow-Origin only when ITS tenant allows the origin, so one tenant's listing
 * never lets a page read another tenant's answers. A request rejected before its tenant is
 * known (401) is readable by an origin some tenant allows: that answer is the same for all.
 * An origin no tenant allows gets no CORS header at all.
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import type { GatewayConfig } from '../config/schema.ts';
import { PublicOrigin } from './number-verification/settings.ts';
import type { GatewayEnv } from './http-context.ts';

/** One allowed browser origin, `https://desk.example.com` (scheme, host, port; no path, no `*`). */
export const CorsOrigin = z
  .string()
  .refine((origin) => !origin.includes('*'), 'wildcards are not supported: list each origin')
  .pipe(PublicOrigin);

const OPTIONS = {
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['Authorization', 'Content-Type', 'x-correlator', 'x-numtrust-provider'],
  exposeHeaders: ['x-correlator', 'Retry-After', 'x-numtrust-cache', 'x-numtrust-provider', 'www-authenticate'],
  maxAge: 600,
};

export function corsPolicy(config: Pick<GatewayConfig, 'tenants'>) {
  const byTenant = new Map(config.tenants.map((tenant) => [tenant.id, new Set(tenant.corsOrigins ?? [])]));
  const anyTenant = new Set(config.tenants.flatMap((tenant) => tenant.corsOrigins ?? []));
  const allowedBy = (origin: string, tenantId: string | undefined) =>
    tenantId === undefined ? anyTenant.has(origin) : (byTenant.get(tenantId)?.has(origin) ?? false);
  const withHeaders = cors({ ...OPTIONS, origin: (origin) => origin });

  /** Before API-key auth: answers preflights, and marks every answer as varying by Origin. */
  const preflight: MiddlewareHandler<GatewayEnv> = async (c, next) => {
    const origin = c.req.header('origin');
    const isPreflight = c.req.method === 'OPTIONS' && origin !== undefined && c.req.header('access-control-request-method') !== undefined;
    if (!isPreflight) {
      // Before the answer exists, so it is made with the header (a header set on a finished answer rebuilds it).
      c.header('vary', 'Origin', { append: true });
      await next();
      return;
    }
    if (anyTenant.has(origin)) return withHeaders(c, next);
    return c.body(null, 204, { vary: 'Origin' });
  };

  /** Around API-key auth: the actual request's answer is readable only by an origin its tenant allows. */
  const actual: MiddlewareHandler<GatewayEnv> = async (c, next) => {
    await next();
    const origin = c.req.header('origin');
    if (origin === undefined || !allowedBy(origin, c.get('tenantId'))) return;
    c.header('access-control-allow-origin', origin);
    c.header('access-control-expose-headers', OPTIONS.exposeHeaders.join(','));
  };

  return { preflight, actual };
}
