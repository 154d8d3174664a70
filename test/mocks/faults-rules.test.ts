/** The rule schema, the x-mock-fault grammar and the pure parts of the appliers (no network). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { paddedJson, partBeforeReset, splitInto } from '../../mocks/faults/bodies.ts';
import { FaultHeaderError, parseFaultHeader } from '../../mocks/faults/header.ts';
import { FaultRegistry } from '../../mocks/faults/registry.ts';
import { FAULT_KINDS, parametersOf } from '../../mocks/faults/rule.ts';
import { withJitter } from '../../mocks/faults/timing.ts';
import { retyped, withWrongType } from '../../mocks/faults/wrong-type.ts';
import { createMockNetwork } from '../../mocks/network.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('rule schema', () => {
  it('knows every kind, each with its own parameters', () => {
    expect(FAULT_KINDS).toEqual(['status', 'latency', 'malformed', 'hang', 'check_error', 'reset', 'slow_body', 'wrong_type', 'oversized', 'redirect']);
    expect(parametersOf('latency')).toEqual(['latencyMs', 'jitterMs']);
    expect(parametersOf('redirect')).toEqual(['status', 'location']);
    expect(parametersOf('hang')).toEqual([]);
  });

  it.each([
    { kind: 'latency', latencyMs: 10, jitterMs: -1 },
    { kind: 'slow_body' },
    { kind: 'slow_body', durationMs: 100, chunks: 0 },
    { kind: 'reset', afterBytes: -1 },
    { kind: 'oversized', sizeBytes: 10 },
    { kind: 'oversized', sizeBytes: 65 * 1024 * 1024 },
    { kind: 'redirect', status: 200 },
    { kind: 'redirect', location: '/relative' },
    { kind: 'redirect', location: 'ftp://elsewhere.example/' },
    { kind: 'wrong_type', field: '' },
    { kind: 'hang', latencyMs: 5 },
  ])('refuses %j', (rule) => {
    expect(() => new FaultRegistry().add(rule)).toThrow();
  });

  it('the admin API answers 400 with the issue for an invalid rule, 201 for a valid one', async () => {
    const { app } = createMockNetwork();
    const post = (rule: unknown) => app.request('/_world/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
    const refused = await post({ kind: 'redirect', location: 'not a url' });
    expect(refused.status).toBe(400);
    expect((await refused.json()).code).toBe('INVALID_ARGUMENT');
    const added = await post({ carrier: 'vonage', kind: 'slow_body', durationMs: 500, chunks: 5, times: 2 });
    expect(added.status).toBe(201);
    expect(await added.json()).toEqual({ id: 'fault-1', carrier: 'vonage', kind: 'slow_body', durationMs: 500, chunks: 5, times: 2 });
  });
});

describe('probability', () => {
  it('applies a rule to its share of matching requests; a rule passed over lets the next one try, and spends none of its times', () => {
    const draws = [0.04, 0.5, 0.01, 0.9, 0.3];
    const registry = new FaultRegistry(() => draws.shift()!);
    registry.add({ id: 'flaky', carrier: 'albion', kind: 'status', status: 503, probability: 0.05, times: 5 });
    registry.add({ id: 'tail', carrier: 'albion', kind: 'latency', latencyMs: 500, probability: 0.02 });
    const target = { carrier: 'albion', endpoint: 'sim-swap/v2/check' };
    // 0.04 < 0.05: flaky. 0.5: not flaky, then 0.01 < 0.02: tail. 0.9 and 0.3: neither.
    expect([registry.take(target)?.id, registry.take(target)?.id, registry.take(target)?.id]).toEqual(['flaky', 'tail', undefined]);
    expect(registry.list().find((rule) => rule.id === 'flaky')?.times).toBe(4);
    expect(() => registry.add({ kind: 'hang', probability: 1.5 })).toThrow();
  });
});

describe('x-mock-fault grammar', () => {
  it.each([
    ['status=503', { kind: 'status', status: 503 }],
    ['status=429; retry-after=7', { kind: 'status', status: 429, retryAfter: 7 }],
    ['status=429; Retry-After=Wed, 21 Oct 2026 07:28:00 GMT', { kind: 'status', status: 429, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' }],
    ['latency=200', { kind: 'latency', latencyMs: 200 }],
    ['latency=200; jitter=50', { kind: 'latency', latencyMs: 200, jitterMs: 50 }],
    ['latency; latency-ms=200; jitter_ms=50', { kind: 'latency', latencyMs: 200, jitterMs: 50 }],
    ['hang', { kind: 'hang' }],
    ['malformed', { kind: 'malformed' }],
    ['check_error; check=sim_swap; code=2501', { kind: 'check_error', check: 'sim_swap', code: 2501 }],
    ['reset', { kind: 'reset' }],
    ['reset=10', { kind: 'reset', afterBytes: 10 }],
    ['reset; after-bytes=0', { kind: 'reset', afterBytes: 0 }],
    ['slow_body=2000', { kind: 'slow_body', durationMs: 2000 }],
    ['slow-body; duration=2000; chunks=20', { kind: 'slow_body', durationMs: 2000, chunks: 20 }],
    ['wrong_type', { kind: 'wrong_type' }],
    ['wrong_type=insights.sim_swap.is_swapped', { kind: 'wrong_type', field: 'insights.sim_swap.is_swapped' }],
    ['wrong_type; field=0', { kind: 'wrong_type', field: '0' }],
    ['oversized', { kind: 'oversized' }],
    ['oversized; size=300000', { kind: 'oversized', sizeBytes: 300000 }],
    ['redirect', { kind: 'redirect' }],
    ['redirect=307; location=http://127.0.0.2:9/x?a=b', { kind: 'redirect', status: 307, location: 'http://127.0.0.2:9/x?a=b' }],
    ['  OVERSIZED = 4096 ', { kind: 'oversized', sizeBytes: 4096 }],
  ])('%s', (header, rule) => {
    expect(parseFaultHeader(header)).toEqual({ ...rule, id: 'header' });
  });

  it.each([
    ['', /unknown kind/],
    ['explode', /unknown kind "explode"/],
    ['status', /status/],
    ['status=99', /status/],
    ['hang=3', /"hang" takes no value/],
    ['malformed; field=a', /unknown parameter "field=a" for "malformed"/],
    ['latency=10; colour=red', /unknown parameter/],
    ['latency=10; jitter', /unknown parameter/],
    ['status=503; carrier=albion', /unknown parameter/],
    ['status=503; times=2', /unknown parameter/],
    ['slow_body', /durationMs/],
    ['redirect; location=/elsewhere', /location/],
  ])('refuses %j', (header, message) => {
    expect(() => parseFaultHeader(header)).toThrow(FaultHeaderError);
    expect(() => parseFaultHeader(header)).toThrow(message);
  });
});

describe('latency jitter', () => {
  it('adds a uniformly drawn whole number of milliseconds in [0, jitterMs]', () => {
    vi.spyOn(Math, 'random').mockReturnValueOnce(0).mockReturnValueOnce(0.9999).mockReturnValueOnce(0.5);
    expect(withJitter(100, 50)).toBe(100);
    expect(withJitter(100, 50)).toBe(150);
    expect(withJitter(100, 50)).toBe(125);
    expect(withJitter(100)).toBe(100);
  });
});

describe('wrong types', () => {
  it('retypes the first boolean or number in document order', () => {
    expect(withWrongType({ swapped: true })).toEqual({ swapped: 'true' });
    expect(withWrongType({ a: 'x', b: { c: null, d: [1, false] } })).toEqual({ a: 'x', b: { c: null, d: ['1', false] } });
    expect(withWrongType({ latestSimChange: '2026-01-01T00:00:00Z', monitoredPeriod: 7 })).toEqual({
      latestSimChange: '2026-01-01T00:00:00Z',
      monitoredPeriod: '7',
    });
  });

  it('falls back to the first string; leaves an answer with no leaf alone', () => {
    expect(withWrongType({ error: 'invalid_client', error_description: 'x' })).toEqual({ error: 0, error_description: 'x' });
    expect(withWrongType({ count: '12' })).toEqual({ count: 12 });
    expect(withWrongType({ empty: {}, list: [] })).toBeUndefined();
  });

  it('retypes a named field, whatever its type; an absent field changes nothing', () => {
    const answer = { status: { code: 'OK' }, list: [{ on: true }, { on: false }], none: null };
    expect(withWrongType(answer, 'list.1.on')).toEqual({ ...answer, list: [{ on: true }, { on: 'false' }] });
    expect(withWrongType(answer, 'status')).toEqual({ ...answer, status: '{"code":"OK"}' });
    expect(withWrongType(answer, 'none')).toEqual({ ...answer, none: 'null' });
    expect(withWrongType(answer, 'list.7.on')).toBeUndefined();
    expect(withWrongType(answer, 'missing')).toBeUndefined();
    expect(answer.list[1]!.on).toBe(false);
  });

  it('maps each type to another', () => {
    expect([retyped(true), retyped(3.5), retyped('42'), retyped('abc'), retyped(null), retyped([1])]).toEqual(['true', '3.5', 42, 0, 'null', '[1]']);
  });
});

describe('bodies', () => {
  const bytes = new TextEncoder().encode('{"swapped":true}');

  it('reset sends half by default, never the whole body', () => {
    expect(partBeforeReset(bytes, undefined).length).toBe(8);
    expect(partBeforeReset(bytes, 3).length).toBe(3);
    expect(partBeforeReset(bytes, 1000).length).toBe(bytes.length - 1);
    expect(partBeforeReset(new Uint8Array(0), undefined).length).toBe(0);
  });

  it('slow body splits into at most `chunks` pieces that add up to the body', () => {
    const pieces = splitInto(bytes, 3);
    expect(pieces).toHaveLength(3);
    expect(Buffer.concat(pieces).toString()).toBe('{"swapped":true}');
    expect(splitInto(bytes, 100)).toHaveLength(bytes.length);
    expect(splitInto(new Uint8Array(0), 5)).toHaveLength(1);
  });

  it('oversized pads the real answer to exactly sizeBytes, or pads alone when the answer is no object or too big', () => {
    const build = (answer: string, size: number) => Buffer.concat([...paddedJson(answer, size)]).toString();
    const padded = build('{"swapped":true}', 200_000);
    expect(padded.length).toBe(200_000);
    expect(JSON.parse(padded)).toEqual({ swapped: true, padding: expect.stringMatching(/^x+$/) });
    expect(JSON.parse(build('<html>', 64))).toEqual({ padding: expect.any(String) });
    expect(build('<html>', 64)).toHaveLength(64);
    expect(JSON.parse(build(JSON.stringify({ long: 'y'.repeat(100) }), 64))).toEqual({ padding: expect.any(String) });
    expect(JSON.parse(build('{}', 100))).toEqual({ padding: expect.any(String) });
  });
});

describe('in-process (app.request, no socket to reset)', () => {
  it('reset breaks the body off with an error; slow_body still delivers all of it', async () => {
    const { app } = createMockNetwork();
    const jwks = (fault: string) => app.request('/carriers/albion/jwks', { headers: { 'x-mock-fault': fault } });
    const whole = await (await app.request('/carriers/albion/jwks')).text();
    const reset = await jwks('reset; after-bytes=4');
    expect(reset.status).toBe(200);
    const reader = reset.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe(whole.slice(0, 4));
    await expect(reader.read()).rejects.toThrow(/connection reset/);
    expect(await (await jwks('slow_body=20; chunks=4')).text()).toBe(whole);
  });
});
