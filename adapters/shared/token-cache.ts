/**
 * A bounded cache of access tokens with single-flight minting, for any adapter that holds tokens.
 *
 * - A token is reused until its `usableUntil`; the least recently used entries go first when full.
 * - Concurrent requests for one key share one mint; its failure reaches every waiter and is not cached.
 * - A waiter that gives up (its signal fires) stops waiting at once. The mint is aborted only when
 *   no waiter is left, so one impatient request cannot fail the others sharing the mint.
 */
import { LRUCache } from 'lru-cache';
import { untilAborted } from './abort.ts';

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

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
  settled: boolean;
}

export function createTokenCache<T extends CachedToken>(options: { maxEntries: number; now: () => number }): TokenCache<T> {
  const tokens = new LRUCache<string, T>({ max: options.maxEntries });
  const flights = new Map<string, Flight<T>>();

  function startFlight(key: string, mint: (signal: AbortSignal) => Promise<T>): Flight<T> {
    const controller = new AbortController();
    const flight: Flight<T> = { promise: undefined as unknown as Promise<T>, controller, waiters: 0, settled: false };
    flight.promise = mint(controller.signal).then(
      (token) => {
        flight.settled = true;
        if (flights.get(key) === flight) {
          flights.delete(key);
          if (token.usableUntil > options.now()) tokens.set(key, token);
        }
        return token;
      },
      (error: unknown) => {
        flight.settled = true;
        if (flights.get(key) === flight) flights.delete(key);
        throw error;
      },
    );
    // Every waiter may have left before the mint fails: nobody else would observe the rejection.
    flight.promise.catch(() => {});
    flights.set(key, flight);
    return flight;
  }

  return {
    async get(key, mint, signal) {
      signal.throwIfAborted();
      const cached = tokens.get(key);
      if (cached !== undefined) {
        if (cached.usableUntil > options.now()) return { token: cached, fromCache: true, key };
        tokens.delete(key);
      }
      const flight = flights.get(key) ?? startFlight(key, mint);
      flight.waiters++;
      try {
        return { token: await untilAborted(flight.promise, signal), fromCache: false, key };
      } finally {
        flight.waiters--;
        if (flight.waiters === 0 && !flight.settled) {
          flight.controller.abort(signal.reason);
          if (flights.get(key) === flight) flights.delete(key);
        }
      }
    },

    invalidate(lease) {
      if (tokens.peek(lease.key) === lease.token) tokens.delete(lease.key);
    },

    clear() {
      tokens.clear();
      for (const flight of flights.values()) flight.controller.abort(new Error('token cache closed'));
      flights.clear();
    },

    get size() {
      return tokens.size;
    },
  };
}
