import { DurableObject } from 'cloudflare:workers';
import { MemoryRateLimits } from '../../shared-state/memory.ts';
import type { RateDecision, RateLimitSettings } from '../../shared-state/token-bucket.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS daily_calls (day INTEGER PRIMARY KEY, calls INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS sessions (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, retain_until INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS sessions_by_retention ON sessions (retain_until);
`;

/** The bucket is the object's own: one tenant per object. */
const THIS_TENANT = 'tenant';

/**
 * What one tenant's requests share on Workers (binding TENANT_LIMITS, one object per tenant id):
 *
 * - its token bucket, in memory. The object hibernates after about 10 s without a call and is
 *   restarted by deploys; it then starts from a full bucket. A quiet spell of 10 s refills
 *   `10 × requestsPerSecond` tokens anyway, so only limits that take longer than 10 s to refill
 *   admit more than they would have (at most one burst per restart); counting each request in
 *   durable storage would cost a write per request for that.
 * - its upstream calls per UTC day, in durable storage (SQLite); days before yesterday are dropped
 *   (yesterday is kept for instances whose clock is a little behind).
 * - the ids of its live Number Verification sessions, oldest first: each session is its own
 *   NvSession object, which cannot see the others, so the bound on a tenant's sessions is kept
 *   here. `admitSession` records a new one and answers which of the oldest to delete.
 *
 * Every method is synchronous (SQLite and the bucket are read and written without an await), and
 * an object runs one call at a time between awaits: take, tryTake, add and admitSession are atomic.
 */
export class TenantLimits extends DurableObject<unknown> {
  private readonly bucket = new MemoryRateLimits();

  constructor(...args: ConstructorParameters<typeof DurableObject<unknown>>) {
    super(...args);
    this.ctx.storage.sql.exec(SCHEMA);
  }

  take(limit: RateLimitSettings): RateDecision {
    return this.bucket.takeNow(THIS_TENANT, limit);
  }

  tryTake(day: number, cap: number): boolean {
    const calls = this.callsOn(day);
    if (calls >= cap) return false;
    this.setCalls(day, calls + 1);
    return true;
  }

  add(day: number, calls: number): void {
    this.setCalls(day, this.callsOn(day) + calls);
  }

  used(day: number): number {
    return this.callsOn(day);
  }

  /**
   * Records a new session kept until `retainUntil` and answers the ids of the oldest ones past
   * `maxPerTenant`, forgotten here, for the caller to delete. Sessions past their retention are
   * forgotten first (their own alarm deletes them). A finished session may be kept a few seconds
   * longer than the retention recorded here (finish() moves it to the end of the device flow);
   * it then no longer counts against the bound for those seconds.
   */
  admitSession(id: string, retainUntil: number, maxPerTenant: number): string[] {
    const sql = this.ctx.storage.sql;
    sql.exec('DELETE FROM sessions WHERE retain_until <= ?', Date.now());
    sql.exec('INSERT INTO sessions (id, retain_until) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET retain_until = excluded.retain_until', id, retainUntil);
    const { kept } = sql.exec<{ kept: number }>('SELECT count(*) AS kept FROM sessions').one();
    if (kept <= maxPerTenant) return [];
    const dropped = sql.exec<{ id: string }>(
      'DELETE FROM sessions WHERE seq IN (SELECT seq FROM sessions ORDER BY seq LIMIT ?) RETURNING id',
      kept - maxPerTenant,
    );
    return dropped.toArray().map((row) => row.id);
  }

  private callsOn(day: number): number {
    return this.ctx.storage.sql.exec<{ calls: number }>('SELECT calls FROM daily_calls WHERE day = ?', day).toArray()[0]?.calls ?? 0;
  }

  private setCalls(day: number, calls: number): void {
    const sql = this.ctx.storage.sql;
    sql.exec('INSERT INTO daily_calls (day, calls) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET calls = excluded.calls', day, Math.max(0, calls));
    sql.exec('DELETE FROM daily_calls WHERE day < ?', day - 1);
  }
}
