import { z } from 'zod';
import { FORWARDING_SERVICES } from '../../src/contract/signals.ts';

export const E164 = z.string().regex(/^\+[1-9][0-9]{4,14}$/, 'must be E.164 with a leading +');

const isoTime = z.iso.datetime({ offset: true });

export const CallSchema = z.strictObject({
  direction: z.enum(['outgoing', 'incoming']),
  peer: E164,
  startedAt: isoTime,
});

/** zod's own message for a missing member ("expected array, received undefined") names no fix. */
const required = (what: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined ? `required: ${what}` : undefined) });

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
    .refine((list) => new Set(list).size === list.length, { message: 'forwarding services must not repeat' })
    .default([]),
  call: CallSchema.nullable().default(null),
  roaming: z.strictObject({ country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2') }).nullable().default(null),
  reachable: z.array(z.enum(['DATA', 'SMS']), required('a list of DATA and SMS, [] when unreachable')),
  /**
   * The handset's mobile data session as the operator sees it: requests arriving from this
   * address are this line (network-based authentication, Number Verification). null = no data
   * session (Wi-Fi only, or data off).
   */
  dataSession: z.strictObject({ ipv4: z.ipv4() }).nullable().default(null),
  /** IoT, B2B and fixed lines are outside the fraud APIs: operators answer SERVICE_NOT_APPLICABLE. */
  lineType: z.enum(['mobile', 'iot', 'landline']).default('mobile'),
});

export type Subscriber = z.output<typeof SubscriberSchema>;
export type SubscriberInput = z.input<typeof SubscriberSchema>;
export type Call = z.output<typeof CallSchema>;
