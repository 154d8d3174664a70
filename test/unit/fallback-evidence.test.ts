/**
 * When an answer from further down the chain makes the evidence degraded: always after a preferred
 * provider failed; after a hedge won over a merely slow one, only where the answer is incomplete.
 */
import { describe, expect, it } from 'vitest';
import { callStateEvidence, forwardingEvidence, simSwapEvidence, withFallbacks } from '../../src/engine/assessment/evidence.ts';
import type { NormalizedSignal, OperationId } from '../../src/contract/signals.ts';

function answer<Op extends OperationId>(operation: Op, value: unknown, passedOver: Partial<Pick<NormalizedSignal, 'fallbackAfter' | 'hedgedOver'>> = {}) {
  return {
    kind: operation.split('.')[0],
    operation,
    status: 'ok',
    provider: 'twilio',
    observedAt: new Date().toISOString(),
    cached: false,
    latencyMs: 10,
    value,
    ...passedOver,
  } as unknown as NormalizedSignal<Op>;
}

describe('withFallbacks', () => {
  it('degrades any answer given after a preferred provider failed', () => {
    const check = answer('sim_swap.check', { swapped: false, maxAgeHours: 168 }, { fallbackAfter: ['albion'] });
    expect(withFallbacks(simSwapEvidence(undefined, check, Date.now(), 7), [check]).degraded).toBe(true);
  });

  it('keeps a complete answer that won a hedge over a slow provider as it is', () => {
    const check = answer('sim_swap.check', { swapped: false, maxAgeHours: 168 }, { hedgedOver: ['albion'] });
    expect(withFallbacks(simSwapEvidence(undefined, check, Date.now(), 7), [check]).degraded).toBe(false);
    const unconditional = answer('call_forwarding.unconditional', { active: true }, { hedgedOver: ['albion'] });
    expect(withFallbacks(forwardingEvidence(undefined, unconditional), [unconditional]).degraded).toBe(false);
  });

  it('degrades an incomplete answer that won a hedge: the slow provider might have told the call’s direction', () => {
    const state = answer('call_state.retrieve', { onCall: true, direction: null }, { hedgedOver: ['telesign'] });
    const evidence = callStateEvidence(state);
    expect(evidence.findings.map((finding) => finding.code)).toEqual(['CALLER_ON_CALL_DIRECTION_UNKNOWN']);
    expect(withFallbacks(evidence, [state]).degraded).toBe(true);
    const unconditional = answer('call_forwarding.unconditional', { active: false }, { hedgedOver: ['albion'] });
    expect(withFallbacks(forwardingEvidence(undefined, unconditional), [unconditional]).degraded).toBe(true);
  });
});
