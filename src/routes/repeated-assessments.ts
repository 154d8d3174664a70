/**
 * Requests seen before: for each tenant's exact request body, what answering it again needs (the
 * verdict's key and the answer's frame), kept while the verdict it got is served from the verdict
 * cache. A repeated body is then answered without parsing, validating or planning it again
 * (src/runtime/repeat-fast-path.ts on Node). The same body always parses to the same request and
 * the same plan: the tenant's policy is fixed for the life of the process.
 *
 * Keys are keyed hashes of the tenant and the body (which names the number), never the body
 * itself, like every other map key that could hold a phone number (resilience/number-key.ts).
 */
import { ExpiringLru } from '../resilience/expiring-lru.ts';
import { NumberKeyer } from '../resilience/number-key.ts';
import type { HmacSha256 } from '../contract/hmac.ts';
import type { EntrySizeModel } from '../resilience/approximate-size.ts';
import type { RiskTier } from '../engine/assessment/policy.ts';
import type { AssessmentRequest } from './assessment-schemas.ts';

/** What an answer says besides its verdict, fixed by the request and the tenant's policy. */
export interface AnswerFrame {
  tenantId: string;
  policyName: string;
  tier: RiskTier;
  action?: string;
  channel: AssessmentRequest['context']['channel'];
  inboundCall: boolean;
  deadlineMs: number;
  maskedNumber: string;
}

/** A request's answer frame and the key of the verdict it got. */
export interface RepeatPlan extends AnswerFrame {
  verdictKey: string;
}

const MAX_PLANS = 10_000;
/** Measured: 537 bytes an entry held for keys of 32 and plans of ~290 JSON characters (9 000 entries). */
const PLAN_SIZE: EntrySizeModel = { perEntryBytes: 48, perCharacterBytes: 1.5 };

export class RepeatedAssessments {
  private readonly plans: ExpiringLru<RepeatPlan>;
  private readonly keyer: NumberKeyer;

  constructor(hmacSha256: HmacSha256 | undefined, now: () => number = Date.now) {
    this.plans = new ExpiringLru({ max: MAX_PLANS, now, size: PLAN_SIZE });
    this.keyer = new NumberKeyer(undefined, hmacSha256);
  }

  /** Keeps the plan for as long as its verdict is served (`freshForMs`). */
  async remember(tenantId: string, body: string, plan: RepeatPlan, freshForMs: number): Promise<void> {
    if (!(freshForMs > 0)) return;
    this.plans.set(await this.keyOf(tenantId, body), plan, freshForMs);
  }

  async planFor(tenantId: string, body: string): Promise<RepeatPlan | undefined> {
    if (this.plans.size === 0) return undefined;
    return this.plans.get(await this.keyOf(tenantId, body));
  }

  get size(): number {
    return this.plans.size;
  }

  get approximateBytes(): number {
    return this.plans.approximateBytes;
  }

  private keyOf(tenantId: string, body: string): Promise<string> {
    return this.keyer.keyOf(`${tenantId}\n${body}`);
  }
}
