/**
 * What every instance of the gateway must agree on, behind one small runtime-free port: request
 * rate limits, daily upstream caps, Number Verification sessions, assessment records and (where
 * the store can hold it) the answer cache's second tier. Three implementations: in memory (one process; the
 * embedded default), Redis protocol on Node (src/runtime/redis-state.ts, Valkey or Redis) and
 * Durable Objects on Workers (src/runtime/durable-objects/). Every method may reject or hang when
 * the store is unreachable; the callers bound each call and decide what that means (fail-closed
 * caps, a 503 for sessions, a miss for the cache: docs/scaling.md).
 */
import type { RateDecision, RateLimitSettings } from './token-bucket.ts';
import type { SharedAnswerStore } from '../resilience/second-tier.ts';

export type SharedStateKind = 'memory' | 'redis' | 'durable-objects';

export interface SharedState {
  readonly kind: SharedStateKind;
  readonly rateLimits: RateLimitStore;
  readonly quotas: QuotaStore;
  readonly sessions: SessionStore;
  readonly records: RecordStore;
  /** The answer cache's second tier, where this store can hold it (Redis); Workers use the Cache API or KV instead. */
  readonly answers?: SharedAnswerStore;
  /** Longest a call on the request's hot path (rate limit, cap, cache read) may take before the gateway goes on without it. */
  readonly timeoutMs: number;
  /** Longest a Number Verification session read or write may take before the route answers 503. */
  readonly sessionTimeoutMs: number;
  close(): Promise<void>;
}

export interface RateLimitStore {
  /** Takes one request from the tenant's token bucket, atomically across every instance. */
  take(tenantId: string, limit: RateLimitSettings): Promise<RateDecision>;
}

/** Upstream calls per tenant and UTC day (`day` = days since the epoch). */
export interface QuotaStore {
  /** Counts one more call if fewer than `cap` were counted that day, atomically; resolves whether it did. */
  tryTake(tenantId: string, day: number, cap: number): Promise<boolean>;
  /** Adds `calls` to the day's count without a check (negative gives calls back). */
  add(tenantId: string, day: number, calls: number): Promise<void>;
  used(tenantId: string, day: number): Promise<number>;
}

export type SessionStatus = 'pending' | 'verified' | 'not_verified' | 'failed';

/** Why a session failed: a stable code, a message safe for the client, and whether a new session may succeed. */
export interface SessionProblem {
  code: string;
  message: string;
  retryable: boolean;
}

/**
 * A Number Verification session as the store keeps it: plain JSON. The number is sealed
 * (encrypted by the gateway, src/routes/number-verification/sealed-number.ts): no store ever
 * holds it readable; so is the operator's authorization URL, which may carry it (an aggregator's
 * login_hint).
 */
export interface StoredSession {
  id: string;
  tenantId: string;
  sealedPhoneNumber: string;
  provider: string;
  state: string;
  codeVerifier: string;
  sealedOperatorUrl: string;
  callbackUrl: string;
  appRedirectUri?: string;
  createdAt: number;
  expiresAt: number;
  status: SessionStatus;
  /** Set once, by the first callback: the authorization code is single-use, so is the callback. */
  callbackReceived: boolean;
  completedAt?: number;
  problem?: SessionProblem;
}

export interface SessionEnd {
  status: Exclude<SessionStatus, 'pending'>;
  completedAt: number;
  problem?: SessionProblem;
}

export interface SessionStore {
  /** Keeps a new session until `retainUntil` (epoch ms); past `maxPerTenant` the tenant's oldest sessions are dropped. */
  create(session: StoredSession, limits: { retainUntil: number; maxPerTenant: number }): Promise<void>;
  /** The session, or undefined when unknown or past its retention. */
  get(id: string): Promise<StoredSession | undefined>;
  /**
   * Marks the callback received, atomically and once: resolves with the session (as marked) to
   * the one caller that marked it, undefined to every other (already claimed, unknown, gone).
   */
  claimCallback(id: string): Promise<StoredSession | undefined>;
  /** Records how the session ended and keeps it readable until `retainUntil`. */
  finish(id: string, end: SessionEnd, retainUntil: number): Promise<void>;
}

/**
 * What the call turned out to be, told by the tenant after the call (POST /v1/assessments/{id}/outcome).
 * Fraud confirmed or genuine are the facts that tell which reasons predict fraud.
 */
export const CALL_OUTCOMES = ['fraud_confirmed', 'fraud_suspected', 'genuine', 'unknown'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export interface RecordedOutcome {
  outcome: CallOutcome;
  recordedAt: number;
}

/**
 * An assessment as kept for later (the agent's screen, GET /v1/assessments/{id}): plain JSON, the
 * verdict and its explanation, and the number masked to its last two digits, never whole.
 */
export interface AssessmentRecord {
  id: string;
  tenantId: string;
  maskedNumber: string;
  assessedAt: number;
  /** Readable until then (epoch ms): the tenant's retention after the assessment. */
  retainUntil: number;
  /** The verdict as answered, without its id (AssessmentResponse). */
  verdict: Record<string, unknown>;
  outcome?: RecordedOutcome;
}

export interface RecordStore {
  /**
   * Keeps a record until its `retainUntil`; an in-process store keeps it at once (and returns
   * nothing to wait for). `verdictJson`, when given, is `record.verdict` as JSON already.
   */
  put(record: AssessmentRecord, verdictJson?: string): Promise<void> | void;
  /** The record, or undefined when unknown or past its retention. */
  get(id: string): Promise<AssessmentRecord | undefined>;
  /**
   * Records the outcome once, atomically: the record as updated to the caller that set it; the
   * record unchanged (its first outcome kept) when one was already set; undefined when unknown or gone.
   */
  setOutcome(id: string, outcome: RecordedOutcome): Promise<{ record: AssessmentRecord; first: boolean } | undefined>;
}

/** A record as JSON, its verdict taken as already serialized when `verdictJson` is given (one serialization less a verdict). */
export function recordJson(record: AssessmentRecord, verdictJson?: string): string {
  return recordJsonParts(record, verdictJson).join('');
}

/** recordJson() in pieces that join into it, so a store that encodes them need not join them (the verdict's JSON is most of it). */
export function recordJsonParts(record: AssessmentRecord, verdictJson?: string): string[] {
  if (verdictJson === undefined) return [JSON.stringify(record)];
  const { verdict: _verdict, ...rest } = record;
  return [JSON.stringify(rest).slice(0, -1), ',"verdict":', verdictJson, '}'];
}
