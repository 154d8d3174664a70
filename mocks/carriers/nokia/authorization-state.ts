import { randomBytes } from 'node:crypto';

/**
 * What NaC's authorization server remembers between the device's trip and the backend's calls:
 * authorization requests waiting for the operator's hop, issued codes, 3-legged access tokens.
 * Every entry is single-use or expires.
 */

/** `fast`: NaC redeems the code itself in /verify?code&state. `standard`: the client redeems it at /token. */
export type NacFlow = 'fast' | 'standard';

/** Codes are short-lived (RFC 6749 §4.1.2 recommends at most 10 minutes). */
export const NAC_CODE_TTL_MS = 60_000;
/** The device has this long from NaC's endpoint to the operator's hop. */
export const NAC_PENDING_TTL_MS = 300_000;
/** The 3-legged token of the standard flow: for one verify. */
export const NAC_ACCESS_TOKEN_TTL_SECONDS = 300;

export interface PendingAuthorization {
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  flow: NacFlow;
  /** The world operator of the login_hint's line: the only network that can authenticate the device. */
  operator: string;
  expiresAt: number;
}

export interface IssuedCode {
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  flow: NacFlow;
  /** The line the operator authenticated by the device's data session. */
  phoneNumber: string;
  expiresAt: number;
}

export interface NacAccessToken {
  clientId: string;
  phoneNumber: string;
  expiresAt: number;
}

export class NacAuthorizationState {
  private readonly pending = new Map<string, PendingAuthorization>();
  private readonly codes = new Map<string, IssuedCode>();
  private readonly tokens = new Map<string, NacAccessToken>();

  addPending(record: PendingAuthorization, now: number): string {
    return put(this.pending, record, now);
  }

  /** The request the device brings to the operator's hop, once. */
  takePending(id: string, now: number): PendingAuthorization | undefined {
    return take(this.pending, id, now);
  }

  issueCode(record: IssuedCode, now: number): string {
    return put(this.codes, record, now);
  }

  /** Removes the code whatever happens next: a code is presented once, right or wrong. */
  takeCode(code: string, now: number): IssuedCode | undefined {
    return take(this.codes, code, now);
  }

  issueToken(record: NacAccessToken, now: number): string {
    return put(this.tokens, record, now);
  }

  findToken(value: string, now: number): NacAccessToken | undefined {
    const record = this.tokens.get(value);
    return record && record.expiresAt > now ? record : undefined;
  }
}

function put<T extends { expiresAt: number }>(entries: Map<string, T>, record: T, now: number): string {
  for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
  const key = randomBytes(24).toString('base64url');
  entries.set(key, record);
  return key;
}

function take<T extends { expiresAt: number }>(entries: Map<string, T>, key: string, now: number): T | undefined {
  const record = entries.get(key);
  entries.delete(key);
  return record && record.expiresAt > now ? record : undefined;
}
