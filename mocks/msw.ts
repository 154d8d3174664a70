/**
 * The mock carriers as msw request handlers on the vendors' real hosts (`numtrust/mocks/msw`): a
 * test suite that calls Twilio, Telesign, Vonage, Nokia Network as Code or a CAMARA operator with
 * the vendors' own SDKs gets answers from one simulated world, in process, with no ports.
 * See mocks/README.md ("msw handlers for your own tests").
 */
import { Hono } from 'hono';
import type { HttpHandler } from 'msw';
import type { CarrierKind, MockCarrier } from './carriers/carrier.ts';
import { createCamaraOperator } from './carriers/camara/carrier.ts';
import { CAMARA_PROFILES, type CamaraProfile } from './carriers/camara/profiles.ts';
import { AGGREGATOR_CARRIERS } from './carriers/registry.ts';
import { FaultRegistry } from './faults/registry.ts';
import { forwardTo, type CarrierMount } from './msw/forward.ts';
import { normalizeOrigin, originMatches, VENDOR_ORIGINS, type OriginMatcher, type VendorKind } from './msw/vendor-origins.ts';
import { RequestStats } from './stats.ts';
import defaultScenario from './world/scenarios/default.json' with { type: 'json' };
import { World, type Clock } from './world/world.ts';

export { MOCK_CREDENTIALS } from './msw/dev-credentials.ts';
export { VENDOR_ORIGINS, type OriginMatcher, type VendorKind } from './msw/vendor-origins.ts';
export type { FaultRule, FaultRuleInput } from './faults/rule.ts';

export interface MockCarrierHandlersOptions {
  /** A world to share; else one is made from `scenario` (default mocks/world/scenarios/default.json) and `clock`. */
  world?: World;
  scenario?: unknown;
  /** Milliseconds since the epoch: the world, token lifetimes and CIBA timing read it. */
  clock?: Clock;
  /** CAMARA operators to answer, by base URL (= API root and OIDC issuer): `{ 'https://api.albion.example/camara': 'albion' }`. */
  camaraOperators?: Readonly<Record<string, string>>;
  /** Profiles `camaraOperators` names; default the three of mocks/carriers/camara/profiles.ts. */
  camaraProfiles?: readonly CamaraProfile[];
  /** Origins per vendor instead of VENDOR_ORIGINS' (`{ twilio: ['https://lookups.example.test'] }`); `[]` leaves a vendor out. */
  vendorOrigins?: Partial<Record<VendorKind, readonly OriginMatcher[]>>;
}

export interface MockCarrierHandlers {
  /** Pass to msw's `setupServer(...handlers)` or `server.use(...handlers)`. */
  handlers: HttpHandler[];
  world: World;
  stats: RequestStats;
  faults: FaultRegistry;
  /** A mounted carrier by id (`twilio`, `telesign`, `vonage`, `nokia`, or a CAMARA operator's): its settings. */
  carrier(id: string): MockCarrier;
  /** Back to the start: the scenario reloaded, no fault rules, counters and carrier settings cleared. */
  reset(): void;
}

export function createMockCarrierHandlers(options: MockCarrierHandlersOptions = {}): MockCarrierHandlers {
  const world = options.world ?? new World(options.scenario ?? defaultScenario, options.clock);
  const stats = new RequestStats();
  const faults = new FaultRegistry();
  const context = { world, stats, faults };

  const mounts: Array<{ carrier: MockCarrier; mount: CarrierMount }> = [];
  for (const aggregator of AGGREGATOR_CARRIERS) {
    const carrier = aggregator.create({ ...context, basePath: '' });
    if (!isVendor(carrier.kind)) continue;
    const origins = options.vendorOrigins?.[carrier.kind] ?? VENDOR_ORIGINS[carrier.kind];
    if (origins.length === 0) continue;
    mounts.push({ carrier, mount: { matchesOrigin: (origin) => originMatches(origins, origin), basePath: '', fetch: carrier.app.fetch } });
  }
  for (const [baseUrl, operatorId] of Object.entries(options.camaraOperators ?? {})) {
    const profile = profileOf(options.camaraProfiles ?? CAMARA_PROFILES, operatorId);
    if (mounts.some(({ carrier }) => carrier.id === profile.id)) throw new Error(`camaraOperators: "${operatorId}" has more than one base URL`);
    const origin = normalizeOrigin(baseUrl);
    const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
    const carrier = createCamaraOperator(profile, { ...context, basePath });
    mounts.push({ carrier, mount: { matchesOrigin: (candidate) => candidate === origin, basePath, fetch: mountedAt(basePath, carrier) } });
  }

  const byId = new Map(mounts.map(({ carrier }) => [carrier.id, carrier]));
  return {
    // The operators first: a base URL chosen on a vendor's origin wins over the vendor.
    handlers: mounts.toReversed().map(({ mount }) => forwardTo(mount)),
    world,
    stats,
    faults,
    carrier(id) {
      const carrier = byId.get(id);
      if (!carrier) throw new Error(`no mock carrier "${id}" among ${[...byId.keys()].join(', ')}`);
      return carrier;
    },
    reset() {
      world.reset();
      faults.clear();
      stats.reset();
      for (const carrier of byId.values()) carrier.settings.reset();
    },
  };
}

function isVendor(kind: CarrierKind): kind is VendorKind {
  return kind !== 'camara';
}

function profileOf(profiles: readonly CamaraProfile[], id: string): CamaraProfile {
  const profile = profiles.find((candidate) => candidate.id === id);
  if (!profile) throw new Error(`camaraOperators: no CAMARA operator "${id}" (known: ${profiles.map((p) => p.id).join(', ')})`);
  return profile;
}

function mountedAt(basePath: string, carrier: MockCarrier): (request: Request) => Response | Promise<Response> {
  if (basePath === '') return carrier.app.fetch;
  return new Hono().route(basePath, carrier.app).fetch;
}
