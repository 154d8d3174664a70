/**
 * HttpClient for Node: one pooled keep-alive undici Agent shared by every adapter.
 * Node-only (undici's llhttp WASM does not run on Workers): import it from the Node entry only.
 */
import { Agent, fetch as undiciFetch, request as undiciRequest } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  HttpBodyTooLargeError,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from '../contract/http.ts';
import { capResponseBody } from '../../adapters/fetch-http.ts';

export interface UndiciHttpClientOptions {
  /** Sockets per origin; default unlimited (undici's default). */
  connections?: number;
  /** Idle keep-alive socket lifetime; default 10 s. */
  keepAliveTimeoutMs?: number;
  /** TCP + TLS connect timeout; default 5 s. */
  connectTimeoutMs?: number;
}

export function createUndiciHttpClient(options: UndiciHttpClientOptions = {}): HttpClient {
  const agent = new Agent({
    connections: options.connections ?? null,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
    connectTimeout: options.connectTimeoutMs ?? 5_000,
  });

  async function send(request: HttpRequest): Promise<HttpResponse> {
    const limit = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    // undici.request never follows redirects (no redirect interceptor on this agent).
    const response = await undiciRequest(request.url, {
      dispatcher: agent,
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
    });
    const body = await readCapped(response.body, limit);
    return { status: response.statusCode, headers: toHeaders(response.headers), body };
  }

  const fetchThroughAgent = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher: agent,
      redirect: 'manual',
    });
    return capResponseBody(response as unknown as Response, DEFAULT_MAX_RESPONSE_BYTES);
  }) as typeof fetch;

  return {
    send,
    fetch: fetchThroughAgent,
    close: () => agent.close(),
  };
}

type UndiciBody = AsyncIterable<Uint8Array> & { destroy(error?: Error): unknown };

async function readCapped(body: UndiciBody, limit: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) {
      // Destroying an unfinished body makes undici abort the request and close the socket,
      // so the rest of the oversized response is never read.
      const error = new HttpBodyTooLargeError(limit);
      body.destroy(error);
      throw error;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function toHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value) headers.append(name, item);
    } else {
      headers.append(name, value);
    }
  }
  return headers;
}
