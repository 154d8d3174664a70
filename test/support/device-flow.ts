/**
 * The Number Verification device flow at the adapter level (no gateway): the adapter's
 * authorization URL, the device's browser opening it over its mobile data session (the mock
 * operator reads the session's address from DEVICE_IP_HEADER), and the code the operator sends
 * back: all NumberVerifier.verify() needs. The gateway-level trip is device-browser.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { NumberVerifier } from '../../src/contract/adapter.ts';
import { DEVICE_IP_HEADER } from '../../mocks/carriers/camara/authorize.ts';

/** The redirect URI given to the operator; nothing listens there, the device stops at the redirect. */
export const DEVICE_FLOW_CALLBACK = 'http://127.0.0.1:8080/v1/number-verification/callback';

export function pkcePair(): { codeVerifier: string; codeChallenge: string } {
  const codeVerifier = randomBytes(32).toString('base64url');
  return { codeVerifier, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
}

/**
 * The device's browser: opens the authorization URL (over its data session when `deviceIp` is
 * given) and follows the provider's own redirects (an aggregator sends it on to the operator)
 * until one comes back to the callback, whose query it returns.
 */
export async function deviceCallback(url: URL, deviceIp?: string): Promise<URLSearchParams> {
  let next = url;
  for (let hop = 0; hop < 4; hop++) {
    const response = await fetch(next, { redirect: 'manual', headers: deviceIp ? { [DEVICE_IP_HEADER]: deviceIp } : {} });
    expect(response.status).toBe(302);
    await response.body?.cancel();
    next = new URL(response.headers.get('location')!, next);
    if (next.origin + next.pathname === DEVICE_FLOW_CALLBACK) return next.searchParams;
    expect(next.origin, 'the provider sent the device elsewhere than its own hops and the callback').toBe(url.origin);
  }
  throw new Error('too many redirects before the callback');
}

/** The number the device flow verifies when a test does not say (an aggregator routes on it). */
const DEFAULT_CLAIMED_NUMBER = '+447700900002';

/** Authorization URL → the device at `deviceIp` → the callback's code, with the PKCE verifier and state that go with it. */
export async function codeFromDevice(
  verifier: NumberVerifier,
  deviceIp: string,
  tenantId = 'tenant-a',
  phoneNumber = DEFAULT_CLAIMED_NUMBER,
): Promise<{ code: string; codeVerifier: string; state: string }> {
  const { codeVerifier, codeChallenge } = pkcePair();
  const state = randomBytes(16).toString('base64url');
  const url = await verifier.authorizationUrl({ tenantId, redirectUri: DEVICE_FLOW_CALLBACK, state, codeChallenge, phoneNumber });
  const callback = await deviceCallback(url, deviceIp);
  expect(callback.get('state')).toBe(state);
  const code = callback.get('code');
  expect(code, `the operator sent no code back (${callback.get('error') ?? 'no error either'})`).toBeTruthy();
  return { code: code!, codeVerifier, state };
}
