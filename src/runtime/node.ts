/**
 * numtrust on Node: `npm start`. With NUMTRUST_CONFIG it serves that configuration; without it,
 * the embedded default: the mock carriers on MOCKS_PORT and a routing that covers the demo world.
 */
import { serve, type ServerType } from '@hono/node-server';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { parseGatewayConfig, ConfigError } from '../config/load.ts';
import type { GatewayConfig } from '../config/schema.ts';
import { createGateway } from '../gateway.ts';
import { createLogger, type LogLevel } from '../observability/logger.ts';
import { startEmbeddedWorld, type EmbeddedWorld } from './embedded.ts';
import { createUndiciHttpClient } from './undici-http.ts';

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

function banner(url: string, embedded: EmbeddedWorld | undefined): string {
  if (!embedded) return `numtrust listening on ${url}\n`;
  const demo = embedded.demoNumbers[0];
  return [
    '',
    `numtrust is running on ${url} with the embedded mock carriers at ${embedded.mocksUrl}`,
    '',
    `  Development API key: ${embedded.apiKey}${embedded.apiKeyGenerated ? '   (generated; set NUMTRUST_API_KEY to choose one)' : ''}`,
    `  Cache TTL in embedded mode: ${embedded.cacheTtlSeconds} s per signal (world changes show after that)`,
    '',
    '  Try it:',
    `  curl -s ${url}/sim-swap/v2/check -H 'Authorization: Bearer ${embedded.apiKey}' \\`,
    `       -H 'content-type: application/json' -d '{"phoneNumber":"${demo}","maxAge":24}'`,
    '',
    `  Demo numbers: see mocks/README.md. Change the world: ${embedded.mocksUrl}/_world/subscribers`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const logger = createLogger({ level: (env.LOG_LEVEL as LogLevel | undefined) ?? 'info' });
  const port = Number(env.PORT ?? 8080);
  const hostname = env.HOST ?? '127.0.0.1';

  const embedded = env.NUMTRUST_CONFIG
    ? undefined
    : await startEmbeddedWorld({ mocksPort: Number(env.MOCKS_PORT ?? 8081), apiKey: env.NUMTRUST_API_KEY });
  const config = embedded ? embedded.config : await loadFileConfig(env.NUMTRUST_CONFIG!);

  const http = createUndiciHttpClient();
  const gateway = await createGateway(config, { http, logger, version: env.npm_package_version });
  const server = serve({ fetch: gateway.app.fetch, port, hostname });
  const address = await listen(server);
  const url = `http://${address.address}:${address.port}`;
  process.stdout.write(banner(url, embedded));

  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { reason });
    // Refuse new connections, let in-flight requests finish, then release upstream pools.
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    });
    await gateway.close();
    await http.close();
    await embedded?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : `numtrust failed to start: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
