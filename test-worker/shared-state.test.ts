/**
 * The shared-state contract (test/shared-state/contract.ts) against the Durable Objects of
 * wrangler.toml, inside workerd: the same suite the in-memory and Redis implementations pass. Then
 * what the objects leave in their durable storage, read with the pool's runInDurableObject.
 */
import { env, evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { durableObjectsSharedState } from '../src/runtime/durable-objects/shared-state.ts';
import type { SharedState } from '../src/shared-state/port.ts';
import { describeSharedStateContract, sessionFor } from '../test/shared-state/contract.ts';

const CONFIG = {
  kind: 'durable-objects',
  limitsBinding: 'TENANT_LIMITS',
  sessionsBinding: 'NV_SESSIONS',
  recordsBinding: 'ASSESSMENT_RECORDS',
  timeoutMs: 250,
  sessionTimeoutMs: 2_000,
} as const;
const bindings = env as unknown as Record<string, DurableObjectNamespace>;

function sharedState(): SharedState {
  const state = durableObjectsSharedState(CONFIG, bindings);
  if (typeof state === 'string') throw new Error(state);
  return state;
}

describeSharedStateContract('Durable Objects', { state: sharedState });

describe('what the objects keep in durable storage', () => {
  const objectOf = (binding: string, name: string) => bindings[binding]!.get(bindings[binding]!.idFromName(name));

  it("a session's alarm deletes it after retainUntil; a session dropped for its tenant's bound leaves nothing", async () => {
    const { sessions } = sharedState();
    const tenant = `t-storage-${crypto.randomUUID()}`;
    const [first, second] = [sessionFor(tenant), sessionFor(tenant)];
    await sessions.create(first, { retainUntil: Date.now() + 60_000, maxPerTenant: 1 });
    await sessions.create(second, { retainUntil: Date.now() + 50, maxPerTenant: 1 });
    const stored = (id: string) => runInDurableObject(objectOf('NV_SESSIONS', id), (_object, state) => state.storage.kv.get('kept'));
    expect(await stored(first.id)).toBeUndefined();
    expect(await stored(second.id)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Runs the alarm now unless workerd already has.
    await runDurableObjectAlarm(objectOf('NV_SESSIONS', second.id));
    expect(await stored(second.id)).toBeUndefined();
  });

  it("an eviction keeps a tenant's daily counts and starts its token bucket full again (docs/workers.md)", async () => {
    const { quotas, rateLimits } = sharedState();
    const tenant = `t-evicted-${crypto.randomUUID()}`;
    const limit = { requestsPerSecond: 0.001, burst: 1 };
    await quotas.add(tenant, 20_000, 3);
    expect((await rateLimits.take(tenant, limit)).ok).toBe(true);
    expect((await rateLimits.take(tenant, limit)).ok).toBe(false);
    await evictDurableObject(objectOf('TENANT_LIMITS', tenant));
    expect(await quotas.used(tenant, 20_000)).toBe(3);
    expect((await rateLimits.take(tenant, limit)).ok).toBe(true);
  });

  it("a tenant's daily counts drop the days before yesterday", async () => {
    const { quotas } = sharedState();
    const tenant = `t-days-${crypto.randomUUID()}`;
    for (const day of [20_000, 20_001, 20_002]) await quotas.add(tenant, day, 2);
    const days = await runInDurableObject(objectOf('TENANT_LIMITS', tenant), (_object, state) =>
      state.storage.sql.exec<{ day: number }>('SELECT day FROM daily_calls ORDER BY day').toArray(),
    );
    expect(days.map((row) => row.day)).toEqual([20_001, 20_002]);
  });
});
