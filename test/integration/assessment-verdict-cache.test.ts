/**
 * Identical assessments while every answer they read is fresh: the verdict is the same, the
 * assessment its own (id, record, signals marked cached), and no provider is asked. A verdict that
 * reads the call state (never cached) is made afresh every time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ metrics: true });
});
afterAll(() => t?.close());

const upstreamCalls = () => Object.values(t.network.stats.snapshot()).reduce((sum, endpoints) => sum + Object.entries(endpoints).reduce((n, [name, count]) => (name === 'aborted' ? n : n + count), 0), 0);
const metric = async (line: string) => {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  return Number(text.split('\n').find((row) => row.startsWith(line))?.split(' ').at(-1) ?? 0);
};

describe('verdicts of identical assessments', () => {
  it('answers an identical assessment with the same verdict, as a new assessment, without asking any provider', async () => {
    const body = { phoneNumber: '+447700900502', context: { channel: 'ivr', action: 'change_address', inboundCall: false } };
    const first = await t.post('/v1/assessments', body);
    expect(first.status).toBe(200);
    const before = upstreamCalls();
    const second = await t.post('/v1/assessments', body);
    const third = await t.post('/v1/assessments', { ...body, deadlineMs: 1500 });
    expect(upstreamCalls()).toBe(before);

    for (const again of [second, third]) {
      expect(again.status).toBe(200);
      const { confidence, level, recommendation, reasons, unanswered, degraded, policy } = first.body;
      expect(again.body).toMatchObject({ confidence, level, recommendation, reasons, unanswered, degraded, policy });
      expect(again.body.assessmentId).not.toBe(first.body.assessmentId);
      expect(again.body.signals.map((signal: { operation: string }) => signal.operation)).toEqual(first.body.signals.map((signal: { operation: string }) => signal.operation));
      expect(again.body.signals.every((signal: { cached: boolean; latencyMs: number }) => signal.cached && signal.latencyMs === 0)).toBe(true);
    }
    expect(third.body.deadlineMs).toBe(1500);
    const record = await fetch(`${t.url}/v1/assessments/${second.body.assessmentId}`, { headers: { authorization: `Bearer ${t.apiKey}` } });
    expect(record.status).toBe(200);
    expect(await metric('numtrust_assessment_cache_lookups_total{result="hit"}')).toBe(2);
    expect(await metric('numtrust_cache_entries{cache="verdicts"}')).toBe(1);
    expect(await metric('numtrust_cache_entries{cache="signals"}')).toBeGreaterThanOrEqual(first.body.signals.length);
    // One verdict of a few signals: a kilobyte or a few, not nothing and not megabytes.
    expect(await metric('numtrust_cache_bytes{cache="verdicts"}')).toBeGreaterThan(500);
    expect(await metric('numtrust_cache_bytes{cache="verdicts"}')).toBeLessThan(20_000);
    expect(await metric('numtrust_cache_bytes{cache="signals"}')).toBeGreaterThan(100 * first.body.signals.length);
  });

  it('makes a verdict that reads the call state afresh every time', async () => {
    const body = { phoneNumber: '+447700900502', context: { channel: 'ivr', action: 'balance_inquiry', inboundCall: true } };
    await t.post('/v1/assessments', body);
    const before = upstreamCalls();
    const again = await t.post('/v1/assessments', body);
    expect(again.status).toBe(200);
    expect(again.body.signals.find((signal: { kind: string }) => signal.kind === 'call_state')).toMatchObject({ cached: false });
    expect(upstreamCalls()).toBeGreaterThan(before);
  });
});
