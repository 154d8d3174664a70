/**
 * Graceful shutdown on Node: stop listening (new connections are refused), let requests in
 * flight finish, answer requests that still arrive on open keep-alive connections with 503 and
 * close those connections, and give up waiting after a grace period.
 */
import type { ServerType } from '@hono/node-server';
import { CamaraError } from '../errors.ts';

type Fetch = (request: Request, ...rest: never[]) => Response | Promise<Response>;

export interface Drain<F extends Fetch> {
  /** The app's fetch while serving; once draining, refuses new requests and closes each connection after its answer. */
  fetch: F;
  begin(): void;
  readonly draining: boolean;
}

export function drainable<F extends Fetch>(fetch: F): Drain<F> {
  let draining = false;
  const wrapped = (async (request: Request, ...rest: never[]) => {
    if (draining) return withConnectionClose(shuttingDown());
    const response = await fetch(request, ...rest);
    return draining ? withConnectionClose(response) : response;
  }) as unknown as F;
  return {
    fetch: wrapped,
    begin: () => {
      draining = true;
    },
    get draining() {
      return draining;
    },
  };
}

function shuttingDown(): Response {
  const error = new CamaraError('UNAVAILABLE', 'The gateway is shutting down; retry on a new connection.', { retryAfterSeconds: 1 });
  return Response.json(error.toBody(), { status: error.status, headers: { 'retry-after': '1' } });
}

/** Node ends the keep-alive connection after this answer, so the server can finish closing. */
function withConnectionClose(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('connection', 'close');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Stops accepting connections and waits for the open ones to end: 'drained' when they all did,
 * 'forced' when the grace period ran out first and the rest were cut.
 */
export function closeServer(server: ServerType, graceMs: number): Promise<'drained' | 'forced'> {
  const node = server as ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      node.closeAllConnections?.();
      resolve('forced');
    }, graceMs);
    server.close(() => {
      clearTimeout(timer);
      resolve('drained');
    });
    node.closeIdleConnections?.();
  });
}
