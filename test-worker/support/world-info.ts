/** What the Node side hands the workerd tests: where things listen and the Worker's bindings. */
import type { GatewayConfig } from '../../src/config/schema.ts';

export interface WorkerWorld {
  mocksUrl: string;
  /** A Node gateway over the same mocks with the same config, for parity. */
  nodeGatewayUrl: string;
  apiKey: string;
  /** NUMTRUST_CONFIG: the embedded config, with its secrets as `$env` references. */
  configText: string;
  /** The secrets those references name (Worker secrets in production). */
  secrets: { NUMTRUST_API_KEY: string; NUMTRUST_NUMBER_KEY_SECRET: string; NUMTRUST_TWILIO_AUTH_TOKEN: string };
  /** A ringing inbound call to tenant default's Twilio webhook, signed on the Node side by the official `twilio` package. */
  twilioCall: { path: string; body: string; signature: string };
}

declare module 'vitest' {
  interface ProvidedContext {
    numtrust: WorkerWorld;
  }
}

/** The config as a Worker binding holds it: secrets out of the text, read from other bindings. */
export function workerConfigText(config: GatewayConfig): string {
  return JSON.stringify({
    ...config,
    tenants: config.tenants.map((tenant) => ({
      ...tenant,
      apiKeys: tenant.apiKeys.map((key) => ({ ...key, key: { $env: 'NUMTRUST_API_KEY' } })),
      ...(tenant.voice?.twilio ? { voice: { ...tenant.voice, twilio: { ...tenant.voice.twilio, authToken: { $env: 'NUMTRUST_TWILIO_AUTH_TOKEN' } } } } : {}),
    })),
    numberKeySecret: { $env: 'NUMTRUST_NUMBER_KEY_SECRET' },
  });
}

/**
 * The Worker's config as deployed: its shared state in the Durable Objects wrangler.toml binds
 * (TENANT_LIMITS, NV_SESSIONS). The Node gateway it is compared with keeps its own memory.
 */
export function withDurableObjects(configText: string): string {
  return JSON.stringify({ ...JSON.parse(configText), sharedState: { kind: 'durable-objects' } });
}
