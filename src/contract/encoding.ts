/**
 * Bytes as text, the same way everywhere: base64url through Node's Buffer where there is one and
 * jose where not (Workers), plain base64 through atob/btoa, and lowercase hex.
 */
import { base64url } from 'jose';

const encoder = new TextEncoder();

type NodeBufferClass = { from(bytes: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'base64url'): string } };
/** Node's Buffer where there is one: its base64url is native, jose's goes through btoa and a string per byte. */
const NodeBuffer = (globalThis as { Buffer?: NodeBufferClass }).Buffer;

/** base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  return NodeBuffer ? NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url') : base64url.encode(bytes);
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Throws on text that is not base64. */
export function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** `Authorization: Basic base64(username:password)`, UTF-8. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${toBase64(encoder.encode(`${username}:${password}`))}`;
}

/** Lowercase hex SHA-256 of a text's UTF-8 bytes (Web Crypto). */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))));
}
