import { describe, expect, it } from 'vitest';
import { runInBackground, runInRequestScope } from '../../src/contract/request-scope.ts';
import { sharedOnce } from '../../src/contract/shared-once.ts';
import { SingleFlight } from '../../src/contract/single-flight.ts';
import { deferred } from '../support/deferred.ts';

// Outside any scope SingleFlight joins process-wide: test/unit/single-flight.test.ts.
describe('request scope', () => {
  it('joins identical calls only within one request scope', async () => {
    const flights = new SingleFlight<number>();
    const gate = deferred<number>();
    let calls = 0;
    const call = () => {
      calls++;
      return gate.promise;
    };
    const inScope = (id: string) => runInRequestScope({ id }, () => Promise.all([flights.run('k', call), flights.run('k', call)]));
    const answers = Promise.all([inScope('a'), inScope('b')]);
    gate.resolve(1);
    expect(await answers).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(calls).toBe(2);
    expect(flights.joins).toBe(2);
  });

  it('hands background work to the scope and swallows its failure', async () => {
    const handed: Promise<unknown>[] = [];
    runInRequestScope({ id: 'r', waitUntil: (work) => handed.push(work) }, () => runInBackground(Promise.reject(new Error('store down'))));
    expect(handed).toHaveLength(1);
    await expect(handed[0]).resolves.toBeUndefined();
    // Outside a scope nothing is handed anywhere, and the rejection is still handled.
    runInBackground(Promise.reject(new Error('store down')));
  });
});

describe('sharedOnce', () => {
  it('loads once, shares the settled value across scopes, and forgets a failure', async () => {
    let loads = 0;
    let fail = true;
    const value = sharedOnce(async () => {
      loads++;
      if (fail) throw new Error('discovery failed');
      return { loaded: loads };
    });
    await expect(value()).rejects.toThrow('discovery failed');
    fail = false;
    const first = await runInRequestScope({ id: 'a' }, value);
    const second = await runInRequestScope({ id: 'b' }, value);
    expect(second).toBe(first);
    expect(loads).toBe(2);
  });

  it('never hands a load under way in one request to another request', async () => {
    const gates = [deferred<string>(), deferred<string>()];
    let loads = 0;
    const value = sharedOnce(() => gates[loads++]!.promise);
    const inA = runInRequestScope({ id: 'a' }, value);
    const inB = runInRequestScope({ id: 'b' }, value);
    expect(loads).toBe(2);
    gates[1]!.resolve('from b');
    expect(await inB).toBe('from b');
    gates[0]!.resolve('from a');
    // The first value to settle is the one kept and everyone gets it from then on.
    expect(await inA).toBe('from b');
    expect(await value()).toBe('from b');
  });
});
