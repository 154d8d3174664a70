import type { Context } from 'hono';
import type { World } from '../../../world/world.ts';
import type { NacCoverage } from '../coverage.ts';

/** One NaC operation: POST `{base}{path}`, counted in stats (and aimed at by faults) as `name`. */
export interface NacEndpoint {
  name: string;
  path: string;
  handler: (c: Context) => Promise<Response>;
}

export interface NacApiDeps {
  world: World;
  coverage: NacCoverage;
}

/** Phone number as CAMARA 1.x/2.x define it (SIM Swap 0.4 is laxer: see sim-swap.ts). */
export const E164_PATTERN = /^\+[1-9][0-9]{4,14}$/;
