/**
 * What CAMARA SIM Swap and Device Swap share, at the operators and through NaC: the legal limit
 * of maxAge (its range and default are camara-specs' MaxAgeHours), and "when was the latest change, as far as the operator's legal window
 * lets it say".
 */
import { CamaraProblem } from './camara-wire.ts';

const DAY_MS = 24 * 3_600_000;

/** A maxAge beyond the operator's legal window is refused, with the window in the message. */
export function assertWithinWindow(maxAgeHours: number, monitoredPeriodDays: number | null, what: string): void {
  if (monitoredPeriodDays !== null && maxAgeHours > monitoredPeriodDays * 24) {
    throw new CamaraProblem(400, 'OUT_OF_RANGE', `${what} monitor period could not exceed local regulations (${monitoredPeriodDays} days)`);
  }
}

/**
 * The latest change when the window shows it; null otherwise ("no change within monitoredPeriod
 * days", or never connected), with monitoredPeriod where the API version reports it.
 */
export function retrieveDateAnswer(
  field: 'latestSimChange' | 'latestDeviceChange',
  latest: string | null,
  options: { now: number; monitoredPeriodDays: number | null; reportsMonitoredPeriod: boolean; formatTime: (instant: string) => string },
): Record<string, unknown> {
  const window = options.monitoredPeriodDays;
  if (latest !== null && (window === null || options.now - Date.parse(latest) <= window * DAY_MS)) {
    return { [field]: options.formatTime(latest) };
  }
  return window !== null && options.reportsMonitoredPeriod ? { [field]: null, monitoredPeriod: window } : { [field]: null };
}
