/**
 * Phone numbers never become cache keys, map keys or log fields as they are: a keyed hash
 * (HMAC-SHA256 with a per-process secret) stands in for them. Web Crypto only, so it runs on
 * Node and on Workers alike.
 */

import { sharedOnce } from './shared-once.ts';

const encoder = new TextEncoder();

function toBase64Url(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export class NumberKeyer {
  private readonly key: () => Promise<CryptoKey>;

  /**
   * `secret` defaults to 32 random bytes: keys then differ between processes, which is fine for a
   * process's own caches. A cache shared between processes (the second tier) needs a shared secret.
   */
  constructor(secret?: Uint8Array) {
    const bytes = secret ?? crypto.getRandomValues(new Uint8Array(32));
    this.key = sharedOnce(() => crypto.subtle.importKey('raw', bytes as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
  }

  async keyOf(phoneNumber: string): Promise<string> {
    const mac = await crypto.subtle.sign('HMAC', await this.key(), encoder.encode(phoneNumber));
    return toBase64Url(mac).slice(0, 32);
  }
}
