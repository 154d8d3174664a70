/**
 * numtrust on Cloudflare Workers: the same app, configured from bindings. NUMTRUST_CONFIG holds
 * the JSON config; its `{ "$env": "NAME" }` references are read from the Worker's secrets and vars.
 * Nothing runs at module scope: the gateway is built inside the first request and rebuilt only
 * when the config text changes. Each request runs in its own request scope, so no promise started
 * by one request is ever awaited by another (src/contract/request-scope.ts).
 */
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { createFetchHttpClient } from '../../adapters/fetch-http.ts';
import { parseGatewayConfig } from '../config/load.ts';
import { createGateway, type Gateway } from '../gateway.ts';
import { createLogger, type Logger } from '../observability/logger.ts';
import { runInBackground, runInRequestScope } from '../contract/request-scope.ts';
import { secondTierStoreFor } from './worker-stores.ts';
import type { SharedStateConfig } from '../config/schema.ts';
import type { SharedState } from '../shared-state/port.ts';
import { durableObjectsSharedState } from './durable-objects/shared-state.ts';

// The Durable Object classes of `sharedState.kind: "durable-objects"`: wrangler.toml binds them by these names.
export { NvSession } from './durable-objects/nv-session.ts';
export { RecordedAssessment } from './durable-objects/recorded-assessment.ts';
export { TenantLimits } from './durable-objects/tenant-limits.ts';

export interface WorkerBindings {
  NUMTRUST_CONFIG?: string;
  [name: string]: unknown;
}

/** The part of Workers' ExecutionContext the gateway uses. */
export interface WorkerContext {
  waitUntil(work: Promise<unknown>): void;
}

const BindingsSchema = z.looseObject({
  NUMTRUST_CONFIG: z
    .string({ error: 'the NUMTRUST_CONFIG binding (the gateway config as JSON) is not set' })
    .min(2, 'the NUMTRUST_CONFIG binding is empty'),
});

class WorkerConfigError extends Error {}

/**
 * Gateways by config text. Production has one (a new config is a new deployment, a new isolate);
 * tests switch configs in one isolate. A gateway pushed out is closed, so its timers go with it.
 */
let gateways: LRUCache<string, Gateway> | undefined;
const MAX_GATEWAYS_PER_ISOLATE = 8;
let workerLogger: Logger | undefined;

async function gatewayFor(bindings: WorkerBindings, logger: Logger): Promise<Gateway> {
  const checked = BindingsSchema.safeParse(bindings);
  if (!checked.success) throw new WorkerConfigError(z.prettifyError(checked.error));
  const configText = checked.data.NUMTRUST_CONFIG;
  gateways ??= new LRUCache<string, Gateway>({ max: MAX_GATEWAYS_PER_ISOLATE, dispose: (gateway) => runInBackground(gateway.close()) });
  const known = gateways.get(configText);
  if (known) return known;

  let raw: unknown;
  try {
    raw = JSON.parse(configText);
  } catch {
    throw new WorkerConfigError('NUMTRUST_CONFIG is not valid JSON');
  }
  const env = Object.fromEntries(Object.entries(bindings).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  let config;
  try {
    config = parseGatewayConfig(raw, env, 'NUMTRUST_CONFIG');
  } catch (error) {
    throw new WorkerConfigError((error as Error).message);
  }
  let secondTierStore;
  if (config.cache.secondTier) {
    const store = secondTierStoreFor(config.cache.secondTier, bindings);
    // The tier only saves upstream calls: without its store the gateway still answers everything.
    if (typeof store === 'string') logger.error('second cache tier disabled', { reason: store });
    else secondTierStore = store;
  }
  const sharedState = sharedStateFor(config.sharedState, bindings);
  const built = await createGateway(config, { http: createFetchHttpClient(), logger, secondTierStore, sharedState });
  // The gateway does not own the shared state: closing one closes both.
  const gateway = { ...built, close: () => built.close().then(() => sharedState?.close()) };
  gateways.set(configText, gateway);
  return gateway;
}

/** What every isolate shares: Durable Objects, or nothing (each isolate its own memory, the default). */
function sharedStateFor(config: SharedStateConfig, bindings: WorkerBindings): SharedState | undefined {
  switch (config.kind) {
    case 'memory':
      return undefined;
    case 'redis':
      throw new WorkerConfigError('sharedState.kind "redis" needs the Node runtime: Redis clients do not run on Workers; use "durable-objects" (docs/workers.md)');
    case 'durable-objects': {
      const state = durableObjectsSharedState(config, bindings);
      if (typeof state === 'string') throw new WorkerConfigError(state);
      return state;
    }
  }
}

export default {
  fetch(request: Request, bindings: WorkerBindings, context?: WorkerContext): Promise<Response> {
    const scope = { id: crypto.randomUUID(), waitUntil: context ? (work: Promise<unknown>) => context.waitUntil(work) : undefined };
    // Building the gateway belongs to the request too: what it starts (a token warm-up) is this request's work.
    return runInRequestScope(scope, async () => {
      const logger = (workerLogger ??= createLogger());
      let gateway: Gateway;
      try {
        gateway = await gatewayFor(bindings, logger);
      } catch (error) {
        const reason = error instanceof WorkerConfigError ? error.message : 'the gateway could not be built';
        logger.error('gateway unavailable', { reason });
        return Response.json(
          { status: 503, code: 'UNAVAILABLE', message: 'The gateway is not configured correctly; see its logs' },
          { status: 503 },
        );
      }
      return gateway.app.fetch(request, bindings, context as never);
    });
  },
};
