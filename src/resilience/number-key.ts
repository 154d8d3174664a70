/**
 * Phone numbers never become cache keys, map keys or log fields as they are: a keyed hash
 * (HMAC-SHA256 with a per-process secret) stands in for them. Web Crypto only, so it runs on
 * Node and on Workers alike.
 */

const encoder = new TextEncoder();

function toBase64Url(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export class NumberKeyer {
  private key: Promise<CryptoKey> | undefined;
  private readonly secret: Uint8Array;

  /** `secret` defaults to 32 random bytes: keys then differ between processes, which is fine for caches. */
  constructor(secret?: Uint8Array) {
    this.secret = secret ?? crypto.getRandomValues(new Uint8Array(32));
  }

  async keyOf(phoneNumber: string): Promise<string> {
    this.key ??= crypto.subtle.importKey('raw', this.secret as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = await crypto.subtle.sign('HMAC', await this.key, encoder.encode(phoneNumber));
    return toBase64Url(mac).slice(0, 32);
  }
}
