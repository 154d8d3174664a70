/**
 * Single-flight and the cache under upstream faults: an error or a timeout reaches every waiter of
 * the shared call and is never cached; entries are cleaned up; only definite answers are cached.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError, type Adapter, type OperationOutcome } from '../../src/contract/adapter.ts';
import { SignalExecutor, type TenantScope } from '../../src/engine/executor.ts';
import type { OperationId } from '../../src/contract/signals.ts';
import { BreakerRegistry } from '../../src/resilience/breaker.ts';
import { NumberKeyer } from '../../src/resilience/number-key.ts';
import { DEFAULT_CACHE_SETTINGS, SignalCache } from '../../src/resilience/signal-cache.ts';
import { deferred } from '../support/deferred.ts';
import type { TestGateway } from '../support/gateway.ts';
import { BRIGHTWAVE_NUMBER, CHECK, CHECK_PATH, eventually, startFaultGateway } from './support.ts';

const OPERATOR = 'brightwave';

// One attempt per call, cache on.
describe('through the gateway', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startFaultGateway({ operatorsOnly: true, cacheTtlSeconds: 60, retry: { maxAttempts: 1 } });
  });
  beforeEach(() => t.network.stats.reset());
  afterEach(() => t.network.faults.clear());
  afterAll(() => t?.close());

  it('gives an upstream error to every waiter of the shared call, and does not cache it', async () => {
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'status', status: 500 });
    const joinsBefore = t.gateway.engine.singleFlightJoins;
    const body = { phoneNumber: BRIGHTWAVE_NUMBER, maxAge: 11 };
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.post(CHECK_PATH, body)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(503));
    expect(t.network.stats.get(OPERATOR, CHECK)).toBe(1);
    expect(t.gateway.engine.singleFlightJoins - joinsBefore).toBe(7);

    t.network.faults.clear();
    const after = await t.post(CHECK_PATH, body);
    expect(after.status).toBe(200);
    expect(after.headers.get('x-numtrust-cache')).toBe('miss');
    expect(t.network.stats.get(OPERATOR, CHECK)).toBe(2);
  });

  it('gives a timeout to every waiter, aborts the shared call once, and does not cache it', async () => {
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'hang', times: 1 });
    const body = { phoneNumber: BRIGHTWAVE_NUMBER, maxAge: 12 };
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.post(CHECK_PATH, body)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(5).fill(503));
    expect(t.network.stats.get(OPERATOR, CHECK)).toBe(1);
    await eventually(() => t.network.stats.get(OPERATOR, 'aborted') === 1, 'the shared call aborted at the operator');

    const after = await t.post(CHECK_PATH, body);
    expect(after.status).toBe(200);
    expect(after.headers.get('x-numtrust-cache')).toBe('miss');
  });

  it('caches definite answers (ok, unknown number) and refusals of the request, never a garbled answer', async () => {
    const asked = async (body: object) => {
      const before = t.network.stats.get(OPERATOR, CHECK);
      const response = await t.post(CHECK_PATH, body);
      return { status: response.status, cache: response.headers.get('x-numtrust-cache'), upstream: t.network.stats.get(OPERATOR, CHECK) - before };
    };
    const ok = { phoneNumber: BRIGHTWAVE_NUMBER, maxAge: 13 };
    expect(await asked(ok)).toEqual({ status: 200, cache: 'miss', upstream: 1 });
    expect(await asked(ok)).toEqual({ status: 200, cache: 'hit', upstream: 0 });

    const unknown = { phoneNumber: '+447700900599', maxAge: 13 };
    expect(await asked(unknown)).toEqual({ status: 404, cache: 'miss', upstream: 1 });
    expect(await asked(unknown)).toEqual({ status: 404, cache: 'hit', upstream: 0 });

    const outOfRange = { phoneNumber: BRIGHTWAVE_NUMBER, maxAge: 500 };
    expect(await asked(outOfRange)).toEqual({ status: 400, cache: 'miss', upstream: 1 });
    // The same request would be refused again: asking again would only pay for the refusal.
    expect(await asked(outOfRange)).toEqual({ status: 400, cache: 'hit', upstream: 0 });

    const garbled = { phoneNumber: BRIGHTWAVE_NUMBER, maxAge: 14 };
    t.network.faults.add({ carrier: OPERATOR, endpoint: CHECK, kind: 'malformed', times: 1 });
    expect(await asked(garbled)).toEqual({ status: 503, cache: 'miss', upstream: 1 });
    expect(await asked(garbled)).toEqual({ status: 200, cache: 'miss', upstream: 1 });
  });
});

describe('in the executor', () => {
  const request = { operation: 'sim_swap.check' as const, phoneNumber: '+447700900001', params: { maxAgeHours: 24 } };
  const ok: OperationOutcome = { status: 'ok', value: { swapped: false, maxAgeHours: 24 } };

  function setup(answer: () => Promise<OperationOutcome>) {
    let calls = 0;
    const adapter: Adapter = {
      id: 'p',
      kind: 'camara',
      operations: new Set<OperationId>(['sim_swap.check']),
      execute: () => {
        calls++;
        return answer();
      },
    };
    const scope: TenantScope = { id: 'acme', cache: new SignalCache(DEFAULT_CACHE_SETTINGS), adapterFor: () => adapter };
    const executor = new SignalExecutor(
      { breakers: new BreakerRegistry({ volumeThreshold: 100 }), keyer: new NumberKeyer(), retry: { sleep: async () => {} } },
      { attemptTimeoutMs: 5_000, retry: { maxAttempts: 1 } },
    );
    const ask = (signal: AbortSignal = new AbortController().signal) => executor.execute(scope, [{ providerId: 'p' }], request, { signal });
    return { executor, ask, calls: () => calls };
  }

  it('leaves no single-flight entry behind after an answer, an error, or a call every waiter left', async () => {
    const answered = setup(async () => ok);
    await Promise.all([answered.ask(), answered.ask()]);
    expect(answered.executor.callsInFlight).toBe(0);

    const failing = setup(async () => {
      throw new UpstreamError('p', 'server', 'HTTP 500');
    });
    const failures = await Promise.all([failing.ask(), failing.ask()]);
    expect(failures.map((signal) => signal.status)).toEqual(['unavailable', 'unavailable']);
    expect(failing.executor.callsInFlight).toBe(0);

    const never = deferred<OperationOutcome>();
    const abandoned = setup(() => never.promise);
    const caller = new AbortController();
    const pending = abandoned.ask(caller.signal);
    await eventually(() => abandoned.executor.callsInFlight === 1, 'the call is under way');
    caller.abort(new Error('deadline'));
    expect((await pending).problem?.code).toBe('TIMEOUT');
    expect(abandoned.executor.callsInFlight).toBe(0);
  });

  it('keeps the shared call alive for the remaining waiters when one waiter’s deadline passes', async () => {
    const gate = deferred<OperationOutcome>();
    const shared = setup(() => gate.promise);
    const impatient = new AbortController();
    const first = shared.ask(impatient.signal);
    const second = shared.ask();
    await eventually(() => shared.executor.callsInFlight === 1, 'the call is under way');
    impatient.abort(new Error('deadline'));
    expect((await first).problem?.code).toBe('TIMEOUT');
    gate.resolve(ok);
    expect(await second).toMatchObject({ status: 'ok', cached: false });
    expect(shared.calls()).toBe(1);
  });
});
