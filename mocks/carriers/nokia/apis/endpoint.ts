import type { Context } from 'hono';
import type { World } from '../../../world/world.ts';
import type { NacAuthorizationState } from '../authorization-state.ts';
import type { NacCoverage } from '../coverage.ts';

/** One NaC operation: `{method} {base}{path}` (POST unless said), counted in stats (and aimed at by faults) as `name`. */
export interface NacEndpoint {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  handler: (c: Context) => Promise<Response>;
}

export interface NacApiDeps {
  world: World;
  coverage: NacCoverage;
  /** Codes and 3-legged tokens of NaC's authorization server (Number Verification). */
  authorization: NacAuthorizationState;
}
