import type { Context, MiddlewareHandler } from 'hono';
import { NAC_DEV_RAPIDAPI_KEY, NAC_LISTING_HOST, NAC_UNSUBSCRIBED_RAPIDAPI_KEY } from './dev-credentials.ts';

/**
 * RapidAPI in front of NaC. It refuses a request before NaC sees it, with its own body
 * `{"message": "..."}` (no CAMARA code, no x-correlator), in this order:
 *   no x-rapidapi-key                 401 "Missing RapidAPI application key. ..."
 *   a key RapidAPI does not know      403 "Invalid API key. ..."
 *   x-rapidapi-host missing or not NaC's listing   404 "API doesn't exists" (sic)
 *   a known key without a NaC subscription         403 "You are not subscribed to this API."
 * The messages are RapidAPI's public ones. The status of an invalid key (401 in older reports,
 * 403 in recent ones and in NaC's SDK docs) and the order of the checks are inferred.
 */

const KNOWN_KEYS = new Set([NAC_DEV_RAPIDAPI_KEY, NAC_UNSUBSCRIBED_RAPIDAPI_KEY]);
const SUBSCRIBED_KEYS = new Set([NAC_DEV_RAPIDAPI_KEY]);

export const RAPIDAPI_MESSAGES = {
  missingKey:
    'Missing RapidAPI application key. Go to https://docs.rapidapi.com/docs/keys to learn how to get your API application key.',
  invalidKey: 'Invalid API key. Go to https://docs.rapidapi.com/docs/keys for more info.',
  unknownApi: "API doesn't exists",
  notSubscribed: 'You are not subscribed to this API.',
} as const;

export function rapidApiGateway(): MiddlewareHandler {
  return async (c, next) => {
    const key = c.req.header('x-rapidapi-key');
    if (!key) return refuse(c, 401, RAPIDAPI_MESSAGES.missingKey);
    if (!KNOWN_KEYS.has(key)) return refuse(c, 403, RAPIDAPI_MESSAGES.invalidKey);
    if (c.req.header('x-rapidapi-host')?.toLowerCase() !== NAC_LISTING_HOST) return refuse(c, 404, RAPIDAPI_MESSAGES.unknownApi);
    if (!SUBSCRIBED_KEYS.has(key)) return refuse(c, 403, RAPIDAPI_MESSAGES.notSubscribed);
    await next();
  };
}

/** Headers RapidAPI's proxy adds to every answer. */
export function rapidApiResponseHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('server', 'RapidAPI-1.2.8');
    c.res.headers.set('x-rapidapi-version', '1.2.8');
    c.res.headers.set('x-rapidapi-region', 'AWS - eu-central-1');
  };
}

/** RapidAPI's answer for a path its NaC listing has no endpoint for (behind the key checks). */
export function unknownEndpoint(basePath: string): (c: Context) => Response {
  return (c) => {
    const path = new URL(c.req.url).pathname.slice(basePath.length) || '/';
    return c.json({ message: `Endpoint '${path}' does not exist` }, 404);
  };
}

function refuse(c: Context, status: 401 | 403 | 404, message: string): Response {
  return c.json({ message }, status);
}
