/**
 * Starts the mock carriers and a gateway in front of them, both on 127.0.0.1 with ephemeral
 * ports, talking real HTTP through the same undici client production uses.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { startMockNetwork } from '../../mocks/network.ts';
import { generateApiKey } from '../../src/auth/api-keys.ts';
import type { GatewayConfig } from '../../src/config/schema.ts';
import { createGateway, type Gateway } from '../../src/gateway.ts';
import type { SharedState } from '../../src/shared-state/port.ts';
import { createLogger, type Logger } from '../../src/observability/logger.ts';
import { PrometheusMetrics } from '../../src/observability/prometheus.ts';
import { embeddedConfig } from '../../src/runtime/embedded.ts';
import { createUndiciHttpClient } from '../../src/runtime/undici-http.ts';
import { nodeHmacSha256, nodeSha256Hex } from '../../src/runtime/node-crypto.ts';
import { serverWithRepeatFastPath, type RepeatCounts } from '../../src/runtime/repeat-fast-path.ts';
import { withOperatorsOnly } from './config-variants.ts';

export type MockNetwork = Awaited<ReturnType<typeof startMockNetwork>>;

export interface TestGateway {
  url: string;
  apiKey: string;
  gateway: Gateway;
  network: MockNetwork;
  logLines: string[];
  /** With `repeatFastPath`: what the fast path answered and handed on. */
  repeatCounts?: RepeatCounts;
  /** With `repeatFastPath`: set `now` to make the fast path see a draining server. */
  draining: { now: boolean };
  /** POST JSON with the API key; returns status, headers and parsed body. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  /** Route each demo range to its operator alone (no aggregator failover), to test one operator's behaviour. */
  operatorsOnly?: boolean;
  /** Adjust the embedded config (timeouts, breaker, cache) before the gateway starts. */
  configure?: (config: GatewayConfig) => GatewayConfig;
  cacheTtlSeconds?: number;
  /** Count with prom-client and serve GET /metrics, as the Node runtime does. */
  metrics?: boolean;
  /** A mock network already running (shared by several gateways; close() leaves it running). */
  network?: MockNetwork;
  /** The embedded tenant's API key (several gateways of one deployment share it); generated when absent. */
  apiKey?: string;
  /** What the gateway shares with others (src/runtime/redis-state.ts); in memory when absent. The caller closes it. */
  sharedState?: SharedState;
  /** Serve as the Node runtime does: node:crypto hashing, repeated assessments answered ahead of the app (src/runtime/repeat-fast-path.ts). */
  repeatFastPath?: boolean;
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const network = options.network ?? (await startMockNetwork({ port: 0 }));
  const apiKey = options.apiKey ?? generateApiKey('nt_test_');
  const embedded = embeddedConfig(network.url, apiKey, options.cacheTtlSeconds ?? 60);
  const base = options.operatorsOnly ? withOperatorsOnly(embedded) : embedded;
  const config = options.configure ? options.configure(base) : base;
  const logLines: string[] = [];
  const logger: Logger = createLogger({ write: (line) => logLines.push(line) });
  const http = createUndiciHttpClient();
  const gateway = await createGateway(config, {
    http,
    logger,
    metrics: options.metrics ? new PrometheusMetrics() : undefined,
    sharedState: options.sharedState,
    ...(options.repeatFastPath ? { hashing: { sha256Hex: nodeSha256Hex, hmacSha256: nodeHmacSha256 }, repeatAssessments: true } : {}),
  });
  const draining = { now: false };
  const fastPath = gateway.repeats ? serverWithRepeatFastPath({ repeats: gateway.repeats, draining: () => draining.now }) : undefined;
  const server = serve({ fetch: gateway.app.fetch, port: 0, hostname: '127.0.0.1', ...(fastPath ? { createServer: fastPath.createServer } : {}) });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiKey,
    gateway,
    network,
    logLines,
    repeatCounts: fastPath?.counts,
    draining,
    async post(path, body, headers = {}) {
      const response = await fetch(url + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await gateway.close();
      await http.close();
      if (!options.network) await network.close();
    },
  };
}
