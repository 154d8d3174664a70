/**
 * Unguessable values of the device flow. PKCE and state come from openid-client (the library that
 * runs the flow's other half); session ids are random bytes of our own.
 */
import { calculatePKCECodeChallenge, randomPKCECodeVerifier, randomState } from 'openid-client';
import { toBase64Url } from '../../contract/encoding.ts';

export { calculatePKCECodeChallenge as pkceChallenge, randomPKCECodeVerifier as newCodeVerifier, randomState as newState };

/** `bytes` random bytes as base64url without padding. */
export function randomToken(bytes: number): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}
