/**
 * The breaker's state machine on a fake clock: failure rate and slow-call rate open it, neutral
 * outcomes (a caller who left, a refusal) never count and never close it, only definite answers in
 * time close a half-open breaker.
 */
import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/contract/adapter.ts';
import { BreakerOpenError, BreakerRegistry, CutShortError, type BreakerRegistryOptions, type BreakerSettings } from '../../src/resilience/breaker.ts';

const KEY = 'albion:sim_swap.check';

function clocked(settings: Partial<BreakerSettings> = {}, overrides: BreakerRegistryOptions['overrides'] = []) {
  let now = 1_000_000;
  const breakers = new BreakerRegistry(
    { volumeThreshold: 4, errorThresholdPercentage: 50, slowCallRateThreshold: 50, slowCallDurationMs: 500, resetTimeoutMs: 1_000, ...settings },
    { now: () => now, overrides },
  );
  /** A call through the breaker that takes `ms` on the fake clock and ends as told. */
  const call = (end: 'ok' | 'fail' | 'gave_up' | 'auth', ms = 10, key = KEY) =>
    breakers.run(key, async () => {
      now += ms;
      if (end === 'fail') throw new UpstreamError('albion', 'server', 'HTTP 503');
      if (end === 'auth') throw new UpstreamError('albion', 'auth', 'HTTP 401');
      if (end === 'gave_up') throw new CutShortError('caller', false);
      return 'answer';
    });
  const settle = (promise: Promise<unknown>) => promise.catch((error: unknown) => error);
  return { breakers, call, settle, advance: (ms: number) => (now += ms) };
}

describe('BreakerRegistry', () => {
  it('opens when the failure rate reaches the threshold over at least volumeThreshold calls, then fails fast with the time left', async () => {
    const { breakers, call, settle } = clocked();
    await call('ok');
    await settle(call('fail'));
    await call('ok');
    expect(breakers.state(KEY)).toBe('closed');
    await settle(call('fail'));
    expect(breakers.state(KEY)).toBe('open');
    const fast = await settle(call('ok'));
    expect(fast).toBeInstanceOf(BreakerOpenError);
    expect((fast as BreakerOpenError).retryAfterMs).toBe(1_000);
  });

  it('opens on the slow-call rate even when every slow call answered', async () => {
    const { breakers, call } = clocked();
    await call('ok', 10);
    await call('ok', 600);
    await call('ok', 10);
    expect(breakers.state(KEY)).toBe('closed');
    await call('ok', 500);
    expect(breakers.state(KEY)).toBe('open');
  });

  it('never counts a caller who left before the slow threshold, nor refusals, whatever their number', async () => {
    const { breakers, call, settle } = clocked();
    for (let i = 0; i < 20; i++) {
      await settle(call('gave_up', 100));
      await settle(call('auth', 10));
    }
    expect(breakers.state(KEY)).toBe('closed');
    // A give-up after the slow threshold shows slowness: it counts as a slow call.
    for (let i = 0; i < 4; i++) await settle(call('gave_up', 700));
    expect(breakers.state(KEY)).toBe('open');
  });

  it('a call cut short counts by what it shows: slow when unusually late for the provider, a failure when its share ran out and its speed is unknown, else nothing', async () => {
    const { breakers, settle } = clocked();
    const cut = (error: CutShortError, key = KEY) => settle(breakers.run(key, () => Promise.reject(error)));
    for (let i = 0; i < 10; i++) {
      await cut(new CutShortError('budget', false));
      await cut(new CutShortError('caller', undefined));
    }
    expect(breakers.state(KEY)).toBe('closed');
    for (let i = 0; i < 4; i++) await cut(new CutShortError('caller', true));
    expect(breakers.state(KEY)).toBe('open');
    const unknown = 'twilio:sim_swap.check';
    for (let i = 0; i < 4; i++) await cut(new CutShortError('budget', undefined), unknown);
    expect(breakers.state(unknown)).toBe('open');
  });

  it('half-open: an abandoned probe neither closes nor reopens it, and the next call probes again', async () => {
    const { breakers, call, settle, advance } = clocked();
    for (let i = 0; i < 4; i++) await settle(call('fail'));
    expect(breakers.state(KEY)).toBe('open');
    advance(1_000);
    expect(breakers.state(KEY)).toBe('half_open');

    await settle(call('gave_up', 50));
    expect(breakers.state(KEY)).toBe('half_open');
    await settle(call('auth', 10));
    expect(breakers.state(KEY)).toBe('half_open');
    await call('ok', 10);
    expect(breakers.state(KEY)).toBe('closed');
  });

  it('half-open: one probe at a time; a failed or slow probe opens it again', async () => {
    const { breakers, call, settle, advance } = clocked();
    for (let i = 0; i < 4; i++) await settle(call('fail'));
    advance(1_000);
    let release!: () => void;
    const probe = breakers.run(KEY, () => new Promise<string>((resolve) => (release = () => resolve('late'))));
    expect(await settle(call('ok'))).toBeInstanceOf(BreakerOpenError);
    release();
    await probe;
    expect(breakers.state(KEY)).toBe('closed');

    for (let i = 0; i < 4; i++) await settle(call('fail'));
    advance(1_000);
    await call('ok', 800);
    expect(breakers.state(KEY)).toBe('open');
    advance(1_000);
    await settle(call('fail'));
    expect(breakers.state(KEY)).toBe('open');
  });

  it('needs halfOpenProbes definite answers in time to close', async () => {
    const { breakers, call, settle, advance } = clocked({ halfOpenProbes: 2 });
    for (let i = 0; i < 4; i++) await settle(call('fail'));
    advance(1_000);
    await call('ok');
    expect(breakers.state(KEY)).toBe('half_open');
    await call('ok');
    expect(breakers.state(KEY)).toBe('closed');
  });

  it('a call that started before the breaker opened does not count after it', async () => {
    const { breakers, call, settle, advance } = clocked();
    let release!: () => void;
    const early = breakers.run(KEY, () => new Promise<string>((resolve) => (release = () => resolve('early'))));
    for (let i = 0; i < 4; i++) await settle(call('fail'));
    advance(1_000);
    release();
    await early;
    // The early success did not close the half-open breaker: it was not its probe.
    expect(breakers.state(KEY)).toBe('half_open');
  });

  it('takes settings per provider, per operation, and per pair, the most specific winning', async () => {
    const { breakers, call, settle } = clocked({}, [
      { provider: 'albion', settings: { slowCallDurationMs: 100 } },
      { operation: 'sim_swap.check', settings: { volumeThreshold: 2 } },
      { provider: 'albion', operation: 'roaming.retrieve', settings: { slowCallDurationMs: 5_000, volumeThreshold: 2 } },
    ]);
    await call('ok', 150);
    await call('ok', 150);
    expect(breakers.state(KEY)).toBe('open');
    const roaming = 'albion:roaming.retrieve';
    await call('ok', 150, roaming);
    await call('ok', 150, roaming);
    expect(breakers.state(roaming)).toBe('closed');
    await settle(call('fail', 10, 'brightwave:sim_swap.check'));
    await settle(call('fail', 10, 'brightwave:sim_swap.check'));
    expect(breakers.state('brightwave:sim_swap.check')).toBe('open');
  });
});
