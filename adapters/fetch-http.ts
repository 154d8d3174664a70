/**
 * HttpClient over the platform fetch: Cloudflare Workers, tests, anything without undici.
 * Runtime-free: no node: imports.
 */
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  HttpBodyTooLargeError,
  readBodyCapped,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from '../src/contract/http.ts';

export function createFetchHttpClient(fetchImpl: typeof fetch = globalThis.fetch): HttpClient {
  // Called through a local binding, never as a method: Workers' fetch throws "Illegal invocation"
  // when `this` is some other object.
  const platformFetch = fetchImpl;

  async function send(request: HttpRequest): Promise<HttpResponse> {
    const response = await platformFetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      redirect: 'manual',
    });
    const body = await readBodyCapped(response.body, request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    return { status: response.status, headers: response.headers, body };
  }

  const cappedFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await platformFetch(input, { ...init, redirect: 'manual' });
    return capResponseBody(response, DEFAULT_MAX_RESPONSE_BYTES);
  }) as typeof fetch;

  return {
    send,
    fetch: cappedFetch,
    async close() {},
  };
}

/** Statuses whose Response may not carry a body (the Response constructor throws otherwise). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Wraps a fetch Response so that reading more than `limit` bytes of its body fails with
 * HttpBodyTooLargeError and cancels the underlying stream. For libraries (openid-client)
 * that read the body themselves.
 */
export function capResponseBody(response: Response, limit: number): Response {
  if (!response.body || NULL_BODY_STATUSES.has(response.status)) return response;
  let size = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      size += chunk.byteLength;
      if (size > limit) {
        controller.error(new HttpBodyTooLargeError(limit));
        return;
      }
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(counter), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
