/**
 * Calls the Worker's default export the way the platform does, fetch(request, env, ctx), inside
 * workerd, with env = NUMTRUST_CONFIG (the embedded config, adjusted per test) plus its secrets.
 * worker.ts keeps one gateway per config text, so each client's text is made unique: a new client
 * is a fresh gateway (empty LRU, closed breakers, no sessions), as a fresh isolate would be.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { inject } from 'vitest';
import { createFetchHttpClient } from '../../adapters/fetch-http.ts';
import { parseGatewayConfig } from '../../src/config/load.ts';
import type { GatewayConfig } from '../../src/config/schema.ts';
import { createGateway, type Gateway } from '../../src/gateway.ts';
import { silentLogger } from '../../src/observability/logger.ts';
import worker from '../../src/runtime/worker.ts';
import { jsonAnswerOf, type JsonAnswer } from '../../test/support/json-answer.ts';

/** Names the Worker's origin in request URLs (a loopback one, which the mock operators accept as a callback); never dialled. */
export const WORKER_ORIGIN = 'http://127.0.0.1:8787';

export type Answer = JsonAnswer;

export interface WorkerClient {
  apiKey: string;
  bindings: Record<string, unknown>;
  /** One request through the Worker's fetch handler; background work (ctx.waitUntil) is awaited unless told otherwise. */
  fetch(input: string | URL, init?: RequestInit): Promise<Response>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Answer>;
  get(path: string, headers?: Record<string, string>): Promise<Answer>;
}

export interface WorkerClientOptions {
  /** Adjust the embedded config (its secrets stay `$env` references). */
  configure?: (config: GatewayConfig) => GatewayConfig;
  /** Extra or replaced bindings. */
  bindings?: Record<string, unknown>;
  /** Wait for the work handed to ctx.waitUntil before answering (default true). */
  awaitBackgroundWork?: boolean;
}

let clients = 0;

export function workerClient(options: WorkerClientOptions = {}): WorkerClient {
  const world = inject('numtrust');
  const config = JSON.parse(world.configText) as GatewayConfig;
  const configText = JSON.stringify(options.configure ? options.configure(config) : config) + ' '.repeat(++clients);
  const bindings: Record<string, unknown> = { ...env, NUMTRUST_CONFIG: configText, ...world.secrets, ...options.bindings };

  async function fetchWorker(input: string | URL, init?: RequestInit): Promise<Response> {
    const context = createExecutionContext();
    const response = await worker.fetch(new Request(new URL(input, WORKER_ORIGIN), init), bindings, context);
    const body = await response.arrayBuffer();
    if (options.awaitBackgroundWork !== false) await waitOnExecutionContext(context);
    return new Response(response.status === 204 || response.status === 304 ? null : body, response);
  }

  const keyed = (headers: Record<string, string>) => ({ authorization: `Bearer ${world.apiKey}`, ...headers });
  return {
    apiKey: world.apiKey,
    bindings,
    fetch: fetchWorker,
    post: (path, body, headers = {}) =>
      fetchWorker(path, {
        method: 'POST',
        headers: keyed({ 'content-type': 'application/json', ...headers }),
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }).then(answerOf),
    get: (path, headers = {}) => fetchWorker(path, { headers: keyed(headers) }).then(answerOf),
  };
}

export const answerOf = jsonAnswerOf;

/** The Worker's config as the Worker reads it (secrets resolved from the bindings). */
export function workerConfig(): GatewayConfig {
  const { configText, secrets } = inject('numtrust');
  return parseGatewayConfig(JSON.parse(configText), secrets, 'NUMTRUST_CONFIG');
}

/** A gateway built in this isolate with the platform's fetch, for tests that drive the engine itself. */
export function gatewayInIsolate(config: GatewayConfig): Promise<Gateway> {
  return createGateway(config, { http: createFetchHttpClient(), logger: silentLogger });
}
