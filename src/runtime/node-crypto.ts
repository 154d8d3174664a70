/**
 * node:crypto's synchronous SHA-256 and HMAC for the gateway's per-request hashing (API keys,
 * number keys) on Node: the same digests as the Web Crypto defaults, without a round trip through
 * the thread pool for every request. Workers keep Web Crypto.
 */
import { createHmac, createSecretKey, hash } from 'node:crypto';
import type { HmacSha256 } from '../contract/hmac.ts';
import type { Sha256Hex } from '../auth/api-keys.ts';

/**
 * HMAC-SHA256 (RFC 2104) over node:crypto's one-shot SHA-256: the key's two padded blocks are
 * prepared once, and a short message (a phone number, an assessment's request body) costs two
 * one-shot hashes, about a sixth of a createHmac() with its Hmac object per call. Longer messages
 * take createHmac.
 */
export const nodeHmacSha256: HmacSha256 = (secret) => {
  const block = Buffer.alloc(SHA256_BLOCK_BYTES);
  (secret.byteLength > SHA256_BLOCK_BYTES ? hash('sha256', secret, 'buffer') : Buffer.from(secret)).copy(block);
  // The inner input: the key's inner pad, then the message (written in place each call).
  const inner = Buffer.alloc(SHA256_BLOCK_BYTES + SHORT_MESSAGE_BYTES);
  // The outer input: the key's outer pad, then the inner digest.
  const outer = Buffer.alloc(SHA256_BLOCK_BYTES + SHA256_BYTES);
  for (let index = 0; index < SHA256_BLOCK_BYTES; index++) {
    inner[index] = block[index]! ^ 0x36;
    outer[index] = block[index]! ^ 0x5c;
  }
  const key = createSecretKey(secret);
  return (message) => {
    // Three bytes a character at most in UTF-8: anything that might not fit takes createHmac.
    if (message.length * 3 > SHORT_MESSAGE_BYTES) return createHmac('sha256', key).update(message).digest();
    const length = inner.write(message, SHA256_BLOCK_BYTES, 'utf8');
    hash('sha256', inner.subarray(0, SHA256_BLOCK_BYTES + length), 'buffer').copy(outer, SHA256_BLOCK_BYTES);
    return hash('sha256', outer, 'buffer');
  };
};

const SHA256_BLOCK_BYTES = 64;
const SHA256_BYTES = 32;
const SHORT_MESSAGE_BYTES = 1024;

// The one-shot form: no Hash object per request.
export const nodeSha256Hex: Sha256Hex = (text) => hash('sha256', text, 'hex');
