/** Runtime-free variants of a gateway config for tests (the Node and the workerd suites). */
import type { GatewayConfig } from '../../src/config/schema.ts';

const OPERATOR_KINDS = new Set(['camara']);

/** Each demo range routed to its operator alone (no aggregator failover), to test one operator's behaviour. */
export function withOperatorsOnly(config: GatewayConfig): GatewayConfig {
  const operators = new Set(config.providers.filter((provider) => OPERATOR_KINDS.has(provider.kind)).map((provider) => provider.id));
  return {
    ...config,
    routes: config.routes.map((route) => ({
      ...route,
      providers: route.providers.filter((link) => operators.has(typeof link === 'string' ? link : link.id)),
    })),
  };
}

/** Every signal kind cached for `seconds` (0: never cached). */
export function withCacheTtl(config: GatewayConfig, seconds: number): GatewayConfig {
  return { ...config, cache: { ...config.cache, ttlSeconds: Object.fromEntries(Object.keys(config.cache.ttlSeconds).map((kind) => [kind, seconds])) } };
}
