/**
 * Assessment records through the gateway: every verdict kept for the tenant's retention with the
 * number masked, read back by its tenant only, told its outcome once, and the outcomes counted by
 * reason code in the metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { parseExposition, sumOf } from '../observability/exposition.ts';

/** SIM swapped hours ago in the demo world: its assessment gives reasons. */
const SWAPPED = '+447700900001';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('assessment records', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({
      metrics: true,
      configure: (config) => ({
        ...config,
        tenants: [
          ...config.tenants,
          { ...config.tenants[0]!, id: 'brief', apiKeys: [{ id: 'brief', key: 'nt_brief_0123456789abcdef0123456789' }], recordRetentionSeconds: 1 },
          { ...config.tenants[0]!, id: 'forgetful', apiKeys: [{ id: 'forgetful', key: 'nt_forget_0123456789abcdef012345678' }], recordRetentionSeconds: 0 },
        ],
      }),
    });
  });
  afterAll(() => t?.close());

  const assess = async (key = t.apiKey, action = 'change_address') => {
    const response = await t.post('/v1/assessments', { phoneNumber: SWAPPED, context: { channel: 'agent', action } }, { authorization: `Bearer ${key}` });
    expect(response.status).toBe(200);
    return response.body;
  };
  const read = (id: string, key = t.apiKey) => fetch(`${t.url}/v1/assessments/${id}`, { headers: { authorization: `Bearer ${key}` } });
  const tell = (id: string, outcome: unknown) => t.post(`/v1/assessments/${id}/outcome`, { outcome });

  it('keeps the verdict as answered, with the number masked to its last two digits and never whole', async () => {
    const answer = await assess();
    const response = await read(answer.assessmentId);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    const record = JSON.parse(text);
    expect(record).toEqual({ ...answer, maskedNumber: '••••••••01', expiresAt: expect.any(String) });
    expect(Date.parse(record.expiresAt) - Date.parse(answer.assessedAt)).toBeGreaterThanOrEqual(86_400_000 - 1_000);
    expect(text).not.toContain('447700900001');
    expect(text).not.toContain('7700900001');
  });

  it('forgets a record after the tenant’s retention, and keeps none with a retention of 0', async () => {
    const brief = await assess('nt_brief_0123456789abcdef0123456789');
    expect((await read(brief.assessmentId, 'nt_brief_0123456789abcdef0123456789')).status).toBe(200);
    const none = await assess('nt_forget_0123456789abcdef012345678');
    expect((await read(none.assessmentId, 'nt_forget_0123456789abcdef012345678')).status).toBe(404);
    await pause(1_100);
    const gone = await read(brief.assessmentId, 'nt_brief_0123456789abcdef0123456789');
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('answers an unknown or malformed id 404, like another tenant’s', async () => {
    for (const id of [crypto.randomUUID(), 'not-a-uuid', '..%2f..%2fhealth', 'x'.repeat(500)]) {
      const response = await read(id);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
  });

  it('records the outcome once (the same again is accepted, another is a conflict) and counts it per reason code', async () => {
    const answer = await assess();
    const codes: string[] = answer.reasons.map((reason: { code: string }) => reason.code);
    expect(codes.length).toBeGreaterThan(0);
    const scrape = async () => parseExposition(await (await fetch(`${t.url}/metrics`)).text());
    const before = await scrape();

    const told = await tell(answer.assessmentId, 'fraud_confirmed');
    expect(told.status).toBe(200);
    expect(told.body.outcome).toEqual({ outcome: 'fraud_confirmed', recordedAt: expect.any(String) });
    expect((await tell(answer.assessmentId, 'fraud_confirmed')).status).toBe(200);
    const conflict = await tell(answer.assessmentId, 'genuine');
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ status: 409, code: 'CONFLICT', message: expect.stringContaining('fraud_confirmed') });
    expect((await (await read(answer.assessmentId)).json()).outcome.outcome).toBe('fraud_confirmed');

    const after = await scrape();
    for (const code of codes) {
      const labels = { tenant: 'default', outcome: 'fraud_confirmed', reason: code };
      expect(sumOf(after, 'numtrust_assessment_outcomes_total', labels) - sumOf(before, 'numtrust_assessment_outcomes_total', labels)).toBe(1);
    }
    expect(sumOf(after, 'numtrust_assessment_reasons_total', { tenant: 'default', reason: codes[0]! })).toBeGreaterThanOrEqual(1);
    expect(sumOf(after, 'numtrust_assessments_total', { tenant: 'default' })).toBeGreaterThanOrEqual(1);
  });

  it('refuses a bad outcome with a clear 400, and an outcome for an unknown assessment with 404', async () => {
    const answer = await assess();
    for (const outcome of ['fraud', '', 42, null]) {
      const response = await tell(answer.assessmentId, outcome);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' });
    }
    expect((await tell(crypto.randomUUID(), 'genuine')).status).toBe(404);
  });
});
