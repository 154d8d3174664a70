/**
 * Twilio's request validation (X-Twilio-Signature): HMAC-SHA1 under the account's auth token over
 * the full URL Twilio requested followed by every POST parameter, sorted by name, each name
 * immediately followed by its value; base64. Web Crypto, so it runs on Node and on Workers.
 */
import { constantTimeEqual } from '../../auth/api-keys.ts';
import { toBase64 } from '../../contract/encoding.ts';

const encoder = new TextEncoder();

/** What Twilio signs: the URL, then each name and value (a repeated name's values sorted, once each, as Twilio's helpers do). */
export function signedText(url: string, params: URLSearchParams): string {
  const byName = new Map<string, Set<string>>();
  for (const [name, value] of params) {
    const values = byName.get(name) ?? new Set<string>();
    values.add(value);
    byName.set(name, values);
  }
  let text = url;
  for (const name of [...byName.keys()].sort()) {
    for (const value of [...byName.get(name)!].sort()) text += name + value;
  }
  return text;
}

export async function twilioSignature(authToken: string, url: string, params: URLSearchParams): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(authToken), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(signedText(url, params)))));
}

/**
 * The URL with and without its scheme's default port: Twilio signs the URL as configured, and a
 * proxy may add or drop `:443` on the way.
 */
export function urlVariants(url: string): string[] {
  const parsed = new URL(url);
  const defaultPort = parsed.protocol === 'https:' ? '443' : '80';
  const rest = url.slice(parsed.origin.length);
  const withoutPort = `${parsed.protocol}//${parsed.hostname}${parsed.port && parsed.port !== defaultPort ? `:${parsed.port}` : ''}`;
  const withPort = `${parsed.protocol}//${parsed.hostname}:${parsed.port || defaultPort}`;
  return [...new Set([url, withoutPort + rest, withPort + rest])];
}

/** Constant-time per candidate URL; a missing or empty signature never verifies. */
export async function verifyTwilioSignature(authToken: string, signature: string | undefined, url: string, params: URLSearchParams): Promise<boolean> {
  if (!signature) return false;
  let valid = false;
  for (const candidate of urlVariants(url)) {
    if (constantTimeEqual(await twilioSignature(authToken, candidate, params), signature)) valid = true;
  }
  return valid;
}
