/**
 * API keys are kept only as SHA-256 digests and compared in constant time. Web Crypto by default,
 * so the same code authenticates on Node and on Workers; a runtime may hand in a faster SHA-256 of
 * its own (Node: node:crypto, src/runtime/node-crypto.ts).
 */

import { sha256Hex, toBase64Url } from '../contract/encoding.ts';

/** Lowercase hex SHA-256 of a text. */
export type Sha256Hex = (text: string) => string | Promise<string>;


export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}

export interface StoredKey {
  id: string;
  tenantId: string;
  sha256: string;
  /** Refused like an unknown key; only the reason in the gateway's own log differs. */
  revoked?: boolean;
}

/** Bearer keys are printable and bounded; anything else is malformed before it is hashed. */
export const API_KEY_SYNTAX = /^[A-Za-z0-9._~+/=-]{16,256}$/;

export type KeyCheck =
  | { ok: true; tenantId: string; keyId: string }
  | { ok: false; reason: 'missing' | 'malformed' | 'unknown' }
  | { ok: false; reason: 'revoked'; tenantId: string; keyId: string };

export class ApiKeyStore {
  private readonly byDigest = new Map<string, StoredKey>();
  private readonly digestOf: Sha256Hex;

  constructor(keys: readonly StoredKey[], digestOf: Sha256Hex = sha256Hex) {
    this.digestOf = digestOf;
    for (const key of keys) {
      if (this.byDigest.has(key.sha256)) throw new Error(`API key ${key.id} is configured twice`);
      this.byDigest.set(key.sha256, key);
    }
  }

  async check(authorization: string | undefined): Promise<KeyCheck> {
    if (!authorization) return { ok: false, reason: 'missing' };
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match || !API_KEY_SYNTAX.test(match[1]!)) return { ok: false, reason: 'malformed' };
    const digest = await this.digestOf(match[1]!);
    const stored = this.byDigest.get(digest);
    if (!stored || !constantTimeEqual(stored.sha256, digest)) return { ok: false, reason: 'unknown' };
    if (stored.revoked) return { ok: false, reason: 'revoked', tenantId: stored.tenantId, keyId: stored.id };
    return { ok: true, tenantId: stored.tenantId, keyId: stored.id };
  }
}

/** A development key: 32 random bytes, URL-safe. */
export function generateApiKey(prefix = 'nt_dev_'): string {
  return prefix + toBase64Url(crypto.getRandomValues(new Uint8Array(24)));
}
