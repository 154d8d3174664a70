/**
 * Phone numbers never become cache keys, map keys or log fields as they are: a keyed hash
 * (HMAC-SHA256 with a per-process secret) stands in for them. Web Crypto by default, so it runs
 * on Node and on Workers alike; a runtime may hand in a faster HMAC of its own (Node: node:crypto,
 * src/runtime/node-crypto.ts), which must compute the same HMAC-SHA256.
 */

import { toBase64Url } from '../contract/encoding.ts';
import { webCryptoHmacSha256, type HmacSha256 } from '../contract/hmac.ts';

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
