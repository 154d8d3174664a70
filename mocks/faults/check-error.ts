import type { Context } from 'hono';
import type { FaultRuleOf } from './rule.ts';

export type CheckErrorRule = FaultRuleOf<'check_error'>;

/** Keyed by the raw request, so it ends with the request and needs no typed Hono variables. */
const PENDING = new WeakMap<Request, CheckErrorRule>();

export function attachCheckError(c: Context, rule: CheckErrorRule): void {
  PENDING.set(c.req.raw, rule);
}

/**
 * The check_error rule that matched this request, if any. A carrier whose vendor reports
 * per-check errors inside a 200 (a package, add-on or insight that could not be answered) reads
 * it in its handler and answers that error for `rule.check` with `rule.code`; carriers without
 * such errors never call this and answer normally.
 */
export function checkErrorOf(c: Context): CheckErrorRule | undefined {
  return PENDING.get(c.req.raw);
}
