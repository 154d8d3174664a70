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
