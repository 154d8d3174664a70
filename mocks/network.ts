import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { adminApp } from './admin/admin.ts';
import type { CarrierKind, MockCarrier } from './carriers/carrier.ts';
import { createCamaraOperator } from './carriers/camara/carrier.ts';
import { CAMARA_PROFILES, type CamaraProfile } from './carriers/camara/profiles.ts';
import { AGGREGATOR_CARRIERS } from './carriers/registry.ts';
import { FaultRegistry } from './faults/registry.ts';
import { RequestStats } from './stats.ts';
import defaultScenario from './world/scenarios/default.json' with { type: 'json' };
import { World, type Clock } from './world/world.ts';

export type { FaultRule, FaultRuleInput } from './faults/rule.ts';

export interface MockNetworkOptions {
  /** Scenario JSON (see mocks/world/scenario.ts); default mocks/world/scenarios/default.json. */
  scenario?: unknown;
  /** Milliseconds since the epoch; the world, token lifetimes and CIBA timing all read it. */
  clock?: Clock;
  /** CAMARA operator profiles to mount; default the three in mocks/carriers/camara/profiles.ts. */
  camaraProfiles?: readonly CamaraProfile[];
}

export interface CarrierInfo {
  id: string;
  kind: CarrierKind;
  /** `/carriers/<id>`: the base URL (= OIDC issuer) is the server origin + this path. */
  basePath: string;
  /** World operator ids the carrier answers for. */
  operators: readonly string[];
}

export interface MockNetwork {
  /** One Hono app: `/_world/*` admin API and every carrier under `/carriers/<id>`. */
  app: Hono;
  world: World;
  carriers: CarrierInfo[];
  stats: RequestStats;
  faults: FaultRegistry;
  /** The mounted carriers themselves (settings, description). */
  carrier: (id: string) => MockCarrier;
}

export interface StartMockNetworkOptions extends MockNetworkOptions {
  /** 0 (default) = an ephemeral port. The server always binds 127.0.0.1. */
  port?: number;
}

export interface RunningCarrier extends CarrierInfo {
  baseUrl: string;
}

export interface RunningMockNetwork {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  world: World;
  carriers: RunningCarrier[];
  stats: RequestStats;
  faults: FaultRegistry;
  carrier: (id: string) => MockCarrier;
  /** Stops listening and drops keep-alive connections (and requests held by `hang` faults). */
  close(): Promise<void>;
}

export const HOSTNAME = '127.0.0.1';

export function createMockNetwork(options: MockNetworkOptions = {}): MockNetwork {
  const world = new World(options.scenario ?? defaultScenario, options.clock);
  const stats = new RequestStats();
  const faults = new FaultRegistry();
  const mounted: MockCarrier[] = [
    ...(options.camaraProfiles ?? CAMARA_PROFILES).map((profile) =>
      createCamaraOperator(profile, { world, stats, faults, basePath: `/carriers/${profile.id}` }),
    ),
    ...AGGREGATOR_CARRIERS.map((carrier) => carrier.create({ world, stats, faults, basePath: `/carriers/${carrier.id}` })),
  ];

  const app = new Hono();
  app.route('/_world', adminApp({ world, carriers: mounted, stats, faults }));
  for (const carrier of mounted) app.route(carrier.basePath, carrier.app);
  app.notFound((c) => c.json({ status: 404, code: 'NOT_FOUND', message: `no route ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
  app.onError((error, c) => {
    console.error('[mocks]', error);
    return c.json({ status: 500, code: 'INTERNAL', message: 'mock network error' }, 500);
  });

  const byId = new Map(mounted.map((carrier) => [carrier.id, carrier]));
  return {
    app,
    world,
    carriers: mounted.map(({ id, kind, basePath, operators }) => ({ id, kind, basePath, operators })),
    stats,
    faults,
    carrier(id) {
      const carrier = byId.get(id);
      if (!carrier) throw new Error(`no mock carrier "${id}"`);
      return carrier;
    },
  };
}

export async function startMockNetwork(options: StartMockNetworkOptions = {}): Promise<RunningMockNetwork> {
  const network = createMockNetwork(options);
  const server = await new Promise<Server>((resolve, reject) => {
    // overrideGlobalObjects: false keeps the test process's global Request/Response untouched.
    const started = serve(
      { fetch: network.app.fetch, port: options.port ?? 0, hostname: HOSTNAME, overrideGlobalObjects: false },
      () => resolve(started),
    ) as Server;
    started.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${HOSTNAME}:${port}`;
  return {
    url,
    port,
    world: network.world,
    carriers: network.carriers.map((carrier) => ({ ...carrier, baseUrl: `${url}${carrier.basePath}` })),
    stats: network.stats,
    faults: network.faults,
    carrier: network.carrier,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

