import { DurableObject } from 'cloudflare:workers';
import type { SessionEnd, StoredSession } from '../../shared-state/port.ts';

interface Kept {
  session: StoredSession;
  retainUntil: number;
}

const KEY = 'session';

/**
 * One Number Verification session (binding NV_SESSIONS, one object per session id): the record as
 * the gateway stores it (the number sealed), until `retainUntil`. An alarm deletes the storage
 * then; until it has run, reads past `retainUntil` already answer undefined. Every method reads
 * and writes with the synchronous storage API and no await in between, so the object, which runs
 * one call at a time between awaits, makes each of them atomic: of N concurrent claims one wins.
 * The tenant's bound on sessions is kept by its TenantLimits object (see there).
 */
export class NvSession extends DurableObject<unknown> {
  async create(session: StoredSession, retainUntil: number): Promise<void> {
    this.ctx.storage.kv.put<Kept>(KEY, { session, retainUntil });
    await this.ctx.storage.setAlarm(retainUntil);
  }

  get(): StoredSession | undefined {
    return this.live()?.session;
  }

  claimCallback(): StoredSession | undefined {
    const kept = this.live();
    if (!kept || kept.session.callbackReceived) return undefined;
    const session = { ...kept.session, callbackReceived: true };
    this.ctx.storage.kv.put<Kept>(KEY, { ...kept, session });
    return session;
  }

  async finish(end: SessionEnd, retainUntil: number): Promise<void> {
    const kept = this.live();
    if (!kept) return;
    const session = { ...kept.session, status: end.status, completedAt: end.completedAt, ...(end.problem ? { problem: end.problem } : {}) };
    this.ctx.storage.kv.put<Kept>(KEY, { session, retainUntil });
    await this.ctx.storage.setAlarm(retainUntil);
  }

  /** Deletes the session now (its tenant has too many). */
  async drop(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  override async alarm(): Promise<void> {
    const kept = this.ctx.storage.kv.get<Kept>(KEY);
    // An alarm set before finish() moved retainUntil on may still fire (alarms are retried): wait for the new one.
    if (kept && Date.now() < kept.retainUntil) await this.ctx.storage.setAlarm(kept.retainUntil);
    else await this.ctx.storage.deleteAll();
  }

  private live(): Kept | undefined {
    const kept = this.ctx.storage.kv.get<Kept>(KEY);
    return kept && Date.now() < kept.retainUntil ? kept : undefined;
  }
}
