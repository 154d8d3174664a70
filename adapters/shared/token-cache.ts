/**
 * A bounded cache of access tokens with single-flight minting, for any adapter that holds tokens.
 *
 * - A token is reused until its `usableUntil`; the least recently used entries go first when full.
 * - Concurrent requests for one key share one mint; its failure reaches every waiter and is not cached.
 * - A waiter that gives up (its signal fires) stops waiting at once, but the mint goes on to its end
 *   even when no waiter is left, up to its own limit (`mintTimeoutMs`), and its token is cached:
 *   a CIBA flow that takes longer than an impatient caller's budget still serves the next call, and
 *   callers arriving meanwhile join it. clear() aborts every mint.
 * - On Workers a mint is joined only within its request (single-flight's request scope) and is
 *   handed to the request's waitUntil, so its token lands here after the response has gone.
 */
import { LRUCache } from 'lru-cache';
import { deadline } from '../../src/contract/deadline.ts';
import { runInBackground } from '../../src/contract/request-scope.ts';
import { SingleFlight } from '../../src/contract/single-flight.ts';
import { untilAborted } from './abort.ts';

/** How long a mint may run when the provider sets no limit of its own. */
export const DEFAULT_MINT_TIMEOUT_MS = 30_000;

export interface CachedToken {
  /** Epoch ms after which the token is not handed out again (expiry minus a safety margin). */
  readonly usableUntil: number;
}

export interface TokenLease<T extends CachedToken> {
  token: T;
  /** False when the token was minted for this call (or a concurrent one it joined). */
  fromCache: boolean;
  /** Hand back to invalidate() when the upstream refuses the token. */
  key: string;
}

export interface TokenCache<T extends CachedToken> {
  get(key: string, mint: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<TokenLease<T>>;
  /** Drops the token if it is still the cached one (a concurrent refresh may have replaced it). */
  invalidate(lease: TokenLease<T>): void;
  /** Forgets every token and aborts every mint in progress. */
  clear(): void;
  readonly size: number;
}

export interface TokenCacheOptions {
  maxEntries: number;
  now: () => number;
  /** A mint still running after this long is aborted (its signal fires with a TimeoutError). */
  mintTimeoutMs?: number;
}

export function createTokenCache<T extends CachedToken>(options: TokenCacheOptions): TokenCache<T> {
  const tokens = new LRUCache<string, T>({ max: options.maxEntries });
  const mints = new SingleFlight<T>({ outliveWaiters: true });
  const mintTimeoutMs = options.mintTimeoutMs ?? DEFAULT_MINT_TIMEOUT_MS;
  let generation = 0;

  async function mintAndKeep(key: string, mint: (signal: AbortSignal) => Promise<T>, flightSignal: AbortSignal): Promise<T> {
    const startedIn = generation;
    const limit = deadline(mintTimeoutMs, flightSignal);
    try {
      // The limit holds even for a mint that does not listen to its signal.
      const minted = await untilAborted(mint(limit.signal), limit.signal);
      // A clear() while minting means the token belongs to a world that is gone.
      if (startedIn === generation && minted.usableUntil > options.now()) tokens.set(key, minted);
      return minted;
    } finally {
      limit.release();
    }
  }

  return {
    async get(key, mint, signal) {
      signal.throwIfAborted();
      const cached = tokens.get(key);
      if (cached !== undefined) {
        if (cached.usableUntil > options.now()) return { token: cached, fromCache: true, key };
        tokens.delete(key);
      }
      const token = await mints.run(
        key,
        (flightSignal) => {
          const minting = mintAndKeep(key, mint, flightSignal);
          runInBackground(minting);
          return minting;
        },
        signal,
      );
      return { token, fromCache: false, key };
    },

    invalidate(lease) {
      if (tokens.peek(lease.key) === lease.token) tokens.delete(lease.key);
    },

    clear() {
      generation++;
      tokens.clear();
      mints.abortAll(new Error('token cache closed'));
    },

    get size() {
      return tokens.size;
    },
  };
}
