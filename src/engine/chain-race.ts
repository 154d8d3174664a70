/**
 * Asks the providers of a chain in order under one caller's deadline: the next one when the
 * current one gives no definite answer (failover), or when it is slow to answer at all (a hedge),
 * so that several may be under way at once. The first definite answer wins and the others are
 * aborted. Runtime-free; the executor says how to ask, what is definite, and when to hedge.
 */

export interface ChainRaceOptions<A> {
  /** Providers in the chain, asked by index from 0. */
  count: number;
  callerSignal: AbortSignal;
  /** At most this many providers under way at once (1 = failover only). */
  maxInFlight: number;
  /**
   * Asks provider `index` under `signal` (the caller's deadline, or this leg being superseded).
   * `onUpstream` is called if the answer is not at hand and an upstream call is needed: only then
   * is a hedge armed. Resolves undefined when the leg could not be sent (a hedge the tenant's cap
   * refused); rejects only to end the whole race (a request the tenant's cap refuses).
   */
  ask(index: number, signal: AbortSignal, leg: { hedge: boolean; onUpstream: () => void }): Promise<A | undefined>;
  isDefinite(answer: A): boolean;
  /** How long to wait for provider `index` before hedging with the next; undefined: never. */
  hedgeDelay(index: number): number | undefined;
  /**
   * Asked when a hedge over provider `index` is due: send it now, never (budgets, caps), or ask
   * again in this many ms (the provider is still obtaining its credentials, not slow to answer).
   */
  admitHedge(index: number): 'now' | 'never' | number;
}

export interface RaceOutcome<A> {
  winner?: { index: number; answer: A };
  /** Every non-definite answer, as it came. */
  answers: Array<{ index: number; answer: A }>;
  /** Providers still under way when the winner answered (they were aborted). */
  overtaken: number[];
  /** Indices asked as hedges. */
  hedged: number[];
}

/** Why a leg was aborted: another provider's answer won. */
export class SupersededError extends Error {
  constructor() {
    super('another provider answered first');
    this.name = 'SupersededError';
  }
}

export function raceChain<A>(options: ChainRaceOptions<A>): Promise<RaceOutcome<A>> {
  return new Promise((resolve, reject) => {
    const running = new Map<number, AbortController>();
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const outcome: RaceOutcome<A> = { answers: [], overtaken: [], hedged: [] };
    let next = 0;
    let done = false;

    const end = (): void => {
      done = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const controller of running.values()) controller.abort(new SupersededError());
    };

    const hedgeAfter = (index: number, delay = options.hedgeDelay(index)): void => {
      if (done || next !== index + 1 || next >= options.count || delay === undefined) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        const stillAlone = running.has(index) && next === index + 1 && running.size < options.maxInFlight;
        if (done || !stillAlone || options.callerSignal.aborted) return;
        const decision = options.admitHedge(index);
        if (typeof decision === 'number') return hedgeAfter(index, decision);
        if (decision === 'never') return;
        outcome.hedged.push(index + 1);
        start(index + 1, true);
      }, delay);
      timers.add(timer);
    };

    const start = (index: number, hedge: boolean): void => {
      next = index + 1;
      const controller = new AbortController();
      running.set(index, controller);
      const follow = () => controller.abort(options.callerSignal.reason);
      if (options.callerSignal.aborted) follow();
      else options.callerSignal.addEventListener('abort', follow, { once: true });
      options.ask(index, controller.signal, { hedge, onUpstream: () => hedgeAfter(index) }).then(
        (answer) => {
          options.callerSignal.removeEventListener('abort', follow);
          if (done) return;
          running.delete(index);
          if (answer !== undefined && options.isDefinite(answer)) {
            outcome.winner = { index, answer };
            outcome.overtaken = [...running.keys()].sort((a, b) => a - b);
            end();
            return resolve(outcome);
          }
          if (answer !== undefined) outcome.answers.push({ index, answer });
          // Another provider under way may still answer; failover waits for it.
          if (running.size > 0) return;
          if (options.callerSignal.aborted || next >= options.count) {
            end();
            return resolve(outcome);
          }
          start(next, false);
        },
        (error: unknown) => {
          options.callerSignal.removeEventListener('abort', follow);
          if (done) return;
          running.delete(index);
          end();
          reject(error);
        },
      );
    };

    if (options.count === 0) return resolve(outcome);
    start(0, false);
  });
}
