/**
 * node:crypto's synchronous SHA-256 and HMAC for the gateway's per-request hashing (API keys,
 * number keys) on Node: the same digests as the Web Crypto defaults, without a round trip through
 * the thread pool for every request. Workers keep Web Crypto.
 */
import { createHash, createHmac, createSecretKey } from 'node:crypto';
import type { HmacSha256 } from '../contract/hmac.ts';
import type { Sha256Hex } from '../auth/api-keys.ts';

export const nodeHmacSha256: HmacSha256 = (secret) => {
  // A KeyObject, prepared once: a raw Buffer key is re-validated on every createHmac.
  const key = createSecretKey(secret);
  return (message) => createHmac('sha256', key).update(message).digest();
};

export const nodeSha256Hex: Sha256Hex = (text) => createHash('sha256').update(text).digest('hex');
