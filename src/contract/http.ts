/**
 * The one door adapters use to reach an upstream. Node satisfies it with pooled undici
 * (src/runtime/undici-http.ts); Workers and tests with the platform fetch (adapters/fetch-http.ts).
 * Redirects are never followed and response bodies are capped.
 */

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Larger bodies fail with HttpBodyTooLargeError; defaults to DEFAULT_MAX_RESPONSE_BYTES. */
  maxResponseBytes?: number;
}

/** What adapters read of an answer's headers; a WHATWG Headers satisfies it. */
export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  body: string;
}

export interface HttpClient {
  send(request: HttpRequest): Promise<HttpResponse>;
  /** A fetch for libraries that want one (openid-client). Same pool, same limits, redirects not followed. */
  fetch: typeof fetch;
  close(): Promise<void>;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

export class HttpBodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`upstream response body exceeds ${limit} bytes`);
    this.name = 'HttpBodyTooLargeError';
  }
}

/** Reads a body stream up to a limit, cancelling the stream when the limit is passed. */
export function readBodyCapped(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  return readTextCapped(stream, limit, async (reader) => {
    await reader.cancel().catch(() => {});
    return new HttpBodyTooLargeError(limit);
  });
}

/**
 * Reads a stream as UTF-8 text, at most `limit` bytes; past it, `overLimit` says what to throw (and
 * whether to cancel the stream first). Each read also races `until`, which rejects to give up waiting.
 */
export async function readTextCapped(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
  overLimit: (reader: ReadableStreamDefaultReader<Uint8Array>) => Promise<Error>,
  until?: Promise<never>,
): Promise<string> {
  if (!stream) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await (until ? Promise.race([reader.read(), until]) : reader.read());
    if (done) break;
    size += value.byteLength;
    if (size > limit) throw await overLimit(reader);
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}
