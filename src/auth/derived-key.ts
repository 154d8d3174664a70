/**
 * Keys for one purpose each, derived (HKDF-SHA-256) from `numberKeySecret`, which every instance
 * sharing a store has: sealed session numbers, agent-screen links. Without a secret (a single
 * process) each process draws its own, so nothing it made outlives it.
 */
const encoder = new TextEncoder();

export async function derivedKeyBytes(secret: string | undefined, purpose: string): Promise<Uint8Array> {
  const input = secret === undefined ? crypto.getRandomValues(new Uint8Array(32)) : encoder.encode(secret);
  const material = await crypto.subtle.importKey('raw', new Uint8Array(input), 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(purpose) }, material, 256);
  return new Uint8Array(bits);
}
