import { describe, expect, it } from 'vitest';
import { createTokenCache, type CachedToken } from '../../adapters/shared/token-cache.ts';
import { deferred } from '../support/deferred.ts';

interface Token extends CachedToken {
  value: string;
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
    const gate = deferred<Token>();
    let mints = 0;
    const mint = () => {
      mints++;
      return gate.promise;
    };
    const waiters = [cache.get('k', mint, live()), cache.get('k', mint, live()), cache.get('k', mint, live())];
    gate.resolve({ value: 'shared', usableUntil: 1_000 });
    const leases = await Promise.all(waiters);
    expect(mints).toBe(1);
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

  it('lets an impatient waiter leave without failing the others; aborts the mint when all have left', async () => {
    const cache = createTokenCache<Token>({ maxEntries: 10, now: () => 0 });
    const gate = deferred<Token>();
    let mintSignal: AbortSignal | undefined;
    const mint = (signal: AbortSignal) => {
      mintSignal = signal;
      return gate.promise;
    };
    const impatient = new AbortController();
    const patient = new AbortController();
    const first = cache.get('k', mint, impatient.signal);
    const second = cache.get('k', mint, patient.signal);
    impatient.abort(new Error('deadline'));
    await expect(first).rejects.toThrow('deadline');
    expect(mintSignal?.aborted).toBe(false);
    patient.abort(new Error('deadline too'));
    await expect(second).rejects.toThrow('deadline too');
    expect(mintSignal?.aborted).toBe(true);
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
