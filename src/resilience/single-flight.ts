/**
 * Identical concurrent requests share one upstream call. The call runs under its own
 * AbortController: it is aborted only when every waiter has given up, so one impatient caller
 * never cancels the answer others are waiting for. Errors reach every waiter and nothing is kept
 * once the call settles.
 */

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

export class SingleFlight<T> {
  private readonly flights = new Map<string, Flight<T>>();
  private joined = 0;

  /** How many callers joined a call already under way, since start. */
  get joins(): number {
    return this.joined;
  }

  get inFlight(): number {
    return this.flights.size;
  }

  run(key: string, call: (signal: AbortSignal) => Promise<T>, waiterSignal?: AbortSignal): Promise<T> {
    let flight = this.flights.get(key);
    if (flight) {
      this.joined++;
    } else {
      const controller = new AbortController();
      const created: Flight<T> = { controller, waiters: 0, promise: Promise.resolve() as Promise<T> };
      created.promise = (async () => {
        try {
          return await call(controller.signal);
        } finally {
          if (this.flights.get(key) === created) this.flights.delete(key);
        }
      })();
      this.flights.set(key, created);
      flight = created;
    }
    return this.wait(flight, waiterSignal);
  }

  private wait(flight: Flight<T>, signal: AbortSignal | undefined): Promise<T> {
    flight.waiters++;
    if (!signal) {
      return flight.promise.finally(() => {
        flight.waiters--;
      });
    }
    return new Promise<T>((resolve, reject) => {
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        signal.removeEventListener('abort', onAbort);
        flight.waiters--;
      };
      const onAbort = () => {
        leave();
        if (flight.waiters === 0) flight.controller.abort(signal.reason);
        reject(signal.reason);
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (value) => {
          leave();
          resolve(value);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
  }
}
