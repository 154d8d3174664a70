/** Liberty: CIBA at /bc_authorize (underscore), private_key_jwt (ES256), SIM Swap v2, 90-day window. */
import { createCamaraAdapter } from '../../adapters/camara/adapter.ts';
import { runAdapterContract } from './contract.ts';
import { addIotLine, camaraConfig, NUMBERS, SIM_SWAP_OPERATIONS, simSwapEndpoint } from './camara-profiles.ts';

runAdapterContract({
  name: 'liberty: CIBA + private_key_jwt, SIM Swap v2',
  carrierId: 'liberty',
  operations: SIM_SWAP_OPERATIONS,
  prepareWorld: (network) => addIotLine(network, 'liberty', NUMBERS.liberty.notApplicable),
  makeAdapter: (network, http) => createCamaraAdapter(camaraConfig(network, 'liberty'), { http }),
  makeAdapterWithBadCredentials: (network, http) =>
    createCamaraAdapter(camaraConfig(network, 'liberty', { badCredentials: true }), { http }),
  endpointOf: simSwapEndpoint('v2'),
  ...NUMBERS.liberty,
});
