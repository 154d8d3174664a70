/**
 * Bytes as text, the same way everywhere, without Node's Buffer (Workers): base64url through
 * jose, plain base64 through atob/btoa, and lowercase hex.
 */
import { base64url } from 'jose';

const encoder = new TextEncoder();

/** base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  return base64url.encode(bytes);
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
