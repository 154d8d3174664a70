/**
 * Reading the request's body within its bounds: no more than `bodyLimitBytes`, and by the request
 * deadline counted from the request's arrival. A body still arriving at the deadline answers 408
 * REQUEST_TIMEOUT and closes the connection, so a trickling client holds it no longer; a body whose
 * connection goes away is the client's leaving (client-closed.ts), not the gateway's failure.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { readTextCapped } from '../contract/http.ts';
import { CamaraError, type CamaraCode } from '../errors.ts';
import { ClientClosedError } from './client-closed.ts';
import type { GatewayEnv } from './http-context.ts';

/** What reading a body can answer, besides what parsing it can. */
export const BODY_READ_ERRORS = ['CONTENT_TOO_LARGE', 'REQUEST_TIMEOUT'] as const satisfies readonly CamaraCode[];

export interface BodyBounds {
  maxBytes: number;
  /** Epoch ms by which the whole body must be in. */
  readBy: number;
  readWithinMs: number;
}

/**
 * Before any route reads a body: a declared Content-Length over the limit is refused from the
 * header alone, without touching the body stream (on Node that keeps @hono/node-server's direct
 * body read). Chunked bodies are counted as they are read.
 */
export function boundBody(maxBytes: number, readWithinMs: number): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    refuseDeclaredOver(c, maxBytes);
    c.set('bodyBounds', { maxBytes, readBy: (c.get('arrivedAt') ?? Date.now()) + readWithinMs, readWithinMs });
    await next();
  };
}

/** The body as text, within the bounds boundBody() set (a route mounted without them reads it unbounded). */
export async function readBodyText(c: Context<GatewayEnv>): Promise<string> {
  const bounds = c.get('bodyBounds');
  if (!bounds) return c.req.text();
  refuseDeclaredOver(c, bounds.maxBytes);
  const chunked = c.req.header('content-length') === undefined || c.req.header('transfer-encoding') !== undefined;
  const late = lateAfter(bounds.readBy - Date.now());
  try {
    if (!chunked) return await Promise.race([c.req.text(), late.promise]);
    // Not cancelled past the limit either: the server drains what is left after the 413.
    return await readTextCapped(c.req.raw.body, bounds.maxBytes, async () => tooLarge(bounds.maxBytes), late.promise);
  } catch (error) {
    // Anything else a body read can fail with is the connection going away under it.
    if (error !== late.expired) throw error instanceof CamaraError ? error : new ClientClosedError(error);
    // Node then ends the connection after the answer, whatever the client is still sending.
    c.header('connection', 'close');
    throw new CamaraError('REQUEST_TIMEOUT', `The request body did not arrive within the request deadline (${bounds.readWithinMs} ms).`);
  } finally {
    late.clear();
  }
}

/** A declared Content-Length over the limit, refused from the header alone. */
function refuseDeclaredOver(c: Context<GatewayEnv>, maxBytes: number): void {
  const declared = c.req.header('content-length');
  if (declared !== undefined && c.req.header('transfer-encoding') === undefined && parseInt(declared, 10) > maxBytes) throw tooLarge(maxBytes);
}

function tooLarge(maxBytes: number): CamaraError {
  return new CamaraError('CONTENT_TOO_LARGE', `The request body is larger than this gateway accepts (${maxBytes} bytes).`);
}

/** One instance for every request: only its identity is compared, and a stack trace per request is not free. */
const BODY_LATE = new Error('body read deadline');

/**
 * A promise that rejects with `expired` after `ms`. The reads it races are never cancelled: on Node
 * that would reset the connection before the answer is sent.
 */
function lateAfter(ms: number): { promise: Promise<never>; expired: Error; clear(): void } {
  const expired = BODY_LATE;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(expired), Math.max(0, ms));
  });
  return { promise, expired, clear: () => clearTimeout(timer) };
}
