/**
 * Verdicts of identical assessments, per tenant, kept for as long as every answer they were made of
 * is fresh in the signal cache. Within that time an identical assessment would read the same cached
 * answers and score them the same way, so it is answered without asking the engine at all: no
 * planning, no chain walk, no evidence, no scoring. Its id, time, correlator, deadline and the
 * signals' ages are the request's own (the route builds them on every answer).
 *
 * Only clean verdicts are kept: every signal a definite answer or a refusal of the request, none
 * degraded, none after a failover or a hedge (a later run from the cache would say less about
 * those), none of a kind that is never cached (call state, number verification). A verdict can
 * only grow milder with time (a SIM change recedes into the past), so one served a few seconds
 * late is never more lenient than a fresh one.
 */
import { ExpiringLru } from '../../resilience/expiring-lru.ts';
import type { EntrySizeModel } from '../../resilience/approximate-size.ts';
import type { NormalizedSignal, SignalKind } from '../../contract/signals.ts';
import type { AssessmentInput, AssessmentResult } from './assess.ts';

const MAX_ENTRIES = 10_000;
/** Measured: 1 887 bytes a verdict freed for keys of 98 and verdicts of 2 336 JSON characters on average. */
const VERDICT_SIZE: EntrySizeModel = { perEntryBytes: 0, perCharacterBytes: 0.78 };

/** What makes two assessments identical: everything that chooses the operations and reads their answers. */
type IdenticalPart = Pick<AssessmentInput, 'tier' | 'channel' | 'inboundCall' | 'kinds' | 'maxAgeHours'>;

export class AssessmentAnswerCache {
  private readonly verdicts: ExpiringLru<AssessmentResult>;
  private readonly ttlSecondsOf: (kind: SignalKind) => number;

  constructor(ttlSecondsOf: (kind: SignalKind) => number, now: () => number = Date.now) {
    this.ttlSecondsOf = ttlSecondsOf;
    // lru-cache's own clock (performance.now) would not follow a test's or a runtime's clock.
    this.verdicts = new ExpiringLru({ max: MAX_ENTRIES, now, size: VERDICT_SIZE });
  }

  /** `numberKey` is the engine's keyed hash of the number: no number is held as a key. */
  keyOf(tenantId: string, numberKey: string, input: IdenticalPart): string {
    const kinds = [...input.kinds].sort().join(',');
    return `${tenantId}|${numberKey}|${input.tier}|${input.channel}|${input.inboundCall}|${kinds}|${input.maxAgeHours ?? ''}`;
  }

  get(key: string): AssessmentResult | undefined {
    return this.verdicts.get(key);
  }

  /** How long the key's verdict stays served, in milliseconds; 0 when none is kept. */
  freshForMs(key: string): number {
    return this.verdicts.remainingMs(key);
  }

  /** Keeps a clean verdict until its first signal would leave the signal cache; others are not kept. */
  keep(key: string, result: AssessmentResult, now: number): void {
    if (result.degraded || result.signals.length === 0) return;
    let freshUntil = Infinity;
    for (const signal of result.signals) {
      if (!isClean(signal)) return;
      freshUntil = Math.min(freshUntil, Date.parse(signal.observedAt) + this.ttlSecondsOf(signal.kind) * 1000);
    }
    const ttl = freshUntil - now;
    if (!(ttl > 0)) return;
    const signals = result.signals.map((signal) => ({ ...signal, cached: true, latencyMs: 0 }));
    this.verdicts.set(key, { ...result, signals }, ttl);
  }

  get size(): number {
    return this.verdicts.size;
  }

  /** Heap the verdicts hold, approximately (entrySizer); their signals' values are shared with the signal cache. */
  get approximateBytes(): number {
    return this.verdicts.approximateBytes;
  }
}

const REFUSALS = new Set(['OUT_OF_RANGE', 'INVALID_ARGUMENT']);

/** An answer the signal cache keeps, reached without a failover or a hedge. */
function isClean(signal: NormalizedSignal): boolean {
  if (signal.fallbackAfter !== undefined || signal.hedgedOver !== undefined) return false;
  switch (signal.status) {
    case 'ok':
    case 'not_found':
    case 'not_supported':
      return true;
    case 'error':
      return signal.problem !== undefined && REFUSALS.has(signal.problem.code);
    case 'unavailable':
      return false;
  }
}
