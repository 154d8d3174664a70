/**
 * HttpClient for Node: one pooled keep-alive undici Agent shared by every adapter.
 * Node-only (undici's llhttp WASM does not run on Workers): import it from the Node entry only.
 */
import { Agent, fetch as undiciFetch } from 'undici';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from '../contract/http.ts';
import { capResponseBody } from '../../adapters/fetch-http.ts';
import { dispatchBuffered } from './buffered-dispatch.ts';

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

  // Never follows redirects: no redirect interceptor on this agent.
  const send = (request: HttpRequest): Promise<HttpResponse> => dispatchBuffered(agent, request, request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);

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
