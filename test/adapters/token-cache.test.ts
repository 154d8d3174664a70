import { describe, expect, it, vi } from 'vitest';
import { createTokenCache, type CachedToken } from '../../adapters/shared/token-cache.ts';
import { runInRequestScope } from '../../src/contract/request-scope.ts';
import { deferred } from '../support/deferred.ts';

interface Token extends CachedToken {
  value: string;
}

/** A mint held open until the test resolves its gate; counts its calls and keeps the last signal it got. */
function gatedMint() {
  const gate = deferred<Token>();
  const seen = { calls: 0, signal: undefined as AbortSignal | undefined };
  const mint = (signal: AbortSignal) => {
    seen.calls++;
    seen.signal = signal;
    return gate.promise;
  };
  return { gate, mint, seen };
}

describe('token cache', () => {
  const live = () => new AbortController().signal;

  it('reuses a token until usableUntil, then mints again', async () => {
    let clock = 1_000;
    const cache = createTokenCache<Token>({ maxEntries: 10, now: () => clock });
    let mints = 0;
    const mint = async () => ({ value: `t${++mints}`, usableUntil: clock + 5_000 });

    expect((await cache.get('k', mint, live())).token.value).toBe('t1');
    const second = await cache.get('k', mint, live());
    expect(second).toMatchObject({ token: { value: 't1' }, fromCache: true });
    clock += 5_000;
    expect((await cache.get('k', mint, live())).token.value).toBe('t2');
    expect(mints).toBe(2);
  });

  it('shares one mint between concurrent callers', async () => {
    const cache = createTokenCache<Token>({ maxEntries: 10, now: () => 0 });
    const { gate, mint, seen } = gatedMint();
    const waiters = [cache.get('k', mint, live()), cache.get('k', mint, live()), cache.get('k', mint, live())];
    gate.resolve({ value: 'shared', usableUntil: 1_000 });
    const leases = await Promise.all(waiters);
    expect(seen.calls).toBe(1);
    expect(leases.map((l) => [l.token.value, l.fromCache])).toEqual([
      ['shared', false],
      ['shared', false],
      ['shared', false],
    ]);
  });

  it('gives a failure to every waiter and does not cache it', async () => {
    const cache = createTokenCache<Token>({ maxEntries: 10, now: () => 0 });
    const gate = deferred<Token>();
    const failing = () => gate.promise;
    const waiters = [cache.get('k', failing, live()), cache.get('k', failing, live())];
    gate.reject(new Error('denied'));
    for (const waiter of waiters) await expect(waiter).rejects.toThrow('denied');
    const lease = await cache.get('k', async () => ({ value: 'ok', usableUntil: 1_000 }), live());
    expect(lease.token.value).toBe('ok');
  });

  it('lets an impatient waiter leave at once without failing the others or the mint', async () => {
    const cache = createTokenCache<Token>({ maxEntries: 10, now: () => 0 });
    const { gate, mint, seen } = gatedMint();
    const impatient = new AbortController();
    const patient = new AbortController();
    const first = cache.get('k', mint, impatient.signal);
    const second = cache.get('k', mint, patient.signal);
    impatient.abort(new Error('deadline'));
    await expect(first).rejects.toThrow('deadline');
    expect(seen.signal?.aborted).toBe(false);
    gate.resolve({ value: 'shared', usableUntil: 1_000 });
    expect((await second).token.value).toBe('shared');
  });

  describe('the mint outlives its callers', () => {
    it('goes on when every waiter has given up, and its token is cached for the next caller', async () => {
      const cache = createTokenCache<Token>({ maxEntries: 10, now: () => 0 });
      const { gate, mint, seen } = gatedMint();
      const callers = [new AbortController(), new AbortController()];
      const waiters = callers.map((caller) => cache.get('k', mint, caller.signal));
      for (const caller of callers) caller.abort(new DOMException('deadline', 'TimeoutError'));
      for (const waiter of waiters) await expect(waiter).rejects.toThrow('deadline');
      expect(seen.signal?.aborted).toBe(false);

      gate.resolve({ value: 'kept', usableUntil: 1_000 });
      await vi.waitFor(() => expect(cache.size).toBe(1));
      expect(await cache.get('k', mint, live())).toMatchObject({ token: { value: 'kept' }, fromCache: true });
      expect(seen.calls).toBe(1);
    });

    it('is joined by a caller who arrives after every earlier waiter left: one mint', async () => {
      const cache = createTokenCache<Token>({ maxEntries: 10, now: () => 0 });
      const { gate, mint, seen } = gatedMint();
      const gaveUp = new AbortController();
      const first = cache.get('k', mint, gaveUp.signal);
      gaveUp.abort(new Error('deadline'));
      await expect(first).rejects.toThrow('deadline');
      const late = cache.get('k', mint, live());
      gate.resolve({ value: 'shared', usableUntil: 1_000 });
      expect(await late).toMatchObject({ token: { value: 'shared' }, fromCache: false });
      expect(seen.calls).toBe(1);
    });

    it('is aborted at its own limit; nothing is cached and the next caller mints afresh', async () => {
      vi.useFakeTimers();
      try {
        const cache = createTokenCache<Token>({ maxEntries: 10, now: () => 0, mintTimeoutMs: 5_000 });
        let mintSignal: AbortSignal | undefined;
        const hanging = (signal: AbortSignal) => {
          mintSignal = signal;
          return new Promise<Token>(() => {});
        };
        const gaveUp = new AbortController();
        const first = cache.get('k', hanging, gaveUp.signal);
        gaveUp.abort(new Error('deadline'));
        await expect(first).rejects.toThrow('deadline');
        const patient = cache.get('k', hanging, live());
        const patientFailure = expect(patient).rejects.toMatchObject({ name: 'TimeoutError' });
        await vi.advanceTimersByTimeAsync(5_000);
        await patientFailure;
        expect(mintSignal?.aborted).toBe(true);
        expect(cache.size).toBe(0);
        expect((await cache.get('k', async () => ({ value: 'fresh', usableUntil: 1_000 }), live())).token.value).toBe('fresh');
      } finally {
        vi.useRealTimers();
      }
    });

    it('does not cache a mint that fails after every waiter left', async () => {
      const cache = createTokenCache<Token>({ maxEntries: 10, now: () => 0 });
      const gate = deferred<Token>();
      let mints = 0;
      const gaveUp = new AbortController();
      const first = cache.get('k', () => (mints++, gate.promise), gaveUp.signal);
      gaveUp.abort(new Error('deadline'));
      await expect(first).rejects.toThrow('deadline');
      gate.reject(new Error('denied'));
      await vi.waitFor(async () => {
        const lease = await cache.get('k', async () => (mints++, { value: 'ok', usableUntil: 1_000 }), live());
        expect(lease).toMatchObject({ token: { value: 'ok' }, fromCache: false });
      });
      expect(mints).toBe(2);
    });

    it('clear() aborts every mint, awaited or not, and caches nothing they return', async () => {
      const cache = createTokenCache<Token>({ maxEntries: 10, now: () => 0 });
      const signals: AbortSignal[] = [];
      const gates = [deferred<Token>(), deferred<Token>()];
      const mint = (gate: (typeof gates)[number]) => (signal: AbortSignal) => {
        signals.push(signal);
        return gate.promise;
      };
      const gaveUp = new AbortController();
      const abandoned = cache.get('a', mint(gates[0]!), gaveUp.signal);
      gaveUp.abort(new Error('deadline'));
      await expect(abandoned).rejects.toThrow('deadline');
      const awaited = cache.get('b', mint(gates[1]!), live());
      cache.clear();
      await expect(awaited).rejects.toThrow('token cache closed');
      expect(signals.map((signal) => signal.aborted)).toEqual([true, true]);
      for (const gate of gates) gate.resolve({ value: 'too late', usableUntil: 1_000 });
      await Promise.resolve();
      expect(cache.size).toBe(0);
    });
  });

  describe('in a request scope (Workers)', () => {
    it('hands the mint to the request’s waitUntil, so its token serves later requests once settled', async () => {
      const cache = createTokenCache<Token>({ maxEntries: 10, now: () => 0 });
      const gate = deferred<Token>();
      const kept: Promise<unknown>[] = [];
      const gaveUp = new AbortController();
      const first = runInRequestScope({ id: 'r1', waitUntil: (work) => kept.push(work) }, () =>
        cache.get('k', () => gate.promise, gaveUp.signal),
      );
      gaveUp.abort(new Error('deadline'));
      await expect(first).rejects.toThrow('deadline');
      expect(kept).toHaveLength(1);
      gate.resolve({ value: 'kept', usableUntil: 1_000 });
      await Promise.all(kept);
      const later = await runInRequestScope({ id: 'r2' }, () => cache.get('k', () => Promise.reject(new Error('no mint')), live()));
      expect(later).toMatchObject({ token: { value: 'kept' }, fromCache: true });
    });

    it('is not joined by another request while under way: that request mints its own', async () => {
      const cache = createTokenCache<Token>({ maxEntries: 10, now: () => 0 });
      const gates = [deferred<Token>(), deferred<Token>()];
      let mints = 0;
      const mint = () => gates[mints++]!.promise;
      const first = runInRequestScope({ id: 'r1' }, () => cache.get('k', mint, live()));
      const second = runInRequestScope({ id: 'r2' }, () => cache.get('k', mint, live()));
      expect(mints).toBe(2);
      gates[0]!.resolve({ value: 'one', usableUntil: 1_000 });
      gates[1]!.resolve({ value: 'two', usableUntil: 1_000 });
      expect([(await first).token.value, (await second).token.value]).toEqual(['one', 'two']);
    });
  });

  it('invalidates only the token that was refused', async () => {
    const cache = createTokenCache<Token>({ maxEntries: 10, now: () => 0 });
    let n = 0;
    const mint = async () => ({ value: `t${++n}`, usableUntil: 1_000 });
    const stale = await cache.get('k', mint, live());
    cache.invalidate(stale);
    const fresh = await cache.get('k', mint, live());
    expect(fresh.token.value).toBe('t2');
    cache.invalidate(stale); // a late refusal of the old token must not drop the new one
    expect((await cache.get('k', mint, live())).fromCache).toBe(true);
  });

  it('is bounded: the least recently used key goes first', async () => {
    const cache = createTokenCache<Token>({ maxEntries: 2, now: () => 0 });
    const mint = (value: string) => async () => ({ value, usableUntil: 1_000 });
    await cache.get('a', mint('a'), live());
    await cache.get('b', mint('b'), live());
    await cache.get('a', mint('a'), live());
    await cache.get('c', mint('c'), live());
    expect(cache.size).toBe(2);
    expect((await cache.get('a', mint('a2'), live())).fromCache).toBe(true);
    expect((await cache.get('b', mint('b2'), live())).token.value).toBe('b2');
  });
});
