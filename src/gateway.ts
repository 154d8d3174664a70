import type { Hono } from 'hono';
import type { HttpClient } from './contract/http.ts';
import { createApp, type RepeatAnswering } from './app.ts';
import { RepeatedAssessments } from './routes/repeated-assessments.ts';
import { ApiKeyStore, type Sha256Hex, type StoredKey } from './auth/api-keys.ts';
import { sha256Hex } from './contract/encoding.ts';
import type { GatewayConfig } from './config/schema.ts';
import { Engine } from './engine/engine.ts';
import { warmUpTokens } from './engine/token-warm-up.ts';
import type { Logger } from './observability/logger.ts';
import type { CacheSizes, MetricsExporter } from './observability/observer.ts';
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
  /** With `GatewayDependencies.repeatAssessments`: what the runtime's fast path for repeated assessments needs. */
  repeats?: RepeatAnswering;
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
  /** Assessments remember their bodies, for a runtime that answers repeats ahead of the app (Node: src/runtime/repeat-fast-path.ts). */
  repeatAssessments?: boolean;
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
  const bodies = deps.repeatAssessments ? new RepeatedAssessments(deps.hashing?.hmacSha256, deps.now) : undefined;
  deps.metrics?.watchCaches(() => withRepeats(engine.cacheSizes(), bodies));
  const { app, repeats } = createApp(
    { config, engine, apiKeys, sharedState, logger: deps.logger, version: deps.version, swaggerUi: deps.swaggerUi, hmacSha256: deps.hashing?.hmacSha256 },
    deps.metrics,
    bodies,
  );
  // Not awaited: the gateway serves while its tokens are fetched (on Workers, within the first request's waitUntil).
  const tokenWarmUp = warmUpTokens(config.tenants.flatMap((tenant) => engine.tenant(tenant.id) ?? []), deps.logger);
  runInBackground(tokenWarmUp);
  return {
    app,
    ...(deps.repeatAssessments ? { repeats } : {}),
    engine,
    tokenWarmUp,
    close: () => engine.close(),
  };
}

function withRepeats(sizes: CacheSizes, bodies: RepeatedAssessments | undefined): CacheSizes {
  if (!bodies) return sizes;
  return { entries: { ...sizes.entries, repeats: bodies.size }, bytes: { ...sizes.bytes, repeats: bodies.approximateBytes } };
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
