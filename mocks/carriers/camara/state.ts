import { randomBytes } from 'node:crypto';
import type { GrantType } from './profiles.ts';
import type { GrantedScope } from './scopes.ts';

export interface AccessTokenRecord {
  clientId: string;
  grant: GrantType;
  apiScopes: ReadonlySet<string>;
  /** The line the token is bound to (CIBA); null for 2-legged client-credentials tokens. */
  phoneNumber: string | null;
  expiresAt: number;
}

export interface CibaRequestRecord {
  authReqId: string;
  clientId: string;
  granted: GrantedScope;
  phoneNumber: string;
  issuedAt: number;
  expiresAt: number;
  /** Grows by 5 s after each slow_down, as CIBA Core §11 requires of the client. */
  intervalSeconds: number;
  /** Issuance, then each poll: the next poll must wait `intervalSeconds` after this. */
  lastPollAt: number;
  approveAt: number;
  denied: boolean;
}

/** What one mock operator remembers between requests: tokens, pending CIBA requests, used assertion ids. */
export class OperatorState {
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly cibaRequests = new Map<string, CibaRequestRecord>();
  private readonly seenJtis = new Map<string, number>();

  issueAccessToken(record: AccessTokenRecord, now: number): string {
    this.prune(now);
    const value = opaque();
    this.accessTokens.set(value, record);
    return value;
  }

  /** The token's record while it is valid; undefined when unknown or expired. */
  findAccessToken(value: string, now: number): AccessTokenRecord | undefined {
    const record = this.accessTokens.get(value);
    return record && record.expiresAt > now ? record : undefined;
  }

  createCibaRequest(fields: Omit<CibaRequestRecord, 'authReqId'>, now: number): CibaRequestRecord {
    this.prune(now);
    const record = { ...fields, authReqId: opaque() };
    this.cibaRequests.set(record.authReqId, record);
    return record;
  }

  findCibaRequest(authReqId: string): CibaRequestRecord | undefined {
    return this.cibaRequests.get(authReqId);
  }

  /** A CIBA request answers one token (or one terminal error) only. */
  finishCibaRequest(authReqId: string): void {
    this.cibaRequests.delete(authReqId);
  }

  /** Records a client assertion's jti; false when the same client already used it. */
  rememberJti(clientId: string, jti: string, expiresAt: number, now: number): boolean {
    this.prune(now);
    const key = `${clientId} ${jti}`;
    if (this.seenJtis.has(key)) return false;
    this.seenJtis.set(key, expiresAt);
    return true;
  }

  clear(): void {
    this.accessTokens.clear();
    this.cibaRequests.clear();
    this.seenJtis.clear();
  }

  private prune(now: number): void {
    for (const [value, record] of this.accessTokens) if (record.expiresAt <= now) this.accessTokens.delete(value);
    // Expired CIBA requests are kept a while so late polls get expired_token rather than invalid_grant.
    for (const [id, record] of this.cibaRequests) if (record.expiresAt + 600_000 <= now) this.cibaRequests.delete(id);
    for (const [key, expiresAt] of this.seenJtis) if (expiresAt <= now) this.seenJtis.delete(key);
  }
}

function opaque(): string {
  return randomBytes(24).toString('base64url');
}
