/** Brightwave: client credentials (2-legged), client_secret_post, SIM Swap v2, 7-day window. */
import { createCamaraAdapter } from '../../adapters/camara/adapter.ts';
import { runAdapterContract } from './contract.ts';
import { addIotLine, camaraConfig, NUMBERS, SIM_SWAP_OPERATIONS, simSwapEndpoint } from './camara-profiles.ts';

runAdapterContract({
  name: 'brightwave: client credentials + client_secret_post, SIM Swap v2',
  carrierId: 'brightwave',
  operations: SIM_SWAP_OPERATIONS,
  prepareWorld: (network) => addIotLine(network, 'brightwave', NUMBERS.brightwave.notApplicable),
  makeAdapter: (network, http) => createCamaraAdapter(camaraConfig(network, 'brightwave'), { http }),
  makeAdapterWithBadCredentials: (network, http) =>
    createCamaraAdapter(camaraConfig(network, 'brightwave', { badCredentials: true }), { http }),
  endpointOf: simSwapEndpoint('v2'),
  ...NUMBERS.brightwave,
});
