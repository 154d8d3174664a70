/**
 * Phone numbers never become cache keys, map keys or log fields as they are: a keyed hash
 * (HMAC-SHA256 with a per-process secret) stands in for them. Web Crypto by default, so it runs
 * on Node and on Workers alike; a runtime may hand in a faster HMAC of its own (Node: node:crypto,
 * src/runtime/node-crypto.ts), which must compute the same HMAC-SHA256.
 */

import { sharedOnce } from './shared-once.ts';

const encoder = new TextEncoder();

/** HMAC-SHA256 under `secret`, as a function of the message. */
export type HmacSha256 = (secret: Uint8Array) => (message: string) => Uint8Array | Promise<Uint8Array>;

export const webCryptoHmacSha256: HmacSha256 = (secret) => {
  const key = sharedOnce(() => crypto.subtle.importKey('raw', secret as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
  return async (message) => new Uint8Array(await crypto.subtle.sign('HMAC', await key(), encoder.encode(message)));
};

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export class NumberKeyer {
  private readonly mac: (message: string) => Uint8Array | Promise<Uint8Array>;

  /**
   * `secret` defaults to 32 random bytes: keys then differ between processes, which is fine for a
   * process's own caches. A cache shared between processes (the second tier) needs a shared secret.
   */
  constructor(secret?: Uint8Array, hmac: HmacSha256 = webCryptoHmacSha256) {
    this.mac = hmac(secret ?? crypto.getRandomValues(new Uint8Array(32)));
  }

  async keyOf(phoneNumber: string): Promise<string> {
    return toBase64Url(await this.mac(phoneNumber)).slice(0, 32);
  }
}
