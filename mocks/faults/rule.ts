import { z } from 'zod';
import { E164 } from '../world/subscriber.ts';

/**
 * A fault rule says which carrier requests misbehave and how. Each kind is one variant of a
 * discriminated union: a new kind adds a variant here and an applier in apply.ts.
 */

const matchFields = {
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/).optional(),
  /** Carrier id (`albion`); absent = every carrier. */
  carrier: z.string().min(1).optional(),
  /** Endpoint name as counted in stats (`token`, `bc-authorize`, `sim-swap/v2/check`); absent = every endpoint. */
  endpoint: z.string().min(1).optional(),
  /** Only requests about this number (body phoneNumber, CIBA login_hint, or the number bound to the token). */
  phoneNumber: E164.optional(),
  /** Apply to this many matching requests, then expire; absent = until removed. */
  times: z.number().int().positive().optional(),
};

/** Seconds, or an HTTP date, sent verbatim as Retry-After. */
export const RetryAfterSchema = z.union([
  z.number().int().nonnegative(),
  z.string().refine((text) => /^\d+$/.test(text) || !Number.isNaN(Date.parse(text)), {
    message: 'retryAfter must be a number of seconds or an HTTP date',
  }),
]);

export const FaultRuleInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...matchFields,
    /** Answer this HTTP status in the carrier's own error format. */
    kind: z.literal('status'),
    status: z.number().int().min(400).max(599),
    retryAfter: RetryAfterSchema.optional(),
  }),
  z.strictObject({
    ...matchFields,
    /** Wait, then answer normally (or stop if the client gives up first). */
    kind: z.literal('latency'),
    latencyMs: z.number().int().min(0).max(600_000),
  }),
  z.strictObject({
    ...matchFields,
    /** 200 with the real answer's JSON cut in half. */
    kind: z.literal('malformed'),
  }),
  z.strictObject({
    ...matchFields,
    /** Never send headers; the request ends only when the client aborts (counted as `aborted`). */
    kind: z.literal('hang'),
  }),
  z.strictObject({
    ...matchFields,
    /**
     * Answer 200 with the vendor's own per-check error for `check` (a package, add-on or insight
     * name) and `code`. Only the carrier knows that shape: the generic applier lets the request
     * through with the rule attached (faults/check-error.ts); a carrier without per-check errors
     * in a 200 ignores it and answers normally.
     */
    kind: z.literal('check_error'),
    check: z.string().min(1).optional(),
    code: z.union([z.string().min(1), z.number().int()]).optional(),
  }),
]);

export type FaultRuleInput = z.input<typeof FaultRuleInputSchema>;
export type FaultRule = z.output<typeof FaultRuleInputSchema> & { id: string };
export type FaultKind = FaultRule['kind'];
export type FaultRuleOf<K extends FaultKind> = Extract<FaultRule, { kind: K }>;
