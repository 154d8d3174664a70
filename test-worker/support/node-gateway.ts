/**
 * Node only: the mock network and a Node gateway in front of it, configured exactly as the Worker
 * under test (same config, same secrets), so both answer for the same world. Used by the workerd
 * suite's global setup and by the parity script (scripts/parity-worker.ts).
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockNetwork } from '../../mocks/network.ts';
import { generateApiKey } from '../../src/auth/api-keys.ts';
import { parseGatewayConfig } from '../../src/config/load.ts';
import { createGateway } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import twilio from 'twilio';
import { EMBEDDED_TWILIO_WEBHOOK_PATH, embeddedConfig, generateTwilioAuthToken } from '../../src/runtime/embedded.ts';
import { createUndiciHttpClient } from '../../src/runtime/undici-http.ts';
import { workerConfigText, type WorkerWorld } from './world-info.ts';

export interface NodeGatewayOptions {
  log?: (line: string) => void;
  /** Cache TTL of every signal kind (0: off, so parity never compares an answer from an older world). */
  cacheTtlSeconds?: number;
}

export async function startNodeGatewayOverMocks(options: NodeGatewayOptions = {}): Promise<{
  world: WorkerWorld;
  close(): Promise<void>;
}> {
  const network = await startMockNetwork({ port: 0 });
  const secrets = {
    NUMTRUST_API_KEY: generateApiKey('nt_test_'),
    NUMTRUST_NUMBER_KEY_SECRET: generateApiKey('nk_test_'),
    NUMTRUST_TWILIO_AUTH_TOKEN: generateTwilioAuthToken(),
  };
  const configText = workerConfigText(embeddedConfig(network.url, secrets.NUMTRUST_API_KEY, options.cacheTtlSeconds ?? 0, { twilioAuthToken: secrets.NUMTRUST_TWILIO_AUTH_TOKEN }));
  const call = { From: '+447700900001', To: '+442079460000', CallSid: 'CA0123456789abcdef0123456789abcdef', Direction: 'inbound', CallStatus: 'ringing' };
  const http = createUndiciHttpClient();
  const gateway = await createGateway(parseGatewayConfig(JSON.parse(configText), secrets, 'NUMTRUST_CONFIG'), {
    http,
    logger: createLogger({ write: options.log ?? (() => {}) }),
  });
  const server = serve({ fetch: gateway.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    world: {
      mocksUrl: network.url,
      nodeGatewayUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      apiKey: secrets.NUMTRUST_API_KEY,
      configText,
      secrets,
      twilioCall: {
        path: EMBEDDED_TWILIO_WEBHOOK_PATH,
        body: new URLSearchParams(call).toString(),
        // The Worker's origin as the workerd suite names it (test-worker/support/worker-client.ts).
        signature: twilio.getExpectedTwilioSignature(secrets.NUMTRUST_TWILIO_AUTH_TOKEN, `http://127.0.0.1:8787${EMBEDDED_TWILIO_WEBHOOK_PATH}`, call),
      },
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await gateway.close();
      await http.close();
      await network.close();
    },
  };
}
