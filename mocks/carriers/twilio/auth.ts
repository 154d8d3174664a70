import type { MiddlewareHandler } from 'hono';
import { twilioError } from './errors.ts';

/**
 * HTTP Basic as Twilio checks it: `AccountSid:AuthToken` or `ApiKeySid:ApiKeySecret`. Anything
 * else (missing, garbled, wrong pair) → 401 with code 20003.
 */
export function requireBasicAuth(logins: ReadonlyArray<readonly [string, string]>): MiddlewareHandler {
  return async (c, next) => {
    const login = decodeBasic(c.req.header('authorization'));
    if (!login || !logins.some(([username, password]) => username === login[0] && password === login[1])) {
      return twilioError(c, 401, 'Authenticate');
    }
    await next();
  };
}

function decodeBasic(header: string | undefined): [string, string] | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  let decoded: string;
  try {
    const binary = atob(match[1]!);
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}
