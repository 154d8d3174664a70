import { z } from 'zod';
import { FORWARDING_SERVICES, LINE_TYPES, type LineType } from '../../src/contract/signals.ts';

export const E164 = z.string().regex(/^\+[1-9][0-9]{4,14}$/, 'must be E.164 with a leading +');

const isoTime = z.iso.datetime({ offset: true });

export const CallSchema = z.strictObject({
  direction: z.enum(['outgoing', 'incoming']),
  peer: E164,
  startedAt: isoTime,
});

/** A missing member's phrase names what it takes. */
const required = (what: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined ? `is required: ${what}` : undefined) });

/**
 * The world's line types: numtrust's own vocabulary (`src/contract/signals.ts`) less the classes
 * only some vendors use for what they cannot tell apart (`voip`, `other`), plus `unknown`.
 */
export const WORLD_LINE_TYPES = [
  ...LINE_TYPES.filter((type): type is Exclude<LineType, 'voip' | 'other'> => type !== 'voip' && type !== 'other'),
  'unknown',
] as const;
export type WorldLineType = (typeof WORLD_LINE_TYPES)[number];

/**
 * The whole state of one subscriber as the admin API accepts and returns it. Every field but
 * `operator` and `reachable` has a default (null: nothing happened, no call...), so a member a
 * merge patch removes with null falls back to it.
 */
export const SubscriberSchema = z.strictObject({
  operator: z.string(required('the world operator id')).min(1),
  /** When the number was first activated on a SIM; retrieve-date answers it when no swap happened. */
  activatedAt: isoTime.nullable().default(null),
  simChangedAt: isoTime.nullable().default(null),
  deviceChangedAt: isoTime.nullable().default(null),
  forwarding: z
    .array(z.enum(FORWARDING_SERVICES))
    .refine((list) => new Set(list).size === list.length, { message: 'must not name a service twice' })
    .default([]),
  call: CallSchema.nullable().default(null),
  roaming: z.strictObject({ country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as GB') }).nullable().default(null),
  reachable: z.array(z.enum(['DATA', 'SMS']), required('a list of DATA and SMS, [] when unreachable')),
  /**
   * The handset's mobile data session as the operator sees it: requests arriving from this
   * address are this line (network-based authentication, Number Verification). null = no data
   * session (Wi-Fi only, or data off).
   */
  dataSession: z.strictObject({ ipv4: z.ipv4() }).nullable().default(null),
  /**
   * What kind of line the number is (mocks/carriers/shared/line-type.ts maps it to each vendor's wire). Only a
   * `mobile` line has a SIM the fraud APIs cover: every other type (an IoT SIM, a fixed line, a
   * VoIP, service or personal number) gets SERVICE_NOT_APPLICABLE from the operators and "not a
   * mobile line" from the aggregators. `unknown`: no provider can classify it.
   */
  lineType: z.enum(WORLD_LINE_TYPES).default('mobile'),
});

export type Subscriber = z.output<typeof SubscriberSchema>;
export type SubscriberInput = z.input<typeof SubscriberSchema>;
export type Call = z.output<typeof CallSchema>;
