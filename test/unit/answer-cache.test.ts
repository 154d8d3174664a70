import { describe, expect, it } from 'vitest';
import { AssessmentAnswerCache } from '../../src/engine/assessment/answer-cache.ts';
import type { AssessmentResult } from '../../src/engine/assessment/assess.ts';
import type { NormalizedSignal, SignalKind } from '../../src/contract/signals.ts';

const NOW = Date.parse('2026-12-05T10:00:00Z');
const TTL: Record<SignalKind, number> = { line_type: 3600, sim_swap: 60, device_swap: 60, call_forwarding: 30, call_state: 0, number_verification: 0, reachability: 30, roaming: 60 };
const input = { tier: 'high' as const, channel: 'ivr' as const, inboundCall: false, kinds: new Set<SignalKind>(['sim_swap', 'roaming']), maxAgeHours: undefined };

function signal(kind: SignalKind, changes: Partial<NormalizedSignal> = {}): NormalizedSignal {
  return { kind, operation: `${kind}.retrieve`, status: 'ok', provider: 'p', observedAt: new Date(NOW - 10_000).toISOString(), cached: false, latencyMs: 40, value: {}, ...changes } as NormalizedSignal;
}

function result(signals: NormalizedSignal[], degraded = false): AssessmentResult {
  return { confidence: 80, level: 'high', recommendation: 'allow', reasons: [], decidedBy: [], signals, degraded } as unknown as AssessmentResult;
}

describe('verdicts of identical assessments', () => {
  it('keeps a clean verdict until its first signal would leave the signal cache, its signals marked cached', () => {
    let clock = NOW;
    const cache = new AssessmentAnswerCache((kind) => TTL[kind], () => clock);
    const key = cache.keyOf('acme', 'k1', input);
    // call_forwarding lives 30 s and was observed 10 s ago: 20 s left.
    cache.keep(key, result([signal('sim_swap'), signal('call_forwarding')]), NOW);
    expect(cache.get(key)?.signals.map(({ cached, latencyMs }) => ({ cached, latencyMs }))).toEqual([
      { cached: true, latencyMs: 0 },
      { cached: true, latencyMs: 0 },
    ]);
    clock = NOW + 19_000;
    expect(cache.get(key)).toBeDefined();
    clock = NOW + 20_001;
    expect(cache.get(key)).toBeUndefined();
  });

  it.each([
    ['a degraded verdict', result([signal('sim_swap')], true)],
    ['an unavailable signal', result([signal('sim_swap'), signal('roaming', { status: 'unavailable', value: null })])],
    ['a provider failure', result([signal('sim_swap', { status: 'error', value: null, problem: { code: 'UPSTREAM_REFUSED', message: 'x', retryable: false } })])],
    ['an answer after a failover', result([signal('sim_swap', { fallbackAfter: ['first'] })])],
    ['an answer that won a hedge', result([signal('sim_swap', { hedgedOver: ['first'] })])],
    ['a call-state answer (never cached)', result([signal('sim_swap'), signal('call_state')])],
    ['no signal at all', result([])],
  ])('does not keep %s', (_case, verdict) => {
    const cache = new AssessmentAnswerCache((kind) => TTL[kind], () => NOW);
    const key = cache.keyOf('acme', 'k1', input);
    cache.keep(key, verdict, NOW);
    expect(cache.get(key)).toBeUndefined();
  });

  it('keeps a refusal of the request (it is cached too), and tells apart everything that changes the verdict', () => {
    const cache = new AssessmentAnswerCache((kind) => TTL[kind], () => NOW);
    const refused = signal('sim_swap', { status: 'error', value: null, problem: { code: 'OUT_OF_RANGE', message: 'window', retryable: false } });
    const key = cache.keyOf('acme', 'k1', input);
    cache.keep(key, result([refused, signal('roaming')]), NOW);
    expect(cache.get(key)).toBeDefined();
    const others = [
      cache.keyOf('globex', 'k1', input),
      cache.keyOf('acme', 'k2', input),
      cache.keyOf('acme', 'k1', { ...input, tier: 'low' }),
      cache.keyOf('acme', 'k1', { ...input, channel: 'agent' }),
      cache.keyOf('acme', 'k1', { ...input, inboundCall: true }),
      cache.keyOf('acme', 'k1', { ...input, kinds: new Set<SignalKind>(['sim_swap']) }),
      cache.keyOf('acme', 'k1', { ...input, maxAgeHours: 24 }),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
    for (const other of others) expect(cache.get(other)).toBeUndefined();
    expect(cache.keyOf('acme', 'k1', { ...input, kinds: new Set<SignalKind>(['roaming', 'sim_swap']) })).toBe(key);
  });

  it('deletes an expired verdict nobody reads once another is kept a second later', () => {
    let clock = NOW;
    const cache = new AssessmentAnswerCache((kind) => TTL[kind], () => clock);
    cache.keep(cache.keyOf('acme', 'k1', input), result([signal('sim_swap')]), NOW);
    // sim_swap lives 60 s and was observed 10 s ago: 50 s left.
    clock = NOW + 49_000;
    cache.keep(cache.keyOf('acme', 'k2', input), result([signal('sim_swap', { observedAt: new Date(clock).toISOString() })]), clock);
    expect(cache.size).toBe(2);
    clock = NOW + 51_000;
    cache.keep(cache.keyOf('acme', 'k3', input), result([signal('sim_swap', { observedAt: new Date(clock).toISOString() })]), clock);
    expect(cache.size).toBe(2);
    expect(cache.get(cache.keyOf('acme', 'k2', input))).toBeDefined();
  });
});
