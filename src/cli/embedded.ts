/**
 * --embedded: the mock carriers over the demo world and a gateway in front of them, in this
 * process, on 127.0.0.1 ephemeral ports, for one CLI run.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { startMockNetwork } from '../../mocks/network.ts';
import { generateApiKey } from '../auth/api-keys.ts';
import { createGateway } from '../gateway.ts';
import { createLogger } from '../observability/logger.ts';
import { embeddedConfig, generateTwilioAuthToken } from '../runtime/embedded.ts';
import { closeServer } from '../runtime/shutdown.ts';
import { createUndiciHttpClient } from '../runtime/undici-http.ts';
import { UnreachableError } from './errors.ts';
import { targetServices, type Target } from './target.ts';

const CLOSE_GRACE_MS = 1_000;

/** No answer cache: a world change made earlier in the same run shows in the next command. */
const NO_CACHE_TTL_SECONDS = 0;

export async function startEmbeddedTarget(): Promise<Target> {
  try {
    return await start();
  } catch (error) {
    throw new UnreachableError(`the embedded gateway did not start: ${(error as Error).message}`);
  }
}

async function start(): Promise<Target> {
  const network = await startMockNetwork({ port: 0 });
  const apiKey = generateApiKey('nt_cli_');
  const twilioAuthToken = generateTwilioAuthToken();
  const http = createUndiciHttpClient();
  // Only errors, and on stderr: stdout is the command's answer.
  const logger = createLogger({ level: 'error', write: (line) => process.stderr.write(`${line}\n`) });
  const gateway = await createGateway(embeddedConfig(network.url, apiKey, NO_CACHE_TTL_SECONDS, { twilioAuthToken }), { http, logger });
  const server = serve({ fetch: gateway.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return targetServices({ mode: 'embedded', gatewayUrl, mocksUrl: network.url, apiKey, twilioAuthToken }, async () => {
    // Every answer has been read by now: the keep-alive connections are idle and close at once.
    await closeServer(server, CLOSE_GRACE_MS);
    // The adapters abort their own background work (token mints, OIDC discovery); the mock
    // carriers stop next and cut whatever else is still in flight to them (a `hang` fault holds a
    // request until then), so closing the HTTP client waits for nothing.
    await gateway.close();
    await network.close();
    await http.close();
  });
}
