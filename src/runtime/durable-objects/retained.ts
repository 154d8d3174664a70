import { DurableObject } from 'cloudflare:workers';

export interface Kept<T> {
  value: T;
  retainUntil: number;
}

const KEY = 'kept';

/**
 * An object that holds one value until `retainUntil` (a Number Verification session, an assessment
 * record): an alarm deletes its storage then, and until the alarm has run, reads past
 * `retainUntil` already find nothing. Subclasses read and write with the synchronous storage API
 * and no await in between, so each of their methods is atomic: an object runs one call at a time
 * between awaits.
 */
export abstract class Retained<T> extends DurableObject<unknown> {
  /** The value, unless there is none or it is past its retention. */
  protected live(): Kept<T> | undefined {
    const kept = this.ctx.storage.kv.get<Kept<T>>(KEY);
    return kept && Date.now() < kept.retainUntil ? kept : undefined;
  }

  /** Keeps `value` until `retainUntil`, and moves the alarm there. */
  protected async keep(value: T, retainUntil: number): Promise<void> {
    this.ctx.storage.kv.put<Kept<T>>(KEY, { value, retainUntil });
    await this.ctx.storage.setAlarm(retainUntil);
  }

  /** Changes the value, keeping its retention (synchronous: atomic with the read before it). */
  protected replace(kept: Kept<T>, value: T): void {
    this.ctx.storage.kv.put<Kept<T>>(KEY, { value, retainUntil: kept.retainUntil });
  }

  /** Deletes the value now. */
  async drop(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  override async alarm(): Promise<void> {
    const kept = this.ctx.storage.kv.get<Kept<T>>(KEY);
    // An alarm set before the retention moved on may still fire (alarms are retried): wait for the new one.
    if (kept && Date.now() < kept.retainUntil) await this.ctx.storage.setAlarm(kept.retainUntil);
    else await this.ctx.storage.deleteAll();
  }
}
