import { z } from 'zod';
import type { Operator } from '../../world/scenario.ts';
import type { Subscriber } from '../../world/subscriber.ts';
import { VONAGE_NETWORK_TYPE } from '../shared/line-type.ts';
import { changedWithin, latestDeviceChange, latestSimChange } from '../shared/swap-history.ts';

/**
 * The Identity Insights the mock simulates, each answered from the World on its own: a result
 * object with its own `status: {code, message}` inside the one 200 response.
 *
 * Modelled: sim_swap and device_swap (`{period}` in hours → `latest_*_swap_at`, `is_swapped`),
 * roaming and reachability (`{}` → `latest_status_at` + `is_roaming`/`country_codes` or
 * `is_reachable`/`connectivity`), current_carrier (`{}` → `name`, `network_type`, `country_code`,
 * `network_code`: any line, not only mobile ones). Not modelled: format, original_carrier,
 * subscriber_match, location_verification.
 */
export const INSIGHT_NAMES = ['sim_swap', 'device_swap', 'roaming', 'reachability', 'current_carrier'] as const;
export type InsightName = (typeof INSIGHT_NAMES)[number];

/** Insights about the network the number is on, answered for every kind of line (the others only for mobile lines). */
export const ANY_LINE_INSIGHTS: ReadonlySet<InsightName> = new Set(['current_carrier']);

/** Real insights the mock does not simulate: asking for one is a 400 that says so. */
export const UNSIMULATED_INSIGHTS = ['format', 'original_carrier', 'subscriber_match', 'location_verification'];

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
  current_carrier: z.strictObject({}),
};

export interface InsightAnswer {
  /** A StatusCode, or whatever code a check_error fault injects. */
  code: string;
  fields: Record<string, unknown>;
}

/** The insight for a line the mock covers; every earlier refusal (format, purpose, coverage, line type) is decided before. */
export function answerInsight(name: InsightName, parameters: unknown, subscriber: Subscriber, operator: Operator, now: Date): InsightAnswer {
  switch (name) {
    case 'current_carrier':
      return {
        code: 'OK',
        fields: {
          name: operator.name,
          network_type: VONAGE_NETWORK_TYPE[subscriber.lineType],
          country_code: operator.country,
          network_code: `${operator.mcc}${operator.mnc}`,
        },
      };
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
