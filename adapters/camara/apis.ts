/**
 * The CAMARA APIs the generic client speaks, by their key under `apis` in the provider config.
 * Adding an API = a module producing CamaraOperations + one line here + one key in config.ts.
 */
import type { CamaraApisConfig } from './config.ts';
import type { AnyCamaraOperation } from './operation.ts';
import { simSwapOperations } from './sim-swap.ts';

export function configuredOperations(apis: CamaraApisConfig): AnyCamaraOperation[] {
  const operations: AnyCamaraOperation[] = [];
  if (apis.simSwap) operations.push(...simSwapOperations(apis.simSwap));
  return operations;
}
