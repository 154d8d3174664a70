/**
 * The shared state on a Valkey or Redis server (src/shared-state/port.ts), for several Node
 * instances behind one load balancer. Every read-modify-write is one Lua script
 * (src/runtime/redis-scripts.ts), so the instances agree without locks; every key is under the
 * configured keyPrefix. The client is node-redis's core (@redis/client): see
 * src/runtime/redis-connection.ts for how it connects, fails fast and reconnects.
 *
 * Keys (after the prefix): `rate:<tenant>` (token bucket), `quota:<tenant>:<day>` (daily count),
 * `nv:<session id>` (a session's hash), `nv-tenant:<tenant>` (sessions by creation time),
 * `record:<assessment id>` (an assessment record's hash: its JSON, retention and outcome),
 * `answer:<tenant>|<keyed hash>` (second tier; the number is an HMAC, never itself).
 */
import type { Logger } from '../observability/logger.ts';
import type { SharedAnswerStore } from '../resilience/second-tier.ts';
import type { SharedStateConfig } from '../config/schema.ts';
import type {
  AssessmentRecord,
  QuotaStore,
  RateLimitStore,
  RecordedOutcome,
  RecordStore,
  SessionEnd,
  SessionStore,
  SharedState,
  StoredSession,
} from '../shared-state/port.ts';
import { recordJson } from '../shared-state/port.ts';
import type { RateDecision, RateLimitSettings } from '../shared-state/token-bucket.ts';
import { connectRedis, type RedisClient } from './redis-connection.ts';

export type RedisSharedStateConfig = Extract<SharedStateConfig, { kind: 'redis' }>;

/** A day's count outlives its UTC day by a day, then goes by itself. */
const QUOTA_EXPIRY_MS = 2 * 86_400_000;

export interface RedisSharedState extends SharedState {
  readonly kind: 'redis';
  readonly answers: SharedAnswerStore;
  /** Resolves true once connected, false if not within `ms`; the client keeps trying either way. */
  ready(ms: number): Promise<boolean>;
}

export function redisSharedState(config: RedisSharedStateConfig, options: { logger: Logger; now?: () => number }): RedisSharedState {
  const connection = connectRedis(config.url, options.logger);
  const { client } = connection;
  const prefix = config.keyPrefix;
  return {
    kind: 'redis',
    rateLimits: rateLimits(client, prefix),
    quotas: quotas(client, prefix),
    sessions: sessions(client, prefix, options.now ?? Date.now),
    records: records(client, prefix, options.now ?? Date.now),
    answers: answers(client, prefix),
    timeoutMs: config.timeoutMs,
    sessionTimeoutMs: config.sessionTimeoutMs,
    ready: (ms) => connection.ready(ms),
    close: () => connection.close(),
  };
}

function rateLimits(client: RedisClient, prefix: string): RateLimitStore {
  return {
    async take(tenantId: string, limit: RateLimitSettings): Promise<RateDecision> {
      const reply = await client.rateTake([`${prefix}rate:${tenantId}`], [limit.requestsPerSecond, limit.burst]);
      const [ok, retryAfterMs] = reply as [number, number];
      return ok === 1 ? { ok: true } : { ok: false, retryAfterMs };
    },
  };
}

function quotas(client: RedisClient, prefix: string): QuotaStore {
  const key = (tenantId: string, day: number) => `${prefix}quota:${tenantId}:${day}`;
  return {
    tryTake: async (tenantId, day, cap) => (await client.quotaTake([key(tenantId, day)], [cap, QUOTA_EXPIRY_MS])) === 1,
    add: async (tenantId, day, calls) => {
      await client.quotaAdd([key(tenantId, day)], [calls, QUOTA_EXPIRY_MS]);
    },
    used: async (tenantId, day) => Number((await client.get(key(tenantId, day))) ?? 0),
  };
}

/** A session's hash: the JSON it was created with, how it ended, whether its callback was claimed, its retention. */
interface SessionFields {
  session?: string;
  end?: string | null;
  callbackReceived?: string;
  retainUntil?: string;
}

function sessionOf(json: string, end: string | null | undefined, callbackReceived: boolean): StoredSession {
  const session = JSON.parse(json) as StoredSession;
  const ended = end ? (JSON.parse(end) as SessionEnd) : undefined;
  return { ...session, callbackReceived: session.callbackReceived || callbackReceived, ...ended };
}

/** Retention is judged by the gateway's clock (as in memory); the server's expiry only clears the key. */
function sessions(client: RedisClient, prefix: string, now: () => number): SessionStore {
  const key = (id: string) => `${prefix}nv:${id}`;
  return {
    async create(session, limits) {
      await client.sessionCreate(
        [key(session.id), `${prefix}nv-tenant:${session.tenantId}`],
        [JSON.stringify(session), limits.retainUntil, session.id, session.createdAt, limits.maxPerTenant, key(''), session.callbackReceived ? '1' : '0'],
      );
    },
    async get(id) {
      const fields = (await client.hGetAll(key(id))) as SessionFields;
      if (fields.session === undefined || !(Number(fields.retainUntil) > now())) return undefined;
      return sessionOf(fields.session, fields.end, fields.callbackReceived === '1');
    },
    async claimCallback(id) {
      const reply = (await client.sessionClaim([key(id)], [now()])) as [string, string | null] | null;
      return reply ? sessionOf(reply[0], reply[1], true) : undefined;
    },
    async finish(id, end, retainUntil) {
      await client.sessionFinish([key(id)], [JSON.stringify(end), retainUntil, now()]);
    },
  };
}

/** Like sessions: retention by the gateway's clock, the server's expiry only clears the key. */
function records(client: RedisClient, prefix: string, now: () => number): RecordStore {
  const key = (id: string) => `${prefix}record:${id}`;
  const withOutcome = (json: string, outcome: string | null | undefined): AssessmentRecord => ({
    ...(JSON.parse(json) as AssessmentRecord),
    ...(outcome ? { outcome: JSON.parse(outcome) as RecordedOutcome } : {}),
  });
  return {
    async put(record, verdictJson) {
      await client
        .multi()
        .hSet(key(record.id), { record: recordJson(record, verdictJson), retainUntil: String(record.retainUntil) })
        .pExpireAt(key(record.id), record.retainUntil)
        .exec();
    },
    async get(id) {
      const fields = (await client.hGetAll(key(id))) as { record?: string; retainUntil?: string; outcome?: string };
      if (fields.record === undefined || !(Number(fields.retainUntil) > now())) return undefined;
      return withOutcome(fields.record, fields.outcome);
    },
    async setOutcome(id, outcome) {
      const reply = (await client.recordOutcome([key(id)], [JSON.stringify(outcome), now()])) as [number, string, string] | null;
      return reply ? { record: withOutcome(reply[1], reply[2]), first: reply[0] === 1 } : undefined;
    },
  };
}

function answers(client: RedisClient, prefix: string): SharedAnswerStore {
  const key = (hashed: string) => `${prefix}answer:${hashed}`;
  return {
    get: async (hashed) => (await client.get(key(hashed))) ?? undefined,
    async put(hashed, value, ttlSeconds) {
      if (ttlSeconds <= 0) return;
      await client.set(key(hashed), value, { expiration: { type: 'PX', value: Math.round(ttlSeconds * 1000) } });
    },
  };
}
