import type { Context } from 'hono';

/** The carrier's real answer to a request, read so a fault can deliver it badly. */
export interface RealAnswer {
  status: number;
  /** Its headers without content-length and transfer-encoding: the fault decides those. */
  headers: Headers;
  body: Uint8Array<ArrayBuffer>;
}

/** Statuses whose responses cannot carry a body (the Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export async function takeAnswer(c: Context): Promise<RealAnswer> {
  const response = c.res;
  const body = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  headers.delete('transfer-encoding');
  return { status: response.status, headers, body };
}

/**
 * Replaces the response. Assigning c.res over a response makes Hono copy the old one's headers
 * (its content-length too) onto the new one; clearing it first keeps the headers given here.
 */
export function replaceAnswer(c: Context, body: BodyInit | null, status: number, headers: Headers): void {
  c.res = undefined;
  c.res = new Response(NULL_BODY_STATUSES.has(status) ? null : body, { status, headers });
}

export function jsonHeaders(from: Headers, contentLength?: number): Headers {
  const headers = new Headers(from);
  headers.set('content-type', 'application/json');
  if (contentLength !== undefined) headers.set('content-length', String(contentLength));
  return headers;
}
