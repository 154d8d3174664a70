import type { Context, Next } from 'hono';
import { attachCheckError } from './check-error.ts';
import type { FaultKind, FaultRule, FaultRuleOf } from './rule.ts';

/** What an applier may use: the request, the rest of the chain, and the carrier's own error format. */
export interface FaultEnvironment {
  c: Context;
  next: Next;
  /** The carrier's error answer for an HTTP status, in its own wire format. */
  errorResponse: (c: Context, status: number, message: string) => Response;
  /** Called once when the client gives up while the fault holds the request. */
  onAbort: () => void;
}

type Applier<K extends FaultKind> = (rule: FaultRuleOf<K>, env: FaultEnvironment) => Promise<Response | void>;

const APPLIERS: { [K in FaultKind]: Applier<K> } = {
  async status(rule, { c, errorResponse }) {
    const response = errorResponse(c, rule.status, `mock fault: HTTP ${rule.status}`);
    if (rule.retryAfter !== undefined) response.headers.set('retry-after', String(rule.retryAfter));
    return response;
  },

  async latency(rule, env) {
    const outcome = await sleep(rule.latencyMs, env.c.req.raw.signal);
    if (outcome === 'aborted') return abandoned(env);
    await env.next();
  },

  async malformed(_rule, { c, next }) {
    await next();
    const text = await c.res.text();
    const truncated = /^\s*[[{]/.test(text) && text.length > 1 ? text.slice(0, Math.ceil(text.length / 2)) : '{"';
    c.res = new Response(truncated, { status: 200, headers: { 'content-type': 'application/json' } });
    c.res.headers.delete('content-length');
  },

  async hang(_rule, env) {
    await untilAborted(env.c.req.raw.signal);
    return abandoned(env);
  },

  async check_error(rule, { c, next }) {
    attachCheckError(c, rule);
    await next();
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

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

function sleep(ms: number, signal: AbortSignal): Promise<'elapsed' | 'aborted'> {
  if (signal.aborted) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve('aborted');
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve('elapsed');
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
