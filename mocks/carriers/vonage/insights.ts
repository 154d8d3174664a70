import { z } from 'zod';
import type { Subscriber } from '../../world/subscriber.ts';
import { changedWithin, latestDeviceChange, latestSimChange } from '../shared/swap-history.ts';

/**
 * The Identity Insights the mock simulates, each answered from the World on its own: a result
 * object with its own `status: {code, message}` inside the one 200 response.
 *
 * Modelled: sim_swap and device_swap (`{period}` in hours → `latest_*_swap_at`, `is_swapped`),
 * roaming and reachability (`{}` → `latest_status_at` + `is_roaming`/`country_codes` or
 * `is_reachable`/`connectivity`). Not modelled: format, current_carrier, original_carrier,
 * subscriber_match, location_verification.
 */
export const INSIGHT_NAMES = ['sim_swap', 'device_swap', 'roaming', 'reachability'] as const;
export type InsightName = (typeof INSIGHT_NAMES)[number];

/** Real insights the mock does not simulate: asking for one is a 400 that says so. */
export const UNSIMULATED_INSIGHTS = ['format', 'current_carrier', 'original_carrier', 'subscriber_match', 'location_verification'];

export const STATUS_CODES = [
  'OK',
  'PARTIAL_SUCCESS',
  'INVALID_NUMBER_FORMAT',
  'UNSUPPORTED_NETWORK_TYPE',
  'NO_COVERAGE',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'INVALID_PURPOSE',
  'SUPPLIER_ERROR',
  'INTERNAL_ERROR',
] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

const STATUS_MESSAGES: Record<StatusCode, string> = {
  OK: 'Success',
  PARTIAL_SUCCESS: 'Some attributes are not available for this number.',
  INVALID_NUMBER_FORMAT: 'The phone number is not in a format carriers assign to users.',
  UNSUPPORTED_NETWORK_TYPE: 'The network type of this number is not supported for this insight.',
  NO_COVERAGE: 'The country or network of this number is not covered for this insight.',
  NOT_FOUND: 'The phone number was not found for this insight.',
  UNAUTHORIZED: 'The application is not authorized for this insight on this number.',
  INVALID_PURPOSE: 'The purpose is not valid or not allowed for this insight.',
  SUPPLIER_ERROR: 'The supplier returned an error.',
  INTERNAL_ERROR: 'An internal error occurred.',
};

export function statusMessage(code: string): string {
  return STATUS_MESSAGES[code as StatusCode] ?? 'The insight could not be processed.';
}

/** Hours to look back for a swap; the range follows CAMARA SIM Swap's maxAge. */
const Period = z.number().int().min(1).max(2400);

export const INSIGHT_PARAMETERS: { [Name in InsightName]: z.ZodType } = {
  sim_swap: z.strictObject({ period: Period }),
  device_swap: z.strictObject({ period: Period }),
  roaming: z.strictObject({}),
  reachability: z.strictObject({}),
};

export interface InsightAnswer {
  /** A StatusCode, or whatever code a check_error fault injects. */
  code: string;
  fields: Record<string, unknown>;
}

/** The insight for a mobile line the mock covers; every earlier refusal (format, purpose, coverage) is decided before. */
export function answerInsight(name: InsightName, parameters: unknown, subscriber: Subscriber, now: Date): InsightAnswer {
  switch (name) {
    case 'sim_swap':
      return swapAnswer('latest_sim_swap_at', latestSimChange(subscriber), parameters, now);
    case 'device_swap':
      return swapAnswer('latest_device_swap_at', latestDeviceChange(subscriber), parameters, now);
    case 'roaming':
      return {
        code: 'OK',
        fields: {
          latest_status_at: now.toISOString(),
          is_roaming: subscriber.roaming !== null,
          ...(subscriber.roaming ? { country_codes: [subscriber.roaming.country] } : {}),
        },
      };
    case 'reachability':
      return {
        code: 'OK',
        fields: {
          latest_status_at: now.toISOString(),
          is_reachable: subscriber.reachable.length > 0,
          // Present only when reachable, lowercase as the Node SDK's Connectivity enum spells it.
          ...(subscriber.reachable.length > 0 ? { connectivity: subscriber.reachable.map((each) => each.toLowerCase()) } : {}),
        },
      };
  }
}

function swapAnswer(dateField: string, latestChange: string | null, parameters: unknown, now: Date): InsightAnswer {
  const { period } = parameters as { period: number };
  if (latestChange === null) {
    // No change on record and no activation date: the date is omitted, hence partial.
    return { code: 'PARTIAL_SUCCESS', fields: { is_swapped: false } };
  }
  const swapped = changedWithin(latestChange, period, now.getTime());
  return { code: 'OK', fields: { [dateField]: new Date(latestChange).toISOString(), is_swapped: swapped } };
}
