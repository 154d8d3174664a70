import { ServerResponse } from 'node:http';
import type { Context } from 'hono';

/** The Node response behind a request served by @hono/node-server; absent in-process (`app.request`). */
function nodeResponseOf(c: Context): ServerResponse | undefined {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  return outgoing instanceof ServerResponse ? outgoing : undefined;
}

/**
 * Resets the request's TCP connection (RST) once the headers and what was written of the body have
 * left the process, so the client receives them and then the reset. False when there is no socket.
 */
export async function resetConnection(c: Context): Promise<boolean> {
  const outgoing = nodeResponseOf(c);
  if (!outgoing?.socket) return false;
  const flushed = () => outgoing.headersSent && outgoing.writableLength === 0;
  for (let turn = 0; turn < 1000 && !flushed() && !outgoing.destroyed; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  // One more turn of the event loop lets the client read those bytes before the reset arrives.
  await new Promise((resolve) => setImmediate(resolve));
  const socket = outgoing.socket;
  if (socket && !socket.destroyed) socket.resetAndDestroy();
  return true;
}
