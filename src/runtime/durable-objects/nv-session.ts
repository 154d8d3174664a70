import type { SessionEnd, StoredSession } from '../../shared-state/port.ts';
import { Retained } from './retained.ts';

/**
 * One Number Verification session (binding NV_SESSIONS, one object per session id): the record as
 * the gateway stores it (the number sealed) until `retainUntil`. Of N concurrent claims of its
 * callback exactly one wins (Retained: every method is atomic). The tenant's bound on sessions is
 * kept by its TenantLimits object (see there).
 */
export class NvSession extends Retained<StoredSession> {
  create(session: StoredSession, retainUntil: number): Promise<void> {
    return this.keep(session, retainUntil);
  }

  get(): StoredSession | undefined {
    return this.live()?.value;
  }

  claimCallback(): StoredSession | undefined {
    const kept = this.live();
    if (!kept || kept.value.callbackReceived) return undefined;
    const session = { ...kept.value, callbackReceived: true };
    this.replace(kept, session);
    return session;
  }

  async finish(end: SessionEnd, retainUntil: number): Promise<void> {
    const kept = this.live();
    if (!kept) return;
    await this.keep({ ...kept.value, status: end.status, completedAt: end.completedAt, ...(end.problem ? { problem: end.problem } : {}) }, retainUntil);
  }
}
