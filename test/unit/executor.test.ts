import { describe, expect, it } from 'vitest';
import { UpstreamError, type Adapter, type OperationOutcome, type OperationRequest } from '../../src/contract/adapter.ts';
import { SignalExecutor, type TenantScope, type UpstreamCallBudget } from '../../src/engine/executor.ts';
import type { OperationId } from '../../src/contract/signals.ts';
import { CamaraError } from '../../src/errors.ts';
import { BreakerOpenError, BreakerRegistry } from '../../src/resilience/breaker.ts';
import { NumberKeyer } from '../../src/resilience/number-key.ts';
import { DEFAULT_CACHE_SETTINGS, SignalCache } from '../../src/resilience/signal-cache.ts';

type Script = (call: number) => OperationOutcome | Error;

function scriptedAdapter(id: string, script: Script) {
  const requests: OperationRequest[] = [];
  const adapter: Adapter = {
    id,
    kind: 'camara',
    operations: new Set<OperationId>(['sim_swap.check']),
    async execute(request) {
      requests.push(request);
      const step = script(requests.length);
      if (step instanceof Error) throw step;
      return step;
    },
  };
  return { adapter, requests };
}

function tenant(adapters: Adapter[], id = 'acme'): TenantScope {
  const byId = new Map(adapters.map((adapter) => [adapter.id, adapter]));
  return { id, cache: new SignalCache(DEFAULT_CACHE_SETTINGS), adapterFor: (provider) => byId.get(provider) };
}

function executor(breakers = new BreakerRegistry({ volumeThreshold: 2, resetTimeoutMs: 60_000 })) {
  return new SignalExecutor({ breakers, keyer: new NumberKeyer(), retry: { sleep: async () => {} } }, { attemptTimeoutMs: 1_000 });
}

const request: OperationRequest<'sim_swap.check'> = {
  operation: 'sim_swap.check',
  phoneNumber: '+447700900001',
  params: { maxAgeHours: 24 },
};
const ok: OperationOutcome = { status: 'ok', value: { swapped: true, maxAgeHours: 24 } };
const down = () => new UpstreamError('p', 'server', 'HTTP 503', { httpStatus: 503 });
const options = () => ({ signal: new AbortController().signal });
const chain = (...ids: string[]) => ids.map((providerId) => ({ providerId }));

describe('SignalExecutor', () => {
  it('answers from the first provider and caches the definite answer per tenant', async () => {
    const first = scriptedAdapter('first', () => ok);
    const scope = tenant([first.adapter]);
    const run = executor();
    const fresh = await run.execute(scope, chain('first'), request, options());
    expect(fresh).toMatchObject({ status: 'ok', provider: 'first', cached: false, value: { swapped: true } });
    const again = await run.execute(scope, chain('first'), request, options());
    expect(again).toMatchObject({ status: 'ok', cached: true, latencyMs: 0 });
    expect(first.requests).toHaveLength(1);

    const otherTenant = await run.execute(tenant([first.adapter], 'globex'), chain('first'), request, options());
    expect(otherTenant.cached).toBe(false);
    expect(first.requests).toHaveLength(2);
  });

  it('fails over on unavailable and never after a definite answer', async () => {
    const failing = scriptedAdapter('failing', () => down());
    const answering = scriptedAdapter('answering', () => ({ status: 'not_found', message: 'unknown' }));
    const spare = scriptedAdapter('spare', () => ok);
    const signal = await executor().execute(
      tenant([failing.adapter, answering.adapter, spare.adapter]),
      chain('failing', 'answering', 'spare'),
      request,
      options(),
    );
    expect(signal).toMatchObject({ status: 'not_found', provider: 'answering' });
    expect(spare.requests).toHaveLength(0);
  });

  it('never caches a failure, so the next request asks again', async () => {
    // Fails every attempt of the first request (the first call and its two retries).
    const flaky = scriptedAdapter('flaky', (call) => (call <= 3 ? down() : ok));
    const scope = tenant([flaky.adapter]);
    const run = executor(new BreakerRegistry({ volumeThreshold: 10 }));
    expect((await run.execute(scope, chain('flaky'), request, options())).status).toBe('unavailable');
    expect(flaky.requests).toHaveLength(3);
    expect(await run.execute(scope, chain('flaky'), request, options())).toMatchObject({ status: 'ok', cached: false });
    expect(flaky.requests).toHaveLength(4);
  });

  it('reports a refusal (OUT_OF_RANGE) as error with its code, and remembers it for that very request', async () => {
    const strict = scriptedAdapter('strict', () => ({ status: 'rejected', code: 'OUT_OF_RANGE', message: 'window is 7 days' }));
    const scope = tenant([strict.adapter]);
    const run = executor();
    const signal = await run.execute(scope, chain('strict'), request, options());
    expect(signal).toMatchObject({ status: 'error', problem: { code: 'OUT_OF_RANGE' }, cached: false });
    expect(await run.execute(scope, chain('strict'), request, options())).toMatchObject({ status: 'error', problem: { code: 'OUT_OF_RANGE' }, cached: true });
    expect(strict.requests).toHaveLength(1);
    await run.execute(scope, chain('strict'), { ...request, params: { maxAgeHours: 12 } }, options());
    expect(strict.requests).toHaveLength(2);
  });

  it('answers from memory past providers that refused the request, without an upstream call', async () => {
    const strict = scriptedAdapter('strict', () => ({ status: 'rejected', code: 'OUT_OF_RANGE', message: 'window is 7 days' }));
    const lenient = scriptedAdapter('lenient', () => ({ status: 'ok', value: { swapped: false, maxAgeHours: 24 } }));
    const scope = tenant([strict.adapter, lenient.adapter]);
    const run = executor();
    expect(await run.execute(scope, chain('strict', 'lenient'), request, options())).toMatchObject({ status: 'ok', provider: 'lenient', cached: false });
    const again = await run.execute(scope, chain('strict', 'lenient'), request, options());
    expect(again).toMatchObject({ status: 'ok', provider: 'lenient', cached: true });
    expect(again).not.toHaveProperty('fallbackAfter');
    expect([strict.requests.length, lenient.requests.length]).toEqual([1, 1]);
  });

  it('opens the breaker on upstream faults, fails fast with a retry hint, and ignores caller-side refusals', async () => {
    const breakers = new BreakerRegistry({ volumeThreshold: 2, errorThresholdPercentage: 50, resetTimeoutMs: 60_000 });
    const refusing = scriptedAdapter('refusing', () => new UpstreamError('refusing', 'auth', 'HTTP 401'));
    const run = executor(breakers);
    for (let i = 0; i < 4; i++) await run.execute(tenant([refusing.adapter]), chain('refusing'), request, options());
    expect(breakers.state('refusing:sim_swap.check')).toBe('closed');

    const failing = scriptedAdapter('failing', () => down());
    for (let i = 0; i < 3; i++) await run.execute(tenant([failing.adapter]), chain('failing'), request, options());
    expect(breakers.state('failing:sim_swap.check')).toBe('open');
    const calls = failing.requests.length;
    const fast = await run.execute(tenant([failing.adapter]), chain('failing'), request, options());
    expect(fast).toMatchObject({ status: 'unavailable', problem: { code: 'UNAVAILABLE' } });
    expect(fast.problem?.retryAfterMs).toBeGreaterThan(0);
    expect(failing.requests).toHaveLength(calls);
    breakers.shutdown();
  });

  it('answers unavailable with TIMEOUT when the caller deadline passes, and aborts the upstream call', async () => {
    let upstreamSignal: AbortSignal | undefined;
    const slow: Adapter = {
      id: 'slow',
      kind: 'camara',
      operations: new Set<OperationId>(['sim_swap.check']),
      execute: (_request, context) => {
        upstreamSignal = context.signal;
        return new Promise((_, reject) =>
          context.signal.addEventListener('abort', () => reject(new UpstreamError('slow', 'timeout', 'aborted'))),
        );
      },
    };
    const breakers = new BreakerRegistry({ volumeThreshold: 1 });
    const signal = await executor(breakers).execute(tenant([slow]), chain('slow'), request, { signal: AbortSignal.timeout(30) });
    expect(signal).toMatchObject({ status: 'unavailable', problem: { code: 'TIMEOUT' } });
    expect(upstreamSignal?.aborted).toBe(true);
    expect(breakers.state('slow:sim_swap.check')).toBe('closed');
    breakers.shutdown();
  });

  it('names the providers a hedge overtook apart from those that failed: a slow provider is hedgedOver, a failed one fallbackAfter', async () => {
    let slowFrom = Infinity;
    const primary: Adapter = {
      id: 'primary',
      kind: 'camara',
      operations: new Set<OperationId>(['sim_swap.check']),
      execute: (call, context) =>
        call.params.maxAgeHours < slowFrom
          ? Promise.resolve(ok as never)
          : new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(new UpstreamError('primary', 'timeout', 'aborted')))),
    };
    const secondary = scriptedAdapter('secondary', () => ok);
    const scope = tenant([primary, secondary.adapter]);
    const run = executor();
    // Twelve quick answers: the primary's usual latency is known (a fresh question each, so none is cached).
    for (let maxAgeHours = 1; maxAgeHours <= 12; maxAgeHours++) {
      await run.execute(scope, chain('primary', 'secondary'), { ...request, params: { maxAgeHours } }, options());
    }
    slowFrom = 13;
    const hedged = await run.execute(scope, chain('primary', 'secondary'), { ...request, params: { maxAgeHours: 13 } }, { signal: AbortSignal.timeout(5_000) });
    expect(hedged).toMatchObject({ status: 'ok', provider: 'secondary', hedgedOver: ['primary'] });
    expect(hedged.fallbackAfter).toBeUndefined();
    expect(run.hedgeStats.hedges).toBe(1);

    const failing = scriptedAdapter('failing', () => down());
    const failedOver = await run.execute(tenant([failing.adapter, secondary.adapter]), chain('failing', 'secondary'), request, options());
    expect(failedOver).toMatchObject({ status: 'ok', provider: 'secondary', fallbackAfter: ['failing'] });
    expect(failedOver.hedgedOver).toBeUndefined();
  });

  it('says not_supported when no provider in the chain offers the operation', async () => {
    const signal = await executor().execute(tenant([]), chain('missing'), request, options());
    expect(signal).toMatchObject({ status: 'not_supported', provider: 'none' });
  });

  it('asks a link only for the signal kinds it is limited to', async () => {
    const operator = scriptedAdapter('operator', () => down());
    const aggregator = scriptedAdapter('aggregator', () => ok);
    const limited = [{ providerId: 'operator' }, { providerId: 'aggregator', signals: new Set(['call_forwarding'] as const) }];
    const signal = await executor().execute(tenant([operator.adapter, aggregator.adapter]), limited, request, options());
    expect(signal).toMatchObject({ status: 'unavailable', provider: 'operator' });
    expect(aggregator.requests).toHaveLength(0);
  });
});

describe('SignalExecutor.executeSingleUse (a single-use call: Number Verification)', () => {
  const VERIFY = 'number_verification.verify';
  const verified: OperationOutcome<typeof VERIFY> = { status: 'ok', value: { verified: true } };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** An executor that would hedge at once (coldDelayMs 1), retry any server failure, and counts the tenant's calls. */
  function eager(breakers = new BreakerRegistry({ volumeThreshold: 2, resetTimeoutMs: 60_000 }), cap = Infinity) {
    const spent: string[] = [];
    const upstreamBudget: UpstreamCallBudget = {
      admit: async (tenantId) => {
        if (spent.length >= cap) throw new CamaraError('QUOTA_EXCEEDED', 'cap spent');
        spent.push(tenantId);
      },
      wouldAdmit: () => spent.length < cap,
      spend: (tenantId) => void spent.push(tenantId),
      release: () => void spent.pop(),
    };
    const run = new SignalExecutor(
      { breakers, keyer: new NumberKeyer(), upstreamBudget, retry: { sleep: async () => {} } },
      { attemptTimeoutMs: 1_000, retry: { maxAttempts: 3 }, hedging: { settings: { coldDelayMs: 1, minDelayMs: 1 } } },
    );
    return { run, spent, breakers };
  }

  it('asks its provider alone, once: no hedge (where a chain race of the same executor hedges), no retry, no cache, no join', async () => {
    const { run, spent } = eager();
    const spare = scriptedAdapter('spare', () => ok);
    const pinned = scriptedAdapter('pinned', () => ok);
    const scope = tenant([pinned.adapter, spare.adapter]);
    let invoked = 0;
    const slowVerify = async () => {
      invoked++;
      await pause(30);
      return verified;
    };
    expect(await run.executeSingleUse(scope, 'pinned', VERIFY, slowVerify, options())).toEqual(verified);
    expect(await run.executeSingleUse(scope, 'pinned', VERIFY, slowVerify, options())).toEqual(verified);
    await Promise.all([1, 2].map(() => run.executeSingleUse(scope, 'pinned', VERIFY, slowVerify, options())));
    expect(invoked).toBe(4);
    expect(spent).toEqual(['acme', 'acme', 'acme', 'acme']);
    expect(spare.requests).toHaveLength(0);
    expect(run.hedgeStats.hedges).toBe(0);

    let failures = 0;
    const failing = async (): Promise<OperationOutcome<typeof VERIFY>> => {
      failures++;
      throw down();
    };
    await expect(run.executeSingleUse(scope, 'pinned', VERIFY, failing, options())).rejects.toMatchObject({ failure: 'server' });
    expect(failures).toBe(1);
    expect(run.retryStats.retries).toBe(0);

    // The control: a slow first provider of a chain is hedged by this executor.
    const slow: Adapter = { ...pinned.adapter, execute: async () => (await pause(30), ok) };
    const raced = await run.execute(tenant([slow, spare.adapter]), chain('pinned', 'spare'), request, options());
    expect(raced).toMatchObject({ provider: 'spare', hedgedOver: ['pinned'] });
    expect(run.hedgeStats.hedges).toBe(1);
  });

  it('passes the daily cap and the breaker: a spent cap or an open breaker refuses it before the provider is asked', async () => {
    const capped = eager(undefined, 1);
    let invoked = 0;
    const verify = async () => (invoked++, verified);
    const scope = tenant([scriptedAdapter('pinned', () => ok).adapter]);
    await capped.run.executeSingleUse(scope, 'pinned', VERIFY, verify, options());
    await expect(capped.run.executeSingleUse(scope, 'pinned', VERIFY, verify, options())).rejects.toBeInstanceOf(CamaraError);
    expect(invoked).toBe(1);

    const { run, breakers, spent } = eager();
    for (let i = 0; i < 2; i++) {
      await expect(run.executeSingleUse(scope, 'pinned', VERIFY, async () => Promise.reject(down()), options())).rejects.toBeInstanceOf(UpstreamError);
    }
    expect(breakers.state(`pinned:${VERIFY}`)).toBe('open');
    expect(spent).toHaveLength(2);
    await expect(run.executeSingleUse(scope, 'pinned', VERIFY, verify, options())).rejects.toBeInstanceOf(BreakerOpenError);
    expect(invoked).toBe(1);
    // Turned away by the breaker: no call went out, none is counted.
    expect(spent).toHaveLength(2);
  });

  it("fails with 'timeout' when the caller's deadline ends it, and aborts the call", async () => {
    const { run, breakers } = eager();
    const scope = tenant([scriptedAdapter('pinned', () => ok).adapter]);
    const caller = new AbortController();
    let callSignal: AbortSignal | undefined;
    const pending = run.executeSingleUse(
      scope,
      'pinned',
      VERIFY,
      (_adapter, context) =>
        new Promise((_, reject) => {
          callSignal = context.signal;
          context.signal.addEventListener('abort', () => reject(context.signal.reason));
          caller.abort(new DOMException('deadline', 'TimeoutError'));
        }),
      { signal: caller.signal },
    );
    await expect(pending).rejects.toMatchObject({ name: 'UpstreamError', failure: 'timeout' });
    expect(callSignal?.aborted).toBe(true);
    expect(breakers.state(`pinned:${VERIFY}`)).toBe('closed');
  });
});
