/**
 * A session's phone number, encrypted before it reaches any store (AES-256-GCM, JWE compact, dir),
 * so a Redis or Durable Object holding sessions never holds a readable number. The key is derived
 * (HKDF-SHA-256) from `numberKeySecret`, which every instance sharing the store has; without one
 * (a single process) each process draws its own.
 */
import { CompactEncrypt, compactDecrypt } from 'jose';
import { derivedKeyBytes } from '../../auth/derived-key.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface NumberSeal {
  seal(phoneNumber: string): Promise<string>;
  /** Throws when the text was not sealed with this key. */
  open(sealed: string): Promise<string>;
}

export function numberSeal(secret: string | undefined): NumberSeal {
  const key = derivedKeyBytes(secret, 'numtrust number-verification session number v1');
  return {
    async seal(phoneNumber) {
      return new CompactEncrypt(encoder.encode(phoneNumber)).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(await key);
    },
    async open(sealed) {
      const { plaintext } = await compactDecrypt(sealed, await key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
      return decoder.decode(plaintext);
    },
  };
}
