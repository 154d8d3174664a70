/**
 * SIM and device change history as every mock carrier reads it from the world, so that every
 * carrier gives one number the same answer.
 */
import type { Subscriber } from '../../world/subscriber.ts';

const HOUR_MS = 3_600_000;

/** Activation counts as a SIM change (a new subscription binds the MSISDN to a new SIM). */
export function latestSimChange(subscriber: Subscriber): string | null {
  return subscriber.simChangedAt ?? subscriber.activatedAt;
}

/**
 * The latest change of device: the last swap, else the first time the number was used in a device
 * (its activation). A number never attached to the network has no device history at all.
 */
export function latestDeviceChange(subscriber: Subscriber): string | null {
  return subscriber.deviceChangedAt ?? subscriber.activatedAt;
}

/** Whether the latest change (null: none) happened within the last `hours`. */
export function changedWithin(latest: string | null, hours: number, now: number): boolean {
  return latest !== null && now - Date.parse(latest) <= hours * HOUR_MS;
}
