/** The line type as evidence: every class has a reason, the neutral ones never move confidence, the risky ones floor by tier. */
import { describe, expect, it } from 'vitest';
import { LINE_TYPES, type LineType } from '../../src/contract/signals.ts';
import { meetsNeed } from '../../src/engine/coverage.ts';
import { lineTypeEvidence } from '../../src/engine/assessment/evidence.ts';
import { DEFAULT_SCORING, GAP_CODES, RISK_TIERS } from '../../src/engine/assessment/policy.ts';
import { score } from '../../src/engine/assessment/scorer.ts';
import { lineTypeAnswer } from '../support/line-type-answer.ts';


const verdictFor = (lineType: LineType, tier: (typeof RISK_TIERS)[number]) => {
  const evidence = lineTypeEvidence(lineTypeAnswer(lineType));
  return score(DEFAULT_SCORING, {
    tier,
    channel: 'ivr',
    inboundCall: false,
    findings: evidence.findings,
    known: new Set(evidence.known ? (['line_type'] as const) : []),
    degraded: false,
  });
};

describe('line type evidence', () => {
  it.each(LINE_TYPES)('%s has one reason, and never raises confidence', (lineType) => {
    const { findings } = lineTypeEvidence(lineTypeAnswer(lineType));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.signal).toBe('line_type');
    expect(DEFAULT_SCORING.weights[findings[0]!.code]).toBeLessThanOrEqual(0);
  });

  it('reads mobile and fixed lines as known and neutral, an unknown class as a gap', () => {
    for (const lineType of ['mobile', 'landline', 'fixed_voip'] as const) {
      const evidence = lineTypeEvidence(lineTypeAnswer(lineType));
      expect(evidence.known).toBe(true);
      expect(DEFAULT_SCORING.weights[evidence.findings[0]!.code]).toBe(0);
    }
    const other = lineTypeEvidence(lineTypeAnswer('other'));
    expect(other.known).toBe(false);
    expect(GAP_CODES.has(other.findings[0]!.code)).toBe(true);
  });

  it('reads no answer as a gap that never raises confidence', () => {
    const failed = lineTypeEvidence({ ...lineTypeAnswer('mobile'), status: 'unavailable', value: null });
    expect(failed).toMatchObject({ known: false, degraded: true, findings: [{ code: 'SIGNAL_UNAVAILABLE', signal: 'line_type' }] });
  });

  it.each(['non_fixed_voip', 'voip', 'toll_free', 'premium', 'personal', 'voicemail'] as const)(
    '%s: allowed at low risk, step_up at medium, specialist at high',
    (lineType) => {
      expect(verdictFor(lineType, 'low').recommendation).toBe('allow');
      expect(verdictFor(lineType, 'medium').recommendation).toBe('step_up');
      expect(verdictFor(lineType, 'high').recommendation).toBe('specialist');
      expect(verdictFor(lineType, 'protective').recommendation).toBe('allow');
    },
  );

  it('a mobile line scores exactly as no line type at all', () => {
    for (const tier of RISK_TIERS) {
      const none = score(DEFAULT_SCORING, { tier, channel: 'ivr', inboundCall: false, findings: [], known: new Set(), degraded: false });
      expect(verdictFor('mobile', tier)).toMatchObject({ confidence: none.confidence, recommendation: none.recommendation });
    }
  });
});

describe('what a line type answer must say', () => {
  it('a bare VoIP or an unknown class does not end the provider chain; a class the scoring knows does', () => {
    expect(meetsNeed(lineTypeAnswer('voip'), { lineClass: true })).toBe(false);
    expect(meetsNeed(lineTypeAnswer('other'), { lineClass: true })).toBe(false);
    for (const lineType of ['mobile', 'non_fixed_voip', 'fixed_voip', 'toll_free'] as const) expect(meetsNeed(lineTypeAnswer(lineType), { lineClass: true })).toBe(true);
    expect(meetsNeed(lineTypeAnswer('voip'), undefined)).toBe(true);
  });
});
