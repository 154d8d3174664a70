/**
 * The shared state's atomic operations, as Lua scripts the Redis-protocol server runs whole
 * (Valkey or Redis). The client sends each by its SHA1 (EVALSHA) and falls back on EVAL when the
 * server does not know it yet (after a restart). Time-based rules use the server's clock
 * (`TIME`), so instances whose clocks disagree still share one bucket.
 */
import { defineScript, type CommandParser } from '@redis/client';

/** KEYS the script touches, then its ARGV; every value goes over the wire as a string. */
function script(source: string, keys: number) {
  return defineScript({
    SCRIPT: source,
    NUMBER_OF_KEYS: keys,
    parseCommand(parser: CommandParser, keyNames: readonly string[], args: ReadonlyArray<string | number>) {
      for (const key of keyNames) parser.pushKey(key);
      for (const arg of args) parser.push(String(arg));
    },
    transformReply: (reply: unknown) => reply,
  });
}

/**
 * A token bucket, as src/shared-state/token-bucket.ts: `burst` tokens, refilled at `rate` a
 * second, one taken a request; a changed limit starts a full bucket. The key expires once the
 * bucket would be full again (an absent bucket is a full one), at most after a week.
 * KEYS: bucket. ARGV: rate, burst. Returns { 1, 0 } or { 0, ms until a token }.
 */
const RATE_TAKE = script(
  `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local tokens, at = burst, now
local kept = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'rate', 'burst')
if kept[1] and kept[3] == ARGV[1] and kept[4] == ARGV[2] then
  at = tonumber(kept[2])
  tokens = math.min(burst, tonumber(kept[1]) + math.max(0, now - at) / 1000 * rate)
  at = math.max(now, at)
end
local ok, retry = 0, 0
if tokens >= 1 then
  tokens = tokens - 1
  ok = 1
else
  retry = math.ceil((1 - tokens) / rate * 1000)
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', at), 'rate', ARGV[1], 'burst', ARGV[2])
redis.call('PEXPIRE', KEYS[1], math.min(604800000, math.ceil((burst - tokens) / rate * 1000) + 1000))
return { ok, retry }
`,
  1,
);

/** KEYS: the day's count. ARGV: cap, expiry ms. Counts one more call if fewer than cap were counted; returns 1 if it did. */
const QUOTA_TAKE = script(
  `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], used + 1, 'PX', ARGV[2])
return 1
`,
  1,
);

/** KEYS: the day's count. ARGV: calls (negative gives back), expiry ms. Never below 0. */
const QUOTA_ADD = script(
  `
local used = math.max(0, tonumber(redis.call('GET', KEYS[1]) or '0') + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], used, 'PX', ARGV[2])
return used
`,
  1,
);

/**
 * A new session: a hash (its JSON and its retention) kept until retainUntil, indexed by creation
 * time in its tenant's sorted set; past maxPerTenant the oldest sessions go, keys and index alike.
 * The index outlives the sessions it names (it expires with twice the newest one's retention).
 * KEYS: session, tenant index. ARGV: session JSON, retainUntil, id, createdAt, maxPerTenant,
 * session key prefix (evicted ids are turned into keys with it), callbackReceived ('1' or '0').
 */
const SESSION_CREATE = script(
  `
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'session', ARGV[1], 'retainUntil', ARGV[2])
if ARGV[7] == '1' then redis.call('HSET', KEYS[1], 'callbackReceived', '1') end
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[5])
if over > 0 then
  for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, over - 1)) do
    redis.call('DEL', ARGV[6] .. id)
  end
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, over - 1)
end
redis.call('PEXPIREAT', KEYS[2], 2 * tonumber(ARGV[2]) - tonumber(ARGV[4]))
return 1
`,
  2,
);

/**
 * Marks the callback received, once: the session's fields to the caller that marked it, nil to
 * every other (already claimed, unknown, past its retention by the caller's clock). The key's
 * expiry stays as it was. KEYS: session. ARGV: now (ms).
 */
const SESSION_CLAIM = script(
  `
local retain = redis.call('HGET', KEYS[1], 'retainUntil')
if not retain or tonumber(retain) <= tonumber(ARGV[1]) then return nil end
if redis.call('HSETNX', KEYS[1], 'callbackReceived', '1') == 0 then return nil end
return redis.call('HMGET', KEYS[1], 'session', 'end')
`,
  1,
);

/** How a live session ended, and its new retention. KEYS: session. ARGV: end JSON, retainUntil, now (ms). */
const SESSION_FINISH = script(
  `
local retain = redis.call('HGET', KEYS[1], 'retainUntil')
if not retain or tonumber(retain) <= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], 'end', ARGV[1], 'retainUntil', ARGV[2])
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return 1
`,
  1,
);

/**
 * An assessment record's outcome, set once: { 1 or 0 (whether this call set it), the record JSON,
 * the outcome kept }, or nil when the record is unknown or past its retention by the caller's
 * clock. KEYS: record. ARGV: outcome JSON, now (ms).
 */
const RECORD_OUTCOME = script(
  `
local retain = redis.call('HGET', KEYS[1], 'retainUntil')
if not retain or tonumber(retain) <= tonumber(ARGV[2]) then return nil end
local first = redis.call('HSETNX', KEYS[1], 'outcome', ARGV[1])
local kept = redis.call('HMGET', KEYS[1], 'record', 'outcome')
return { first, kept[1], kept[2] }
`,
  1,
);

export const SHARED_STATE_SCRIPTS = {
  rateTake: RATE_TAKE,
  quotaTake: QUOTA_TAKE,
  quotaAdd: QUOTA_ADD,
  sessionCreate: SESSION_CREATE,
  sessionClaim: SESSION_CLAIM,
  sessionFinish: SESSION_FINISH,
  recordOutcome: RECORD_OUTCOME,
};
