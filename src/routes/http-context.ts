import type { SharedState } from '../shared-state/port.ts';
import type { Engine } from '../engine/engine.ts';
import type { Logger } from '../observability/logger.ts';
import type { ApiKeyStore } from '../auth/api-keys.ts';
import type { GatewayConfig } from '../config/schema.ts';
import type { SwaggerUiAssets } from '../openapi/swagger-ui.ts';
import type { BodyBounds } from './request-body.ts';
import type { HmacSha256 } from '../contract/hmac.ts';

/** What every route may read from the request context. */
export interface GatewayVariables {
  /** Epoch ms the request arrived at: every deadline of the request counts from it (request-clock.ts). */
  arrivedAt: number;
  /** Set before the routes: how large the body may be and by when it must be in (request-body.ts). */
  bodyBounds?: BodyBounds;
  correlator: string;
  tenantId: string;
  /** Set by routes that asked a provider, for the access log and response headers. */
  provider?: string;
}

export type GatewayEnv = { Variables: GatewayVariables };

export interface AppDependencies {
  config: GatewayConfig;
  engine: Engine;
  apiKeys: ApiKeyStore;
  logger: Logger;
  /** Rate limits and Number Verification sessions, shared by every instance (src/shared-state/port.ts). */
  sharedState: SharedState;
  /** Reported by /health. */
  version?: string;
  /** Swagger UI's files for /docs (Node); without them the page loads them from a CDN. */
  swaggerUi?: SwaggerUiAssets;
  /** The runtime's HMAC for per-request signing (Node: node:crypto, synchronous); Web Crypto when absent. */
  hmacSha256?: HmacSha256;
}
