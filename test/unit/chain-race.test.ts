/**
 * The race over a provider chain: failover on a non-definite answer, hedging a slow provider, the
 * first definite answer winning with the others aborted, budgets refusing hedges. Legs are
 * scripted promises released by the test, so nothing depends on how fast the machine is.
 */
import { describe, expect, it } from 'vitest';
import { raceChain, SupersededError, type ChainRaceOptions } from '../../src/engine/chain-race.ts';

type Answer = 'yes' | 'no' | 'down';

interface Leg {
  signal: AbortSignal;
  hedge: boolean;
  answer(value: Answer | undefined): void;
  fail(error: unknown): void;
  /** Starts this leg's hedge timer, as the executor does once it needs an upstream call. */
  goUpstream(): void;
}

function scriptedRace(count: number, overrides: Partial<ChainRaceOptions<Answer>> = {}) {
  const legs = new Map<number, Leg>();
  const started: number[] = [];
  const waiters: Array<() => void> = [];
  const caller = new AbortController();
  const race = raceChain<Answer>({
    count,
    callerSignal: caller.signal,
    maxInFlight: 2,
    isDefinite: (answer) => answer !== 'down',
    hedgeDelay: () => 0,
    admitHedge: () => 'now',
    ask: (index, signal, leg) =>
      new Promise<Answer | undefined>((resolve, reject) => {
        started.push(index);
        legs.set(index, { signal, hedge: leg.hedge, answer: resolve, fail: reject, goUpstream: leg.onUpstream });
        for (const wake of waiters.splice(0)) wake();
      }),
    ...overrides,
  });
  /** Waits until leg `index` has started (a hedge starts on a timer). */
  const leg = async (index: number): Promise<Leg> => {
    while (!legs.has(index)) await new Promise<void>((resolve) => waiters.push(resolve));
    return legs.get(index)!;
  };
  return { race, leg, started, caller };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('raceChain', () => {
  it('fails over in order while answers are not definite, and stops at the first definite one', async () => {
    const { race, leg, started } = scriptedRace(4);
    (await leg(0)).answer('down');
    (await leg(1)).answer('no');
    const outcome = await race;
    expect(outcome.winner).toEqual({ index: 1, answer: 'no' });
    expect(outcome.answers).toEqual([{ index: 0, answer: 'down' }]);
    expect(started).toEqual([0, 1]);
  });

  it('hedges a provider that is slow to answer, lets the first definite answer win and aborts the other', async () => {
    const { race, leg } = scriptedRace(3);
    const first = await leg(0);
    first.goUpstream();
    const hedge = await leg(1);
    expect(hedge.hedge).toBe(true);
    hedge.answer('yes');
    const outcome = await race;
    expect(outcome).toMatchObject({ winner: { index: 1, answer: 'yes' }, overtaken: [0], hedged: [1] });
    expect(first.signal.aborted).toBe(true);
    expect(first.signal.reason).toBeInstanceOf(SupersededError);
  });

  it('arms no hedge for an answer at hand (no upstream call), and none when the budget refuses', async () => {
    const refused: number[] = [];
    const { race, leg, started } = scriptedRace(2, {
      admitHedge: (index) => {
        refused.push(index);
        return 'never';
      },
    });
    const first = await leg(0);
    await tick();
    expect(started).toEqual([0]);
    first.goUpstream();
    await tick();
    expect(refused).toEqual([0]);
    expect(started).toEqual([0]);
    first.answer('yes');
    expect((await race).winner?.index).toBe(0);
  });

  it('asks again later while the provider is not slow but still obtaining its credentials', async () => {
    const decisions: Array<'now' | 'never' | number> = [5, 1, 'now'];
    let asked = 0;
    const { race, leg, started } = scriptedRace(2, {
      admitHedge: () => {
        asked++;
        return decisions.shift()!;
      },
    });
    (await leg(0)).goUpstream();
    const hedge = await leg(1);
    expect(asked).toBe(3);
    expect(started).toEqual([0, 1]);
    hedge.answer('yes');
    expect((await race).winner?.index).toBe(1);
  });

  it('keeps waiting for the slow provider when its hedge fails, and fails over past both', async () => {
    const { race, leg, started } = scriptedRace(3);
    const first = await leg(0);
    first.goUpstream();
    (await leg(1)).answer('down');
    await tick();
    // The hedge failed; the first is still under way, so nothing more starts yet.
    expect(started).toEqual([0, 1]);
    first.answer('down');
    (await leg(2)).answer('yes');
    const outcome = await race;
    expect(outcome.winner?.index).toBe(2);
    expect(outcome.answers.map((answer) => answer.index)).toEqual([1, 0]);
  });

  it('never has more than maxInFlight providers under way', async () => {
    const { race, leg, started } = scriptedRace(4);
    (await leg(0)).goUpstream();
    (await leg(1)).goUpstream();
    await tick();
    expect(started).toEqual([0, 1]);
    (await leg(1)).answer('yes');
    await race;
  });

  it('when the caller leaves, starts nothing more and resolves with what came', async () => {
    const { race, leg, started, caller } = scriptedRace(3, { hedgeDelay: () => undefined });
    const first = await leg(0);
    caller.abort(new Error('deadline'));
    expect(first.signal.aborted).toBe(true);
    first.answer('down');
    const outcome = await race;
    expect(outcome.winner).toBeUndefined();
    expect(started).toEqual([0]);
  });

  it('a hedge that could not be sent is no answer; a refused request ends the race', async () => {
    const { race, leg } = scriptedRace(3);
    (await leg(0)).goUpstream();
    (await leg(1)).answer(undefined);
    (await leg(0)).answer('yes');
    expect((await race).winner?.index).toBe(0);

    const refused = scriptedRace(2);
    (await refused.leg(0)).fail(new Error('quota'));
    await expect(refused.race).rejects.toThrow('quota');
  });
});
