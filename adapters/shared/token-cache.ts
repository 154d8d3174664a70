/**
 * A bounded cache of access tokens with single-flight minting, for any adapter that holds tokens.
 *
 * - A token is reused until its `usableUntil`; the least recently used entries go first when full.
 * - Concurrent requests for one key share one mint; its failure reaches every waiter and is not cached.
 * - A waiter that gives up (its signal fires) stops waiting at once. The mint is aborted only when
 *   no waiter is left, so one impatient request cannot fail the others sharing the mint.
 */
import { LRUCache } from 'lru-cache';
import { SingleFlight } from '../../src/resilience/single-flight.ts';

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

export function createTokenCache<T extends CachedToken>(options: { maxEntries: number; now: () => number }): TokenCache<T> {
  const tokens = new LRUCache<string, T>({ max: options.maxEntries });
  const mints = new SingleFlight<T>();
  let generation = 0;

  return {
    async get(key, mint, signal) {
      signal.throwIfAborted();
      const cached = tokens.get(key);
      if (cached !== undefined) {
        if (cached.usableUntil > options.now()) return { token: cached, fromCache: true, key };
        tokens.delete(key);
      }
      const startedIn = generation;
      const token = await mints.run(
        key,
        async (mintSignal) => {
          const minted = await mint(mintSignal);
          // A clear() while minting means the token belongs to a world that is gone.
          if (startedIn === generation && minted.usableUntil > options.now()) tokens.set(key, minted);
          return minted;
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
