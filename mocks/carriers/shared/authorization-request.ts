/**
 * What every mock authorization endpoint a device's browser visits shares (the CAMARA operators'
 * /authorize, NaC's): reading its query parameters, loopback redirect URIs, redirecting back.
 */
import type { Context } from 'hono';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** A query parameter that may appear once: its value, undefined when absent or empty, null when repeated. */
export function singleQueryParameter(c: Context): (name: string) => string | undefined | null {
  const query = new URL(c.req.url).searchParams;
  return (name) => {
    const values = query.getAll(name);
    if (values.length > 1) return null;
    return values[0] === '' ? undefined : values[0];
  };
}

/** An http URL on a loopback host, any port (RFC 8252 §7.3), without fragment or user information. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) && url.hash === '' && url.username === '';
}

/** The device back to the client: 302 to `redirectUri` with the given parameters (empty ones left out). */
export function redirectTo(c: Context, redirectUri: string, params: Record<string, string | undefined | null>): Response {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value) target.searchParams.set(name, value);
  return c.body(null, 302, { location: target.href, 'cache-control': 'no-store' });
}
