/**
 * Number Verification sessions: one device flow each, created by an API client for one number,
 * finished by the device's trip through the operator and back. Per tenant, bounded (least
 * recently used dropped first) and short-lived; nothing here leaves the gateway except through
 * `publicView` (no number, no state, no PKCE verifier).
 */
import { LRUCache } from 'lru-cache';

export type SessionStatus = 'pending' | 'verified' | 'not_verified' | 'failed';

/** Why a session failed: a stable code, a message safe for the client, and whether a new session may succeed. */
export interface SessionProblem {
  code: string;
  message: string;
  retryable: boolean;
}

export interface VerificationSession {
  readonly id: string;
  readonly tenantId: string;
  /** The number to verify: never in a URL, a log line or an answer. */
  readonly phoneNumber: string;
  /** The operator that started the device flow: the only one that can redeem its code. */
  readonly provider: string;
  readonly state: string;
  readonly codeVerifier: string;
  /** The operator's authorization URL the device is sent to. */
  readonly operatorUrl: string;
  /** redirect_uri given to the operator: the gateway's callback. */
  readonly callbackUrl: string;
  /** Where the device goes afterwards, if the app asked for it. */
  readonly appRedirectUri: string | undefined;
  readonly createdAt: number;
  /** The device must have come back by then. */
  readonly expiresAt: number;
  status: SessionStatus;
  /** Set by the first callback: the code is single-use, so is the callback. */
  callbackReceived: boolean;
  completedAt?: number;
  problem?: SessionProblem;
}

export interface SessionView {
  sessionId: string;
  status: SessionStatus;
  provider: string;
  createdAt: string;
  expiresAt: string;
  completedAt?: string;
  problem?: SessionProblem;
}

export const SESSION_EXPIRED: SessionProblem = {
  code: 'SESSION_EXPIRED',
  message: 'The device did not complete the verification in time.',
  retryable: true,
};

export class SessionStore {
  private readonly byTenant = new Map<string, LRUCache<string, VerificationSession>>();
  private readonly byId = new Map<string, VerificationSession>();
  private readonly byState = new Map<string, VerificationSession>();
  private readonly maxPerTenant: number;
  /** How long a finished (or expired) session stays readable. */
  private readonly retentionMs: number;

  constructor(options: { maxPerTenant: number; retentionMs: number }) {
    this.maxPerTenant = options.maxPerTenant;
    this.retentionMs = options.retentionMs;
  }

  add(session: VerificationSession): void {
    let sessions = this.byTenant.get(session.tenantId);
    if (!sessions) {
      sessions = new LRUCache<string, VerificationSession>({
        max: this.maxPerTenant,
        // Evicted or deleted: the id and state indexes forget it too, so they stay as bounded as the tenants' caches.
        dispose: (evicted) => {
          this.byId.delete(evicted.id);
          this.byState.delete(evicted.state);
        },
      });
      this.byTenant.set(session.tenantId, sessions);
    }
    sessions.set(session.id, session);
    this.byId.set(session.id, session);
    this.byState.set(session.state, session);
  }

  /** A tenant's session; another tenant's is as unknown as a missing one. */
  forTenant(tenantId: string, id: string, now: number): VerificationSession | undefined {
    const session = this.byTenant.get(tenantId)?.get(id);
    return session && this.live(session, now);
  }

  /** For the device's browser, which has only the id in its URL. */
  forDevice(id: string, now: number): VerificationSession | undefined {
    const session = this.byId.get(id);
    return session && this.live(session, now);
  }

  forState(state: string, now: number): VerificationSession | undefined {
    const session = this.byState.get(state);
    return session && this.live(session, now);
  }

  /** Expires a pending session whose time is up, and forgets one past its retention. */
  private live(session: VerificationSession, now: number): VerificationSession | undefined {
    if (session.status === 'pending' && !session.callbackReceived && now >= session.expiresAt) {
      complete(session, session.expiresAt, 'failed', SESSION_EXPIRED);
    }
    const finishedAt = session.completedAt ?? session.expiresAt;
    if (now >= Math.max(finishedAt, session.expiresAt) + this.retentionMs) {
      this.byTenant.get(session.tenantId)?.delete(session.id);
      return undefined;
    }
    return session;
  }
}

export function complete(session: VerificationSession, at: number, status: Exclude<SessionStatus, 'pending'>, problem?: SessionProblem): void {
  session.status = status;
  session.completedAt = at;
  if (problem) session.problem = problem;
}

export function publicView(session: VerificationSession): SessionView {
  return {
    sessionId: session.id,
    status: session.status,
    provider: session.provider,
    createdAt: new Date(session.createdAt).toISOString(),
    expiresAt: new Date(session.expiresAt).toISOString(),
    ...(session.completedAt !== undefined ? { completedAt: new Date(session.completedAt).toISOString() } : {}),
    ...(session.problem ? { problem: { ...session.problem } } : {}),
  };
}
