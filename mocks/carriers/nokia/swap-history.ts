import type { Subscriber } from '../../world/subscriber.ts';

/**
 * SIM and device change history as the world's operators report it (the same rules the mock
 * CAMARA operators follow, so every carrier gives one number the same answer).
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Activation binds the number to its first SIM: it counts as a SIM change. */
export function latestSimChange(subscriber: Subscriber): string | null {
  return subscriber.simChangedAt ?? subscriber.activatedAt;
}

/** Device Swap 1.0.0: without a change since, the first use of the number in a device (its activation). */
export function latestDeviceChange(subscriber: Subscriber): string | null {
  return subscriber.deviceChangedAt ?? subscriber.activatedAt;
}

export function changedWithinHours(latest: string | null, hours: number, now: number): boolean {
  return latest !== null && now - Date.parse(latest) <= hours * HOUR_MS;
}

/** The change as the operator may disclose it: null when older than its retention window. */
export function disclosedChange(latest: string | null, retentionDays: number | null, now: number): string | null {
  if (latest === null) return null;
  return retentionDays === null || now - Date.parse(latest) <= retentionDays * DAY_MS ? new Date(latest).toISOString() : null;
}
