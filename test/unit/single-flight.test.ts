import { describe, expect, it } from 'vitest';
import { SingleFlight } from '../../src/contract/single-flight.ts';
import { deferred } from '../support/deferred.ts';


describe('SingleFlight', () => {
  it('runs one call for concurrent identical keys and gives every waiter the answer', async () => {
    const flights = new SingleFlight<number>();
    const gate = deferred<number>();
    let calls = 0;
    const call = () => {
      calls++;
      return gate.promise;
    };
    const waiters = [flights.run('k', call), flights.run('k', call), flights.run('k', call)];
    gate.resolve(42);
    expect(await Promise.all(waiters)).toEqual([42, 42, 42]);
    expect(calls).toBe(1);
    expect(flights.joins).toBe(2);
    expect(flights.inFlight).toBe(0);
  });

  it('passes an error to every waiter and keeps nothing afterwards', async () => {
    const flights = new SingleFlight<number>();
    const gate = deferred<number>();
    const first = flights.run('k', () => gate.promise);
    const second = flights.run('k', () => gate.promise);
    gate.reject(new Error('upstream down'));
    await expect(first).rejects.toThrow('upstream down');
    await expect(second).rejects.toThrow('upstream down');
    expect(flights.inFlight).toBe(0);
    expect(await flights.run('k', async () => 7)).toBe(7);
  });

  it('keeps the call alive while one waiter remains, and aborts it when the last one leaves', async () => {
    const flights = new SingleFlight<string>();
    let seen: AbortSignal | undefined;
    const call = (signal: AbortSignal) => {
      seen = signal;
      return new Promise<string>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new Error('aborted upstream')));
        setTimeout(() => resolve('late answer'), 50);
      });
    };
    const impatient = new AbortController();
    const patient = new AbortController();
    const a = flights.run('k', call, impatient.signal);
    const b = flights.run('k', call, patient.signal);
    impatient.abort(new Error('first caller gave up'));
    await expect(a).rejects.toThrow('first caller gave up');
    expect(seen?.aborted).toBe(false);
    expect(await b).toBe('late answer');

    const only = new AbortController();
    const c = flights.run('other', call, only.signal);
    only.abort(new Error('gave up'));
    await expect(c).rejects.toThrow('gave up');
    expect(seen?.aborted).toBe(true);
  });

  it('forgets a call every waiter abandoned, so the next caller starts a fresh one', async () => {
    const flights = new SingleFlight<string>();
    let calls = 0;
    const call = (signal: AbortSignal) => {
      calls++;
      return new Promise<string>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new Error('aborted upstream')));
        setTimeout(() => resolve(`answer ${calls}`), 20);
      });
    };
    const gaveUp = new AbortController();
    const first = flights.run('k', call, gaveUp.signal);
    gaveUp.abort(new Error('gave up'));
    await expect(first).rejects.toThrow('gave up');
    expect(flights.inFlight).toBe(0);
    expect(await flights.run('k', call)).toBe('answer 2');
    expect(calls).toBe(2);
  });

  it('with outliveWaiters, lets a call every waiter left run on, joinable by later callers; abortAll still stops it', async () => {
    const flights = new SingleFlight<string>({ outliveWaiters: true });
    const gate = deferred<string>();
    let calls = 0;
    let seen: AbortSignal | undefined;
    const call = (signal: AbortSignal) => {
      calls++;
      seen = signal;
      return gate.promise;
    };
    const gaveUp = new AbortController();
    const first = flights.run('k', call, gaveUp.signal);
    gaveUp.abort(new Error('gave up'));
    await expect(first).rejects.toThrow('gave up');
    expect(seen?.aborted).toBe(false);
    expect(flights.inFlight).toBe(1);
    const late = flights.run('k', call);
    gate.resolve('finished');
    expect(await late).toBe('finished');
    expect(calls).toBe(1);

    let otherSignal: AbortSignal | undefined;
    const abandoned = new AbortController();
    const other = flights.run('other', (signal) => ((otherSignal = signal), new Promise<string>(() => {})), abandoned.signal);
    abandoned.abort(new Error('gave up'));
    await expect(other).rejects.toThrow('gave up');
    expect(otherSignal?.aborted).toBe(false);
    flights.abortAll(new Error('closed'));
    expect(otherSignal?.aborted).toBe(true);
    expect(flights.inFlight).toBe(0);
  });
});
