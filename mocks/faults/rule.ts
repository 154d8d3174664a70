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
  /** Apply to this share of the matching requests, drawn per request (a 5 % error rate, a latency tail); absent = all. */
  probability: z.number().min(0).max(1).optional(),
};

/** Names of the fields every rule has, whatever its kind (the per-request header has no use for them). */
export const MATCH_FIELDS: readonly string[] = [...Object.keys(matchFields), 'kind'];

const milliseconds = z.number().int().min(0).max(600_000);

/** Seconds, or an HTTP date, sent verbatim as Retry-After. */
export const RetryAfterSchema = z.union([
  z.number().int().nonnegative(),
  z.string().refine((text) => /^\d+$/.test(text) || !Number.isNaN(Date.parse(text)), {
    message: 'retryAfter must be a number of seconds or an HTTP date',
  }),
]);

/** Where a `redirect` sends the client when the rule names no location: another host, a port nothing serves. */
export const DEFAULT_REDIRECT_ORIGIN = 'http://127.0.0.2:9';
export const DEFAULT_OVERSIZED_BYTES = 2 * 1024 * 1024;
export const MAX_OVERSIZED_BYTES = 64 * 1024 * 1024;
export const DEFAULT_SLOW_BODY_CHUNKS = 10;

export const FaultRuleInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...matchFields,
    /** Answer this HTTP status in the carrier's own error format. */
    kind: z.literal('status'),
    status: z.number().int().min(400).max(599),
    retryAfter: RetryAfterSchema.optional(),
    /** Wait this long before answering the status (a slow failure); absent = at once. */
    latencyMs: milliseconds.optional(),
  }),
  z.strictObject({
    ...matchFields,
    /** Wait latencyMs plus a uniformly random 0..jitterMs, then answer normally (or stop if the client gives up first). */
    kind: z.literal('latency'),
    latencyMs: milliseconds,
    jitterMs: milliseconds.optional(),
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
  z.strictObject({
    ...matchFields,
    /**
     * The real answer's status and headers (its full content-length included), `afterBytes` of its
     * body (default half), then the connection is reset.
     */
    kind: z.literal('reset'),
    afterBytes: z.number().int().nonnegative().optional(),
  }),
  z.strictObject({
    ...matchFields,
    /** The real answer's headers at once, then its body in `chunks` pieces spread evenly over `durationMs`. */
    kind: z.literal('slow_body'),
    durationMs: milliseconds,
    chunks: z.number().int().min(1).max(1000).optional(),
  }),
  z.strictObject({
    ...matchFields,
    /**
     * The real answer, still valid JSON, with one value of the wrong type: the one at `field`
     * (a dot path, array indices as numbers), else the first boolean or number (else string) in it.
     */
    kind: z.literal('wrong_type'),
    field: z.string().min(1).optional(),
  }),
  z.strictObject({
    ...matchFields,
    /** 200 with a JSON body of exactly `sizeBytes` (default 2 MiB): the real answer padded out. */
    kind: z.literal('oversized'),
    sizeBytes: z.number().int().min(64).max(MAX_OVERSIZED_BYTES).optional(),
  }),
  z.strictObject({
    ...matchFields,
    /** `status` (default 302) with Location: `location`, default the same path on http://127.0.0.2:9. */
    kind: z.literal('redirect'),
    status: z.union([z.literal(301), z.literal(302), z.literal(303), z.literal(307), z.literal(308)]).optional(),
    location: z.url({ protocol: /^https?$/ }).optional(),
  }),
]);

export type FaultRuleInput = z.input<typeof FaultRuleInputSchema>;
export type FaultRule = z.output<typeof FaultRuleInputSchema> & { id: string };
export type FaultKind = FaultRule['kind'];
export type FaultRuleOf<K extends FaultKind> = Extract<FaultRule, { kind: K }>;

/** Every kind, in the union's order. */
export const FAULT_KINDS: readonly FaultKind[] = FaultRuleInputSchema.options.map((option) => option.shape.kind.value);

/** The fields a kind adds to the match fields (`latencyMs`, `jitterMs`...). */
export function parametersOf(kind: FaultKind): string[] {
  const option = FaultRuleInputSchema.options.find((candidate) => candidate.shape.kind.value === kind);
  return Object.keys(option?.shape ?? {}).filter((name) => !MATCH_FIELDS.includes(name));
}
