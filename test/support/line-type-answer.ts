import type { LineType, NormalizedSignal } from '../../src/contract/signals.ts';

/** A provider's fresh answer to a line-type lookup. */
export function lineTypeAnswer(lineType: LineType): NormalizedSignal<'line_type.retrieve'> {
  return {
    kind: 'line_type',
    operation: 'line_type.retrieve',
    status: 'ok',
    provider: 'p',
    observedAt: new Date().toISOString(),
    cached: false,
    latencyMs: 1,
    value: { lineType },
  };
}
