/**
 * HMAC-SHA256 as a function the runtime may supply (Node: node:crypto, src/runtime/node-crypto.ts);
 * Web Crypto by default, so it runs on Node and on Workers alike.
 */
import { sharedOnce } from './shared-once.ts';

const encoder = new TextEncoder();

/** HMAC-SHA256 under `secret`, as a function of the message. */
export type HmacSha256 = (secret: Uint8Array) => (message: string) => Uint8Array | Promise<Uint8Array>;

export const webCryptoHmacSha256: HmacSha256 = (secret) => {
  const key = sharedOnce(() => crypto.subtle.importKey('raw', secret as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
  return async (message) => new Uint8Array(await crypto.subtle.sign('HMAC', await key(), encoder.encode(message)));
};
