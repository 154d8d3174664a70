/**
 * What every shared-state implementation must do (src/shared-state/port.ts), run against each:
 * in memory (test/shared-state/memory.test.ts), Redis on a real server (redis.test.ts) and
 * Durable Objects in workerd (test-worker/). Atomicity is tested with concurrent calls, expiry on
 * real time with short retentions.
 */
import { describe, expect, it } from 'vitest';
import type { SharedState, StoredSession } from '../../src/shared-state/port.ts';

export interface SharedStateFixture {
  /** A fresh state for one test (its own key space). */
  state(): SharedState | Promise<SharedState>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let serial = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(serial++).toString(36)}`;

export function sessionFor(tenantId: string, id = unique('nv_'), now = Date.now()): StoredSession {
  return {
    id,
    tenantId,
    sealedPhoneNumber: 'sealed.number.not.readable',
    provider: 'albion',
    state: `${id}.random-state`,
    codeVerifier: 'verifier',
    sealedOperatorUrl: 'sealed.operator.url.not.readable',
    callbackUrl: 'https://gw.example/v1/number-verification/callback',
    createdAt: now,
    expiresAt: now + 300_000,
    status: 'pending',
    callbackReceived: false,
  };
}

export function describeSharedStateContract(name: string, fixture: SharedStateFixture): void {
  describe(`shared state contract: ${name}`, () => {
    describe('sessions', () => {
      it('keeps a session as given, readable by id on any later call', async () => {
        const { sessions } = await fixture.state();
        const session = { ...sessionFor(unique('t')), appRedirectUri: 'https://app.example/done' };
        await sessions.create(session, { retainUntil: Date.now() + 60_000, maxPerTenant: 10 });
        expect(await sessions.get(session.id)).toEqual(session);
        expect(await sessions.get(unique('nv_'))).toBeUndefined();
      });

      it('lets exactly one of many concurrent callbacks claim a session', async () => {
        const { sessions } = await fixture.state();
        const session = sessionFor(unique('t'));
        await sessions.create(session, { retainUntil: Date.now() + 60_000, maxPerTenant: 10 });
        const claims = await Promise.all(Array.from({ length: 8 }, () => sessions.claimCallback(session.id)));
        const won = claims.filter((claim) => claim !== undefined);
        expect(won).toHaveLength(1);
        expect(won[0]).toMatchObject({ id: session.id, callbackReceived: true, status: 'pending' });
        expect(await sessions.claimCallback(session.id)).toBeUndefined();
        expect(await sessions.claimCallback(unique('nv_'))).toBeUndefined();
        expect((await sessions.get(session.id))?.callbackReceived).toBe(true);
      });

      it('records the end, with or without a problem, and keeps the rest of the session', async () => {
        const { sessions } = await fixture.state();
        const tenant = unique('t');
        const [a, b] = [sessionFor(tenant), sessionFor(tenant)];
        for (const s of [a, b]) await sessions.create(s, { retainUntil: Date.now() + 60_000, maxPerTenant: 10 });
        await sessions.claimCallback(a.id);
        await sessions.finish(a.id, { status: 'verified', completedAt: a.createdAt + 5 }, Date.now() + 60_000);
        expect(await sessions.get(a.id)).toEqual({ ...a, callbackReceived: true, status: 'verified', completedAt: a.createdAt + 5 });
        const problem = { code: 'NOT_NETWORK_AUTHENTICATED', message: 'not on mobile data', retryable: true };
        await sessions.finish(b.id, { status: 'failed', completedAt: b.createdAt + 9, problem }, Date.now() + 60_000);
        expect(await sessions.get(b.id)).toMatchObject({ status: 'failed', completedAt: b.createdAt + 9, problem });
        // Finishing a session that is gone is no error and brings nothing back.
        const gone = unique('nv_');
        await sessions.finish(gone, { status: 'verified', completedAt: 1 }, Date.now() + 60_000);
        expect(await sessions.get(gone)).toBeUndefined();
      });

      it('forgets a session at retainUntil, and a finished one at its new retainUntil', async () => {
        const { sessions } = await fixture.state();
        const tenant = unique('t');
        const [short, extended] = [sessionFor(tenant), sessionFor(tenant)];
        await sessions.create(short, { retainUntil: Date.now() + 150, maxPerTenant: 10 });
        await sessions.create(extended, { retainUntil: Date.now() + 150, maxPerTenant: 10 });
        await sessions.finish(extended.id, { status: 'not_verified', completedAt: Date.now() }, Date.now() + 60_000);
        await pause(400);
        expect(await sessions.get(short.id)).toBeUndefined();
        expect(await sessions.claimCallback(short.id)).toBeUndefined();
        expect((await sessions.get(extended.id))?.status).toBe('not_verified');
      });

      it("bounds each tenant on its own: past maxPerTenant the tenant's oldest session goes", async () => {
        const { sessions } = await fixture.state();
        const [a, b] = [unique('ta'), unique('tb')];
        const base = Date.now();
        const made = [sessionFor(a, unique('nv_'), base), sessionFor(b, unique('nv_'), base + 1), sessionFor(a, unique('nv_'), base + 2), sessionFor(a, unique('nv_'), base + 3)];
        for (const s of made) await sessions.create(s, { retainUntil: Date.now() + 60_000, maxPerTenant: 2 });
        expect(await sessions.get(made[0]!.id)).toBeUndefined();
        for (const s of made.slice(1)) expect((await sessions.get(s.id))?.id).toBe(s.id);
      });
    });

    describe('assessment records', () => {
      const recordFor = (tenantId: string, keepMs = 60_000) => ({
        id: unique('as-'),
        tenantId,
        maskedNumber: '••••••••01',
        assessedAt: Date.now(),
        retainUntil: Date.now() + keepMs,
        verdict: { recommendation: 'step_up', confidence: 40, reasons: [{ code: 'SIM_SWAPPED_RECENTLY', effect: -60 }] },
      });

      it('keeps a record as given until retainUntil', async () => {
        const { records } = await fixture.state();
        const [kept, brief] = [recordFor(unique('t')), recordFor(unique('t'), 150)];
        await records.put(kept);
        await records.put(brief);
        expect(await records.get(kept.id)).toEqual(kept);
        expect(await records.get(unique('as-'))).toBeUndefined();
        await pause(400);
        expect(await records.get(brief.id)).toBeUndefined();
        expect(await records.setOutcome(brief.id, { outcome: 'genuine', recordedAt: 1 })).toBeUndefined();
        expect(await records.get(kept.id)).toEqual(kept);
      });

      it('sets the outcome once: of concurrent outcomes one is first and kept, the others see it', async () => {
        const { records } = await fixture.state();
        const record = recordFor(unique('t'));
        await records.put(record);
        const outcomes = ['fraud_confirmed', 'genuine', 'fraud_suspected', 'genuine'] as const;
        const results = await Promise.all(outcomes.map((outcome, i) => records.setOutcome(record.id, { outcome, recordedAt: 1_000 + i })));
        const first = results.filter((result) => result?.first);
        expect(first).toHaveLength(1);
        const kept = first[0]!.record.outcome;
        for (const result of results) expect(result?.record).toEqual({ ...record, outcome: kept });
        expect((await records.get(record.id))?.outcome).toEqual(kept);
        expect(await records.setOutcome(unique('as-'), { outcome: 'genuine', recordedAt: 1 })).toBeUndefined();
      });
    });

    describe('daily caps', () => {
      it('takes atomically: of many concurrent takes past the cap, exactly the cap succeed', async () => {
        const { quotas } = await fixture.state();
        const tenant = unique('t');
        const taken = await Promise.all(Array.from({ length: 12 }, () => quotas.tryTake(tenant, 20_000, 5)));
        expect(taken.filter(Boolean)).toHaveLength(5);
        expect(await quotas.used(tenant, 20_000)).toBe(5);
      });

      it('counts per tenant and per day; add counts without a check and gives back with a negative', async () => {
        const { quotas } = await fixture.state();
        const [a, b] = [unique('ta'), unique('tb')];
        expect(await quotas.used(a, 20_000)).toBe(0);
        await quotas.add(a, 20_000, 3);
        expect(await quotas.tryTake(a, 20_000, 3)).toBe(false);
        await quotas.add(a, 20_000, -1);
        expect(await quotas.tryTake(a, 20_000, 3)).toBe(true);
        expect(await quotas.used(a, 20_000)).toBe(3);
        expect(await quotas.used(a, 20_001)).toBe(0);
        expect(await quotas.tryTake(a, 20_001, 3)).toBe(true);
        expect(await quotas.used(b, 20_000)).toBe(0);
      });
    });

    describe('rate limits', () => {
      it('admits the burst of concurrent requests and no more, per tenant, with a retry-after', async () => {
        const { rateLimits } = await fixture.state();
        const [a, b] = [unique('ta'), unique('tb')];
        // A slow refill: the test's own duration adds no token.
        const limit = { requestsPerSecond: 0.01, burst: 4 };
        const decisions = await Promise.all(Array.from({ length: 10 }, () => rateLimits.take(a, limit)));
        expect(decisions.filter((d) => d.ok)).toHaveLength(4);
        const refused = decisions.find((d) => !d.ok);
        expect(refused && !refused.ok && refused.retryAfterMs).toBeGreaterThan(1_000);
        expect((await rateLimits.take(b, limit)).ok).toBe(true);
      });

      it('refills at the configured rate', async () => {
        const { rateLimits } = await fixture.state();
        const tenant = unique('t');
        const limit = { requestsPerSecond: 20, burst: 1 };
        expect((await rateLimits.take(tenant, limit)).ok).toBe(true);
        const refused = await rateLimits.take(tenant, limit);
        expect(refused.ok).toBe(false);
        expect(!refused.ok && refused.retryAfterMs).toBeLessThanOrEqual(50);
        await pause(120);
        expect((await rateLimits.take(tenant, limit)).ok).toBe(true);
      });
    });
  });
}
