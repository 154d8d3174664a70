import { http, type HttpHandler } from 'msw';

/** Where one mock carrier answers: an origin, and the path its base URL has on that origin ('' = the root). */
export interface CarrierMount {
  matchesOrigin(origin: string): boolean;
  basePath: string;
  fetch(request: Request): Response | Promise<Response>;
}

/**
 * An msw handler that hands every request under the mount to the carrier's Hono app unchanged
 * (same URL, headers and body): auth, errors and faults behave as over HTTP, and URLs the carrier
 * writes into its answers (OIDC issuer, Twilio's `url`) are the ones the client called.
 */
export function forwardTo(mount: CarrierMount): HttpHandler {
  return http.all(
    ({ request }) => {
      const url = new URL(request.url);
      return mount.matchesOrigin(url.origin) && isUnder(url.pathname, mount.basePath);
    },
    ({ request }) => mount.fetch(request),
  );
}

function isUnder(pathname: string, basePath: string): boolean {
  return basePath === '' || pathname === basePath || pathname.startsWith(`${basePath}/`);
}
