/**
 * The memory of request bodies behind the fast path for repeated assessments: a plan is kept for as
 * long as its verdict is served, per tenant, under a keyed hash of the body (never the body, which
 * names the number).
 */
import { describe, expect, it } from 'vitest';
import { RepeatedAssessments, type RepeatPlan } from '../../src/routes/repeated-assessments.ts';
import { nodeHmacSha256 } from '../../src/runtime/node-crypto.ts';

const BODY = '{"phoneNumber":"+447700900502","context":{"channel":"ivr","action":"change_address"}}';
const PLAN: RepeatPlan = {
  tenantId: 'acme',
  policyName: 'default',
  tier: 'high',
  action: 'change_address',
  channel: 'ivr',
  inboundCall: false,
  deadlineMs: 1000,
  maskedNumber: '••••••••02',
  verdictKey: 'acme|key|high|ivr|false|sim_swap|',
};

function memory() {
  const clock = { now: 1_000_000 };
  return { clock, repeats: new RepeatedAssessments(nodeHmacSha256, () => clock.now) };
}

describe('RepeatedAssessments', () => {
  it('finds a body again for as long as its verdict is served, and no longer', async () => {
    const { clock, repeats } = memory();
    await repeats.remember('acme', BODY, PLAN, 5_000);
    expect(await repeats.planFor('acme', BODY)).toEqual(PLAN);
    clock.now += 4_999;
    expect(await repeats.planFor('acme', BODY)).toEqual(PLAN);
    clock.now += 2;
    expect(await repeats.planFor('acme', BODY)).toBeUndefined();
  });

  it("keeps nothing for a verdict that is not served, and never finds one tenant's body for another or a body that differs by a byte", async () => {
    const { repeats } = memory();
    await repeats.remember('acme', BODY, PLAN, 0);
    expect(await repeats.planFor('acme', BODY)).toBeUndefined();
    await repeats.remember('acme', BODY, PLAN, 5_000);
    expect(await repeats.planFor('other', BODY)).toBeUndefined();
    expect(await repeats.planFor('acme', `${BODY} `)).toBeUndefined();
    expect(repeats.size).toBe(1);
    expect(repeats.approximateBytes).toBeGreaterThan(200);
  });

  it('holds no body, and so no number, as a key', async () => {
    const { repeats } = memory();
    await repeats.remember('acme', BODY, PLAN, 5_000);
    const held = JSON.stringify([...(repeats as unknown as { plans: { lru: Map<string, unknown> } }).plans.lru.keys()]);
    expect(held).not.toContain('447700900502');
    expect(held).not.toContain('phoneNumber');
  });
});
