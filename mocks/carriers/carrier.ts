import type { Hono, MiddlewareHandler } from 'hono';
import type { FaultRegistry } from '../faults/registry.ts';
import type { RequestStats } from '../stats.ts';
import type { World } from '../world/world.ts';
import type { ProviderKind } from '../../adapters/providers.ts';

/** Mock carriers mirror the adapters: one kind each. */
export type CarrierKind = ProviderKind;

/** What every mock carrier gets from the network it is mounted in. */
export interface CarrierContext {
  world: World;
  stats: RequestStats;
  faults: FaultRegistry;
  /** Path the carrier is mounted under (`/carriers/albion`); its base URL is the request origin + this. */
  basePath: string;
}

/** Run-time knobs of a carrier (approval delays, token lifetimes...), changed through the admin API. */
export interface CarrierSettings {
  get(): Record<string, unknown>;
  /** Merges a partial update; throws ZodError when invalid. */
  update(patch: unknown): Record<string, unknown>;
  reset(): void;
}

/** One line per fact a developer needs to point a client at the carrier (flows, credentials). */
export type CarrierDescription = Array<[label: string, value: string]>;

export interface MockCarrier {
  id: string;
  kind: CarrierKind;
  /** World operator ids whose subscribers this carrier answers for. */
  operators: readonly string[];
  basePath: string;
  app: Hono;
  settings: CarrierSettings;
  describe(): CarrierDescription;
}

/** Counts every request to one endpoint of a carrier, whatever happens to it afterwards. */
export function countRequests(stats: RequestStats, carrier: string, endpoint: string): MiddlewareHandler {
  return async (_c, next) => {
    stats.increment(carrier, endpoint);
    await next();
  };
}

/** `http://127.0.0.1:8081` + `/carriers/albion`: the issuer always equals what the client used. */
export function baseUrlOf(requestUrl: string, basePath: string): string {
  return `${new URL(requestUrl).origin}${basePath}`;
}
