import type { Context, Hono } from 'hono';
import type { CarrierContext } from '../../carrier.ts';
import type { CorrelatorRule } from '../../shared/camara-wire.ts';
import type { CamaraSettings } from '../settings.ts';
import type { OperatorState } from '../state.ts';

/** One API operation as a mock operator exposes it: POST `{base}{path}`, counted as `name` in stats. */
export interface OperationDefinition {
  /** Stats and fault-rule name, e.g. `sim-swap/v2/check`. */
  name: string;
  path: string;
  /** Default POST; GET for read operations such as Number Verification's /device-phone-number. */
  method?: 'GET' | 'POST';
  correlator: CorrelatorRule;
  handler: (c: Context) => Promise<Response>;
}

/** What an API module gets from the operator that mounts it. */
export interface CamaraApiDeps {
  ctx: CarrierContext;
  state: OperatorState;
  /** World operators this operator serves. */
  operators: ReadonlySet<string>;
  /** Run-time knobs (`PUT /_world/carriers/{id}/settings`); read them per request. */
  settings: CamaraSettings;
  /** RFC 3339 in the operator's own offset style. */
  formatTime: (instant: string | Date) => string;
  /** Registers an operation with request counting, x-correlator handling and fault injection. */
  operation: (definition: OperationDefinition) => void;
}

/** A CAMARA API family (SIM Swap, later Call Forwarding, Device Swap...) mountable on any operator. */
export interface CamaraApi<Options> {
  /** API scopes the operator's authorization server must know. */
  scopes: readonly string[];
  /** Legacy single-token purpose suffixes (`dpv:...#check-sim-swap`) and the scope each grants. */
  legacyScopeAliases: Readonly<Record<string, string>>;
  mount(app: Hono, deps: CamaraApiDeps, options: Options): void;
}
