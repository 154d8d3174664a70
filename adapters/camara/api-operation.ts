/**
 * What the generic CAMARA client needs to know about one operation of one API version:
 * scope, path, request body, how the subject is identified and how a 200 body is read.
 * Each API module (sim-swap.ts, later call-forwarding.ts, ...) produces these from its config.
 */
import type { z } from 'zod';
import type { OperationId, OperationParams, OperationValue } from '../../src/contract/signals.ts';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issue: string };

/**
 * What a CAMARA operation reads from a 200: a value, a malformed body, or a well-formed answer in
 * which the upstream says it cannot tell (e.g. Scam Signal's isInVoiceCall null), which is never a
 * definite value. `message` must not quote upstream values.
 */
export type OperationParseResult<T> = ParseResult<T> | { ok: 'cannot_tell'; message: string };

export interface CamaraOperation<Op extends OperationId = OperationId> {
  readonly id: Op;
  /** The API scope that grants this operation; the purpose and `openid` are added by the token source. */
  readonly scope: string;
  /** Appended to the provider's apiRoot, e.g. `/sim-swap/v2/check`. */
  readonly path: string;
  /**
   * Pre-2.0 APIs let a 3-legged call carry the number too (checked against the token);
   * from Commonalities 0.5 on it must be omitted (422 UNNECESSARY_IDENTIFIER).
   */
  readonly numberInBodyWith3LeggedToken: boolean;
  /** 404 codes this API version uses for "unknown number". */
  readonly unknownNumberCodes: ReadonlySet<string>;
  /** How the subject appears in the body: `{ phoneNumber }` or, for device APIs, `{ device: { phoneNumber } }`. */
  subject(phoneNumber: string): Record<string, unknown>;
  /** The request body without the subject. */
  body(params: OperationParams<Op>): Record<string, unknown>;
  /** Validates a 200 body and turns it into the normalized value. */
  parse(json: unknown, params: OperationParams<Op>): OperationParseResult<OperationValue<Op>>;
}

/** Entry Op is operation Op's wire: looked up by a request's operation, it needs no cast. */
export type CamaraOperationTable = { readonly [Op in OperationId]?: CamaraOperation<Op> };

export function requestBody<Op extends OperationId>(
  operation: CamaraOperation<Op>,
  phoneNumber: string,
  params: OperationParams<Op>,
  threeLeggedToken: boolean,
): Record<string, unknown> {
  const includeNumber = !threeLeggedToken || operation.numberInBodyWith3LeggedToken;
  return { ...(includeNumber ? operation.subject(phoneNumber) : {}), ...operation.body(params) };
}

/** Validates `json` against `schema` and maps it; the issue names paths and rules, never upstream values. */
export function parseWith<S extends z.ZodType, T>(
  schema: S,
  json: unknown,
  toValue: (body: z.output<S>) => T,
): ParseResult<T> {
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, issue };
  }
  return { ok: true, value: toValue(result.data) };
}
