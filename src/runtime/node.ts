/**
 * numtrust on Node: `npm start`. With NUMTRUST_CONFIG it serves that configuration; without it,
 * the embedded default: the mock carriers on MOCKS_PORT and a routing that covers the demo world.
 * PORT=0 (and MOCKS_PORT=0) bind ephemeral ports; the bound URLs are printed and logged.
 *
 * With `sharedState.kind: "redis"` (or NUMTRUST_REDIS_URL) the instances share rate limits, daily
 * caps, Number Verification sessions and cached answers through that server (src/runtime/redis-state.ts);
 * the gateway starts even while the server is unreachable, and connects when it answers.
 *
 * SIGTERM or SIGINT: new connections are refused, requests in flight finish (requests arriving on
 * open keep-alive connections get 503 and the connection closes), then the shared state, the
 * upstream pools and the mocks close and the process exits 0 once nothing is left open. After SHUTDOWN_GRACE_MS the
 * remaining connections are cut; a second signal exits at once with 1.
 */
import { serve, type ServerType } from '@hono/node-server';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { parseGatewayConfig, ConfigError } from '../config/load.ts';
import { lowerBackgroundThreads } from './background-priority.ts';
import type { GatewayConfig } from '../config/schema.ts';
import { createGateway } from '../gateway.ts';
import { serverWithRepeatFastPath } from './repeat-fast-path.ts';
import { createLogger, type LogLevel } from '../observability/logger.ts';
import { PrometheusMetrics } from '../observability/prometheus.ts';
// The embedded world (every mock carrier) is imported only when it starts: a gateway on a config file does not hold its code.
import type { EmbeddedWorld } from './embedded.ts';
import { closeServer, drainable } from './shutdown.ts';
import { swaggerUiFiles } from './swagger-ui-files.ts';
import { nodeHmacSha256, nodeSha256Hex } from './node-crypto.ts';
import { batchedStdout } from './batched-stdout.ts';
import { createUndiciHttpClient } from './undici-http.ts';
import type { Logger } from '../observability/logger.ts';
import type { SharedState } from '../shared-state/port.ts';

const env = process.env;

async function loadFileConfig(path: string): Promise<GatewayConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read NUMTRUST_CONFIG file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseGatewayConfig(json, env, path);
}

function listen(server: ServerType): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => resolve(server.address() as AddressInfo));
  });
}

/**
 * Node's own bounds, behind the app's (which answers a body still arriving at the request deadline
 * with a CAMARA 408 and closes the connection): headers in within 10 s, the whole request within the
 * deadline after them plus 2 s, or Node answers a bare 408 and closes. Checked every second rather
 * than every 30 s (Node's default), so the bounds hold to about a second.
 */
function serverTimeouts(requestDeadlineMs: number): { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number } {
  const headersTimeout = 10_000;
  return { headersTimeout, requestTimeout: headersTimeout + requestDeadlineMs + 2_000, connectionsCheckingInterval: 1_000 };
}

function banner(url: string, embedded: EmbeddedWorld | undefined): string {
  if (!embedded) return `numtrust listening on ${url}\n`;
  const demo = embedded.demoNumbers[0];
  return [
    '',
    `numtrust is running on ${url} with the embedded mock carriers at ${embedded.mocksUrl}`,
    '',
    `  Development API key: ${embedded.apiKey}${embedded.apiKeyGenerated ? '   (generated; set NUMTRUST_API_KEY to choose one)' : ''}`,
    `  Twilio webhook:      ${url}${embedded.twilioWebhookPath}   (POST; signed with NUMTRUST_TWILIO_AUTH_TOKEN)`,
    `  Twilio auth token:   ${embedded.twilioAuthToken}${embedded.twilioAuthTokenGenerated ? '   (generated; set NUMTRUST_TWILIO_AUTH_TOKEN to choose one)' : ''}`,
    `  Cache TTL in embedded mode: ${embedded.cacheTtlSeconds} s per signal, none for call state as in production (world changes show after that)`,
    '',
    '  Try it:',
    `  npx numtrust call ${demo} --action change_address   (an inbound call as Twilio plays it; NUMTRUST_TWILIO_AUTH_TOKEN set)`,
    `  curl -s ${url}/sim-swap/v2/check -H 'Authorization: Bearer ${embedded.apiKey}' \\`,
    `       -H 'content-type: application/json' -d '{"phoneNumber":"${demo}","maxAge":24}'`,
    '',
    `  Demo numbers: see mocks/README.md. Change the world: ${embedded.mocksUrl}/_world/subscribers`,
    '',
  ].join('\n');
}

/** How long start-up waits for the Redis server before serving without it (it connects later by itself). */
const SHARED_STATE_STARTUP_WAIT_MS = 2_000;

/** The shared state the config names, on Node: in memory (undefined: the gateway's own) or Redis. */
async function sharedStateFor(config: GatewayConfig, logger: Logger): Promise<SharedState | undefined> {
  const shared = config.sharedState;
  switch (shared.kind) {
    case 'memory':
      return undefined;
    case 'durable-objects':
      throw new ConfigError(
        'sharedState.kind "durable-objects" works on Cloudflare Workers only; on Node use "redis" (several instances) or "memory" (one instance)',
      );
    case 'redis': {
      // Loaded only when configured: a gateway on memory state does not hold the Redis client's code.
      const { redisSharedState } = await import('./redis-state.ts');
      const state = redisSharedState(shared, { logger });
      const connected = await state.ready(SHARED_STATE_STARTUP_WAIT_MS);
      logger.info('shared state: Redis', { keyPrefix: shared.keyPrefix, connected });
      return state;
    }
  }
}

/** The Workers-only second tiers are ignored on Node (the Redis shared state brings its own). */
function warnOfWorkersOnlyTier(config: GatewayConfig, logger: Logger): void {
  const store = config.cache.secondTier?.store;
  if (store === 'cache-api' || store === 'kv') logger.warn(`cache.secondTier "${store}" is a Cloudflare Workers feature; the Node gateway runs without it`);
}

async function main(): Promise<void> {
  const logger = createLogger({ level: (env.LOG_LEVEL as LogLevel | undefined) ?? 'info', write: batchedStdout() });
  logger.info('V8 background threads', lowerBackgroundThreads(env.NUMTRUST_V8_WORKER_NICENESS));
  const port = Number(env.PORT ?? 8080);
  const hostname = env.HOST ?? '127.0.0.1';

  const embedded = env.NUMTRUST_CONFIG
    ? undefined
    : await (await import('./embedded.ts')).startEmbeddedWorld({ mocksPort: Number(env.MOCKS_PORT ?? 8081), apiKey: env.NUMTRUST_API_KEY, twilioAuthToken: env.NUMTRUST_TWILIO_AUTH_TOKEN, env });
  const config = embedded ? embedded.config : await loadFileConfig(env.NUMTRUST_CONFIG!);

  warnOfWorkersOnlyTier(config, logger);
  const sharedState = await sharedStateFor(config, logger);
  const http = createUndiciHttpClient();
  const gateway = await createGateway(config, {
    http,
    logger,
    version: env.npm_package_version,
    metrics: new PrometheusMetrics(),
    hashing: { sha256Hex: nodeSha256Hex, hmacSha256: nodeHmacSha256 },
    swaggerUi: swaggerUiFiles(),
    sharedState,
    repeatAssessments: true,
  });
  const drain = drainable(gateway.app.fetch);
  const server = serve({
    fetch: drain.fetch,
    port,
    hostname,
    serverOptions: serverTimeouts(config.server.requestDeadlineMs),
    ...(gateway.repeats ? { createServer: serverWithRepeatFastPath({ repeats: gateway.repeats, draining: () => drain.draining }).createServer } : {}),
  });
  const address = await listen(server);
  const url = `http://${address.address}:${address.port}`;
  process.stdout.write(banner(url, embedded));
  logger.info('listening', { url, mocks: embedded?.mocksUrl });

  // Every request ends by its deadline (assessments may ask for up to 10 s); then some slack.
  const graceMs = Number(env.SHUTDOWN_GRACE_MS ?? Math.max(config.server.requestDeadlineMs, 10_000) + 2_000);
  const stop = async (signal: string) => {
    if (drain.draining) {
      logger.warn('second signal: exiting without waiting', { signal });
      process.exit(1);
    }
    drain.begin();
    logger.info('shutting down', { signal, graceMs });
    const connections = await closeServer(server, graceMs);
    await gateway.close();
    await sharedState?.close();
    await http.close();
    await embedded?.close();
    logger.info('stopped', { connections });
    // Exit by running out of work: a handle left open is a leak, reported rather than hidden.
    process.exitCode = 0;
    setTimeout(() => {
      logger.error('still running after shutdown: something was left open');
      process.exit(1);
    }, 5_000).unref();
  };
  const onSignal = (signal: string) => {
    stop(signal).catch((error: unknown) => {
      logger.error('shutdown failed', { error });
      process.exit(1);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : `numtrust failed to start: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
