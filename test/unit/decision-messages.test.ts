/**
 * Every step of a verdict's decidedBy explains itself in ASCII. One character beyond it (an arrow
 * once) makes V8 keep the whole answer as a two-byte string: twice the memory, and transcoding on
 * its way to the socket and the record (bench:compare cached: 39.3 -> 32.7 KB a request).
 */
import { describe, expect, it } from 'vitest';
import { lineTypeEvidence } from '../../src/engine/assessment/evidence.ts';
import { DEFAULT_SCORING, RISK_TIERS } from '../../src/engine/assessment/policy.ts';
import { score, type Situation } from '../../src/engine/assessment/scorer.ts';
import { SIGNAL_KINDS } from '../../src/contract/signals.ts';
import { lineTypeAnswer } from '../support/line-type-answer.ts';

const ASCII = /^[\x20-\x7e]*$/;
const CONFIDENT = { ...DEFAULT_SCORING, baseline: 100 };
const nonFixedVoip = lineTypeEvidence(lineTypeAnswer('non_fixed_voip')).findings;

describe.each(RISK_TIERS)('decidedBy on the %s-risk tier', (tier) => {
  const situation = (changes: Partial<Situation>): Situation => ({ tier, channel: 'ivr', inboundCall: true, findings: [], known: new Set(), degraded: false, ...changes });

  it('explains every step in ASCII: the score, a floor, a check not known, a degraded answer', () => {
    const verdicts = [
      score(DEFAULT_SCORING, situation({})),
      score(CONFIDENT, situation({ findings: nonFixedVoip })),
      score(CONFIDENT, situation({})),
      score(CONFIDENT, situation({ known: new Set(SIGNAL_KINDS), degraded: true })),
    ];
    const decisions = verdicts.flatMap((verdict) => verdict.decidedBy);
    for (const decision of decisions) expect(decision.message).toMatch(ASCII);
    if (tier === 'high') expect(new Set(decisions.map((decision) => decision.code))).toEqual(new Set(['SCORE', 'FLOOR', 'REQUIRED_NOT_KNOWN', 'DEGRADED_CAP']));
  });
});
