import type { Context, Next } from 'hono';
import { jsonHeaders, replaceAnswer, takeAnswer } from './answer.ts';
import { paddedJson, partBeforeReset, splitInto, truncatedJson } from './bodies.ts';
import { attachCheckError } from './check-error.ts';
import { resetConnection } from './connection.ts';
import {
  DEFAULT_OVERSIZED_BYTES,
  DEFAULT_REDIRECT_ORIGIN,
  DEFAULT_SLOW_BODY_CHUNKS,
  type FaultKind,
  type FaultRule,
  type FaultRuleOf,
} from './rule.ts';
import { brokenOffBody, dribbledBody, generatedBody } from './streams.ts';
import { sleep, untilAborted, withJitter } from './timing.ts';
import { withWrongType, type Json } from './wrong-type.ts';

/** What an applier may use: the request, the rest of the chain, and the carrier's own error format. */
export interface FaultEnvironment {
  c: Context;
  next: Next;
  /** The carrier's error answer for an HTTP status, in its own wire format. */
  errorResponse: (c: Context, status: number, message: string) => Response;
  /** The client gave up while the fault held the request or its body (counted once per request, however often called). */
  onAbort: () => void;
}

type Applier<K extends FaultKind> = (rule: FaultRuleOf<K>, env: FaultEnvironment) => Promise<Response | void>;

/**
 * One applier per kind. Appliers that return a Response answer instead of the carrier; the others
 * let the carrier answer (`next`) and then deliver that answer badly by replacing `c.res`.
 */
const APPLIERS: { [K in FaultKind]: Applier<K> } = {
  async status(rule, env) {
    const { c, errorResponse } = env;
    if (rule.latencyMs !== undefined && (await sleep(rule.latencyMs, c.req.raw.signal)) === 'aborted') return abandoned(env);
    const response = errorResponse(c, rule.status, `mock fault: HTTP ${rule.status}`);
    if (rule.retryAfter !== undefined) response.headers.set('retry-after', String(rule.retryAfter));
    return response;
  },

  async latency(rule, env) {
    const outcome = await sleep(withJitter(rule.latencyMs, rule.jitterMs), env.c.req.raw.signal);
    if (outcome === 'aborted') return abandoned(env);
    await env.next();
  },

  async malformed(_rule, { c, next }) {
    await next();
    const answer = await takeAnswer(c);
    replaceAnswer(c, truncatedJson(new TextDecoder().decode(answer.body)), 200, jsonHeaders(answer.headers));
  },

  async hang(_rule, env) {
    await untilAborted(env.c.req.raw.signal);
    return abandoned(env);
  },

  async check_error(rule, { c, next }) {
    attachCheckError(c, rule);
    await next();
  },

  async reset(rule, { c, next, onAbort }) {
    await next();
    const answer = await takeAnswer(c);
    answer.headers.set('content-length', String(answer.body.length));
    const body = brokenOffBody(partBeforeReset(answer.body, rule.afterBytes), () => resetConnection(c), onAbort);
    replaceAnswer(c, body, answer.status, answer.headers);
  },

  async slow_body(rule, { c, next, onAbort }) {
    await next();
    const answer = await takeAnswer(c);
    answer.headers.set('content-length', String(answer.body.length));
    const pieces = splitInto(answer.body, rule.chunks ?? DEFAULT_SLOW_BODY_CHUNKS);
    replaceAnswer(c, dribbledBody(pieces, rule.durationMs / pieces.length, onAbort), answer.status, answer.headers);
  },

  async wrong_type(rule, { c, next }) {
    await next();
    const answer = await takeAnswer(c);
    const json = parseJson(new TextDecoder().decode(answer.body));
    const changed = json === undefined ? undefined : withWrongType(json, rule.field);
    replaceAnswer(c, changed === undefined ? answer.body : JSON.stringify(changed), answer.status, answer.headers);
  },

  async oversized(rule, { c, next, onAbort }) {
    await next();
    const answer = await takeAnswer(c);
    const size = rule.sizeBytes ?? DEFAULT_OVERSIZED_BYTES;
    const body = generatedBody(paddedJson(new TextDecoder().decode(answer.body), size), onAbort);
    replaceAnswer(c, body, 200, jsonHeaders(answer.headers, size));
  },

  async redirect(rule, { c }) {
    const url = new URL(c.req.url);
    const location = rule.location ?? `${DEFAULT_REDIRECT_ORIGIN}${url.pathname}${url.search}`;
    return new Response(null, { status: rule.status ?? 302, headers: { location, 'content-length': '0' } });
  },
};

export function applyFault(rule: FaultRule, env: FaultEnvironment): Promise<Response | void> {
  const applier = APPLIERS[rule.kind] as Applier<FaultKind>;
  return applier(rule, env);
}

/** The client is gone: count it; the response is never delivered. */
function abandoned(env: FaultEnvironment): Response {
  env.onAbort();
  return new Response(null, { status: 499 });
}

function parseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}
