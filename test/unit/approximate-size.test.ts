import { describe, expect, it } from 'vitest';
import { jsonLength } from '../../src/resilience/approximate-size.ts';
import { ASSESSMENT_ANSWER_EXAMPLE } from '../../src/routes/assessment-examples.ts';

describe('jsonLength', () => {
  it.each([
    ['an assessment answer', ASSESSMENT_ANSWER_EXAMPLE],
    ['a cached answer', { outcome: { status: 'ok', value: { swapped: true, latestSimChange: '2026-12-05T10:00:00.000Z' } }, observedAt: '2026-12-05T10:00:00.000Z', latencyMs: 12 }],
    ['a refusal', { outcome: { status: 'rejected', code: 'OUT_OF_RANGE', message: 'x'.repeat(500) }, observedAt: '2026-12-05T10:00:00.000Z', latencyMs: 0 }],
  ])('is within 5 %% of JSON.stringify for %s', (_name, value) => {
    const exact = JSON.stringify(value).length;
    expect(Math.abs(jsonLength(value) - exact)).toBeLessThanOrEqual(exact * 0.05);
  });

  it('skips undefined fields, as JSON does', () => {
    expect(jsonLength({ a: 'xy', b: undefined })).toBe(jsonLength({ a: 'xy' }));
  });
});
