/**
 * A client that went away before its answer (closed the connection mid-body, or while the gateway
 * waited on a provider) is an outcome of its own, `client_closed`: status 499 in the access log and
 * the metrics, as nginx counts it. Never a 500 nor an error line: nothing went wrong here. Nobody
 * reads the answer, so it has no body.
 */
import type { MiddlewareHandler } from 'hono';
import type { GatewayEnv } from './http-context.ts';

export const CLIENT_CLOSED_STATUS = 499;

/** Reading the request failed because the client's connection went away. */
export class ClientClosedError extends Error {
  constructor(cause: unknown) {
    super('the client closed the connection before the request was read', { cause });
    this.name = 'ClientClosedError';
  }
}

export function clientClosedResponse(): Response {
  return new Response(null, { status: CLIENT_CLOSED_STATUS });
}

/**
 * Inside the access log and the metrics, so both see the 499: whatever a route answered, a request
 * whose client left before the answer was written (its signal aborted: Node aborts it when the
 * connection closes early, Workers when the client disconnects) is client_closed.
 */
export function answerClientClosed(): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    await next();
    if (c.req.raw.signal.aborted) c.res = clientClosedResponse();
  };
}
