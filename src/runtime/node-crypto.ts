/**
 * node:crypto's synchronous SHA-256 and HMAC for the gateway's per-request hashing (API keys,
 * number keys) on Node: the same digests as the Web Crypto defaults, without a round trip through
 * the thread pool for every request. Workers keep Web Crypto.
 */
import { createHmac, createSecretKey, hash } from 'node:crypto';
import type { HmacSha256 } from '../contract/hmac.ts';
import type { Sha256Hex } from '../auth/api-keys.ts';

export const nodeHmacSha256: HmacSha256 = (secret) => {
  // A KeyObject, prepared once: a raw Buffer key is re-validated on every createHmac.
  const key = createSecretKey(secret);
  return (message) => createHmac('sha256', key).update(message).digest();
};

// The one-shot form: no Hash object per request.
export const nodeSha256Hex: Sha256Hex = (text) => hash('sha256', text, 'hex');
