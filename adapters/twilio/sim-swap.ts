/**
 * Reading the sim_swap package. Where the carrier shares `last_sim_swap_date`, both operations
 * answer from it. Where it does not, only `swapped_in_period` over the account's fixed window
 * (`swapped_period`) is known, which settles a check only for some windows:
 *   - maxAge = window                 → swapped_in_period
 *   - swapped in the window, maxAge ≥ window → true (a longer look-back contains it)
 *   - not swapped in the window, maxAge ≤ window → false (a shorter look-back cannot find one)
 *   - anything else                   → no definite answer (not_supported), never a guess.
 */
import { UpstreamError, type OperationOutcome } from '../../src/contract/adapter.ts';
import { malformedAnswer } from '../shared/upstream-failures.ts';
import { parseIsoDuration } from './iso-duration.ts';
import type { SimSwapPackage } from './wire.ts';

const HOUR_MS = 3_600_000;

export interface SimSwapEnvironment {
  provider: string;
  now: number;
  /** The configured window, used only when an answer lacks `swapped_period`. */
  fallbackWindowHours: number | undefined;
}

export function simSwapCheck(
  pkg: SimSwapPackage,
  maxAgeHours: number,
  env: SimSwapEnvironment,
): OperationOutcome<'sim_swap.check'> | UpstreamError {
  const last = pkg.last_sim_swap;
  if (!last) return incomplete(env.provider, 'last_sim_swap');
  const maxAgeMs = maxAgeHours * HOUR_MS;
  const date = last.last_sim_swap_date ?? null;
  if (date !== null) {
    return { status: 'ok', value: { swapped: env.now - Date.parse(date) <= maxAgeMs, maxAgeHours } };
  }

  const inWindow = last.swapped_in_period;
  if (inWindow === null || inWindow === undefined) return incomplete(env.provider, 'last_sim_swap.swapped_in_period');
  const windowMs = windowOf(last.swapped_period, env.fallbackWindowHours);
  if (windowMs === undefined) return incomplete(env.provider, 'last_sim_swap.swapped_period');

  if (maxAgeMs === windowMs || (inWindow && maxAgeMs >= windowMs) || (!inWindow && maxAgeMs <= windowMs)) {
    return { status: 'ok', value: { swapped: inWindow, maxAgeHours } };
  }
  const windowHours = Math.round((windowMs / HOUR_MS) * 100) / 100;
  return {
    status: 'not_supported',
    message:
      `${env.provider}: the carrier shares no SIM swap date, only whether one happened within the account's ` +
      `${windowHours} h window (${inWindow ? 'it did' : 'it did not'}), which settles no ${maxAgeHours} h check`,
  };
}

export function simSwapRetrieveDate(
  pkg: SimSwapPackage,
  env: SimSwapEnvironment,
): OperationOutcome<'sim_swap.retrieve_date'> | UpstreamError {
  const last = pkg.last_sim_swap;
  if (!last) return incomplete(env.provider, 'last_sim_swap');
  const date = last.last_sim_swap_date ?? null;
  if (date === null) {
    // Withheld and "never swapped" look the same here: no date is not "no swap".
    return { status: 'not_supported', message: `${env.provider}: the carrier shares no SIM swap date` };
  }
  // Twilio names no retention window: monitoredPeriodDays stays null.
  return { status: 'ok', value: { latestSimChange: new Date(date).toISOString(), monitoredPeriodDays: null } };
}

function windowOf(swappedPeriod: string | null | undefined, fallbackHours: number | undefined): number | undefined {
  if (swappedPeriod !== null && swappedPeriod !== undefined) return parseIsoDuration(swappedPeriod);
  return fallbackHours === undefined ? undefined : fallbackHours * HOUR_MS;
}

function incomplete(provider: string, field: string): UpstreamError {
  return malformedAnswer(provider, `sim_swap answered without ${field}`);
}
