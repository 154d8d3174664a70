/**
 * Identical concurrent requests share one call. The call runs under its own AbortController: it
 * is aborted only when every waiter has given up, so one impatient caller never cancels the
 * answer others are waiting for. An abandoned call is forgotten at once (the next caller starts
 * afresh), errors reach every waiter, and nothing is kept once the call settles.
 * Inside a request scope (see request-scope.ts) only callers of that same request share a call.
 * With `outliveWaiters` a call every waiter left goes on to its end instead (later callers join it):
 * for work worth finishing for whoever asks next, such as minting a token.
 */
import { currentRequestScope } from './request-scope.ts';

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
  settled: boolean;
}

export interface SingleFlightOptions {
  /** Keep a call running (and joinable) when every waiter has left; only abortAll() stops it. Default false. */
  outliveWaiters?: boolean;
}

export class SingleFlight<T> {
  private readonly flights = new Map<string, Flight<T>>();
  private joined = 0;
  private readonly outliveWaiters: boolean;

  constructor(options: SingleFlightOptions = {}) {
    this.outliveWaiters = options.outliveWaiters ?? false;
  }

  /** How many callers joined a call already under way, since start. */
  get joins(): number {
    return this.joined;
  }

  get inFlight(): number {
    return this.flights.size;
  }

  run(sharedKey: string, call: (signal: AbortSignal) => Promise<T>, waiterSignal?: AbortSignal): Promise<T> {
    if (waiterSignal?.aborted) return Promise.reject(waiterSignal.reason);
    const scope = currentRequestScope();
    const key = scope ? `${scope.id}|${sharedKey}` : sharedKey;
    let flight = this.flights.get(key);
    if (flight) this.joined++;
    else flight = this.start(key, call);
    return this.wait(key, flight, waiterSignal);
  }

  /** Aborts every call under way and forgets them (shutdown). */
  abortAll(reason: unknown = new Error('single-flight closed')): void {
    for (const flight of this.flights.values()) flight.controller.abort(reason);
    this.flights.clear();
  }

  private start(key: string, call: (signal: AbortSignal) => Promise<T>): Flight<T> {
    const controller = new AbortController();
    const flight: Flight<T> = { controller, waiters: 0, settled: false, promise: undefined as unknown as Promise<T> };
    flight.promise = (async () => {
      try {
        return await call(controller.signal);
      } finally {
        flight.settled = true;
        this.forget(key, flight);
      }
    })();
    // Every waiter may have left before the call fails: nobody else would observe the rejection.
    flight.promise.catch(() => {});
    this.flights.set(key, flight);
    return flight;
  }

  private forget(key: string, flight: Flight<T>): void {
    if (this.flights.get(key) === flight) this.flights.delete(key);
  }

  private wait(key: string, flight: Flight<T>, signal: AbortSignal | undefined): Promise<T> {
    flight.waiters++;
    if (!signal) {
      return flight.promise.finally(() => {
        flight.waiters--;
      });
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        signal.removeEventListener('abort', onAbort);
        flight.waiters--;
        if (flight.waiters === 0 && !flight.settled && !this.outliveWaiters) {
          flight.controller.abort(signal.reason);
          this.forget(key, flight);
        }
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (value) => {
          if (signal.aborted) return;
          signal.removeEventListener('abort', onAbort);
          flight.waiters--;
          resolve(value);
        },
        (error: unknown) => {
          if (signal.aborted) return;
          signal.removeEventListener('abort', onAbort);
          flight.waiters--;
          reject(error);
        },
      );
    });
  }
}
