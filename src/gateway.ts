import type { Hono } from 'hono';
import type { HttpClient } from './contract/http.ts';
import { createApp } from './app.ts';
import { ApiKeyStore, type Sha256Hex, type StoredKey } from './auth/api-keys.ts';
import { sha256Hex } from './contract/encoding.ts';
import type { GatewayConfig } from './config/schema.ts';
import { Engine } from './engine/engine.ts';
import { warmUpTokens } from './engine/token-warm-up.ts';
import type { Logger } from './observability/logger.ts';
import type { MetricsExporter } from './observability/observer.ts';
import type { HmacSha256 } from './contract/hmac.ts';
import type { NumberKeyer } from './resilience/number-key.ts';
import { runInBackground } from './contract/request-scope.ts';
import type { SharedAnswerStore } from './resilience/second-tier.ts';
import type { SharedState } from './shared-state/port.ts';
import { memorySharedState } from './shared-state/memory.ts';
import type { GatewayEnv } from './routes/http-context.ts';
import type { SwaggerUiAssets } from './openapi/swagger-ui.ts';

export interface Gateway {
  app: Hono<GatewayEnv>;
  engine: Engine;
  /** Settles when the start-up token warm-up has (at once when no provider has `auth.warmUp`); never rejects. */
  tokenWarmUp: Promise<void>;
  close(): Promise<void>;
}

export interface GatewayDependencies {
  http: HttpClient;
  logger: Logger;
  now?: () => number;
  keyer?: NumberKeyer;
  version?: string;
  /** The shared store behind `cache.secondTier` (Workers only). */
  secondTierStore?: SharedAnswerStore;
  /** What every instance must agree on (Node: Redis, src/runtime/redis-state.ts; Workers: Durable Objects); in memory when absent. The runtime closes it. */
  sharedState?: SharedState;
  /** Counts what the gateway does and serves it at GET /metrics (Node: src/observability/prometheus.ts). */
  metrics?: MetricsExporter;
  /** Swagger UI's files for /docs (Node: src/runtime/swagger-ui-files.ts); without them /docs loads them from a CDN. */
  swaggerUi?: SwaggerUiAssets;
  /** The runtime's own per-request hashing (Node: node:crypto, synchronous); Web Crypto when absent. */
  hashing?: { sha256Hex: Sha256Hex; hmacSha256: HmacSha256 };
}

/** Everything the gateway is, built from a validated config; runtime-free. */
export async function createGateway(config: GatewayConfig, deps: GatewayDependencies): Promise<Gateway> {
  const apiKeys = new ApiKeyStore(await storedKeys(config), deps.hashing?.sha256Hex);
  const sharedState =
    deps.sharedState ?? memorySharedState(deps.now, { recordMemoryMiB: config.sharedState.kind === 'memory' ? config.sharedState.recordMemoryMiB : undefined });
  const engine = new Engine(config, {
    sharedState,
    http: deps.http,
    now: deps.now,
    keyer: deps.keyer,
    hmacSha256: deps.hashing?.hmacSha256,
    secondTierStore: deps.secondTierStore,
    observer: deps.metrics,
  });
  deps.metrics?.watchBreakers(engine.breakers);
  deps.metrics?.watchCaches(() => engine.cacheSizes());
  const app = createApp(
    { config, engine, apiKeys, sharedState, logger: deps.logger, version: deps.version, swaggerUi: deps.swaggerUi, hmacSha256: deps.hashing?.hmacSha256 },
    deps.metrics,
  );
  // Not awaited: the gateway serves while its tokens are fetched (on Workers, within the first request's waitUntil).
  const tokenWarmUp = warmUpTokens(config.tenants.flatMap((tenant) => engine.tenant(tenant.id) ?? []), deps.logger);
  runInBackground(tokenWarmUp);
  return {
    app,
    engine,
    tokenWarmUp,
    close: () => engine.close(),
  };
}

async function storedKeys(config: GatewayConfig): Promise<StoredKey[]> {
  const keys: StoredKey[] = [];
  for (const tenant of config.tenants) {
    for (const key of tenant.apiKeys) {
      const sha256 = 'sha256' in key ? key.sha256 : await sha256Hex(key.key);
      keys.push({ id: key.id, tenantId: tenant.id, sha256, revoked: key.revoked });
    }
  }
  return keys;
}
