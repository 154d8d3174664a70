/**
 * Number Verification sessions: one device flow each, created by an API client for one number,
 * finished by the device's trip through the operator and back. They live in the shared state
 * (src/shared-state/port.ts) so the flow's start, callback and read may land on different
 * instances; nothing here leaves the gateway except through `publicView` (no number, no state, no
 * PKCE verifier).
 */
import type { SessionProblem, SessionStatus, StoredSession } from '../../shared-state/port.ts';

export type { SessionProblem, SessionStatus, StoredSession } from '../../shared-state/port.ts';

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

/** The session as it stands at `now`: a pending one whose device never came back by expiresAt has failed. */
export function asOf(session: StoredSession, now: number): StoredSession {
  if (session.status === 'pending' && !session.callbackReceived && now >= session.expiresAt) {
    return { ...session, status: 'failed', completedAt: session.expiresAt, problem: SESSION_EXPIRED };
  }
  return session;
}

/** How long a session stays readable: its retention after it finished or expired, whichever is later. */
export function retainUntil(session: Pick<StoredSession, 'expiresAt' | 'completedAt'>, retentionMs: number): number {
  return Math.max(session.completedAt ?? session.expiresAt, session.expiresAt) + retentionMs;
}

export function publicView(session: StoredSession): SessionView {
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

/** The state sent to the operator names its session, so the callback finds it with one read: `<session id>.<random>`. */
export function stateFor(sessionId: string, random: string): string {
  return `${sessionId}.${random}`;
}

export function sessionIdOfState(state: string): string | undefined {
  const dot = state.indexOf('.');
  return dot > 0 ? state.slice(0, dot) : undefined;
}

/** `nv_` and 16 random bytes in base64url: anything else is no session, and is not looked up (each lookup is a store call). */
export function isSessionId(id: string | undefined): id is string {
  return id !== undefined && /^nv_[A-Za-z0-9_-]{22}$/.test(id);
}
