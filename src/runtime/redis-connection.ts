/**
 * One connection to a Valkey or Redis server, kept for the process's life, with the policy the
 * shared state needs: commands fail at once while disconnected (no offline queue: a caller waiting
 * on a dead server would only time out later), reconnection by itself with a capped backoff (the
 * gateway recovers without a restart), and connection errors that are logged once per outage
 * instead of once per retry, and never crash the process.
 *
 * The client is @redis/client, the core of node-redis (pinned exactly in package.json): maintained
 * by Redis, no dependencies of its own (the `redis` package adds modules we do not use), speaks to
 * Valkey as to Redis, and has what this policy needs built in: `disableOfflineQueue` (a command
 * while not ready rejects with ClientOfflineError; commands under way when the socket drops are
 * rejected, never resent), a `reconnectStrategy` that is ours to cap, `rediss://` URLs, and scripts
 * sent by EVALSHA with an EVAL fallback on NOSCRIPT. ioredis (also under the redis organisation)
 * resends unanswered commands after a reconnect by default (autoResendUnfulfilledCommands), which
 * could count a cap's call twice; iovalkey is a young (0.x) fork of ioredis.
 */
import { createClient } from '@redis/client';
import type { Logger } from '../observability/logger.ts';
import { SHARED_STATE_SCRIPTS } from './redis-scripts.ts';

/** Longest wait between two reconnection attempts. */
const MAX_BACKOFF_MS = 1_000;
/** Commands waiting for a server that stopped answering (not disconnected): beyond it they fail at once. */
const MAX_QUEUED_COMMANDS = 10_000;
/** How long close() lets commands under way finish before it cuts the connection. */
const CLOSE_GRACE_MS = 1_000;

export function reconnectDelayMs(attempt: number): number {
  return Math.min(50 * 2 ** attempt, MAX_BACKOFF_MS) + Math.floor(Math.random() * 50);
}

function newClient(url: string) {
  return createClient({
    url,
    scripts: SHARED_STATE_SCRIPTS,
    disableOfflineQueue: true,
    commandsQueueMaxLength: MAX_QUEUED_COMMANDS,
    socket: { reconnectStrategy: reconnectDelayMs, connectTimeout: 2_000 },
  });
}

export type RedisClient = ReturnType<typeof newClient>;

export interface RedisConnection {
  readonly client: RedisClient;
  /** Resolves true once connected, false if not within `ms` (the client keeps trying either way). */
  ready(ms: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Connects in the background: the gateway starts (and answers, failing closed where it must)
 * while the server is still unreachable. The URL is never logged (it may hold a password).
 */
export function connectRedis(url: string, logger: Logger): RedisConnection {
  const client = newClient(url);
  let outage: { since: number; errors: number } | undefined = { since: Date.now(), errors: 0 };
  let warned = false;
  client.on('error', (error: Error) => {
    outage ??= { since: Date.now(), errors: 0 };
    outage.errors++;
    if (warned) return;
    warned = true;
    logger.warn('shared state: the Redis server cannot be reached; retrying in the background', { error: error.message });
  });
  client.on('ready', () => {
    if (warned && outage) logger.info('shared state: the Redis server is reachable again', { downForMs: Date.now() - outage.since, failedAttempts: outage.errors });
    outage = undefined;
    warned = false;
  });
  // Rejects only once the client is closed (the strategy never gives up): nothing to report then.
  const connected = client.connect().then(
    () => true,
    () => false,
  );

  return {
    client,
    ready: async (ms) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      });
      try {
        return await Promise.race([connected, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {
      if (!client.isOpen) return;
      const closing = client.close();
      const late = setTimeout(() => client.destroy(), CLOSE_GRACE_MS);
      try {
        await closing;
      } finally {
        clearTimeout(late);
      }
      await connected;
    },
  };
}
