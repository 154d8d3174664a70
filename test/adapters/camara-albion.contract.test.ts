/** Albion: CIBA at /bc-authorize, client_secret_basic, SIM Swap v2 and v1, full history. */
import { createCamaraAdapter } from '../../adapters/camara/adapter.ts';
import { createUndiciHttpClient } from '../../src/runtime/undici-http.ts';
import { runAdapterContract } from './contract.ts';
import { camaraConfig, NUMBERS, SIM_SWAP_OPERATIONS, simSwapEndpoint } from './camara-profiles.ts';

runAdapterContract({
  name: 'albion: CIBA + client_secret_basic, SIM Swap v2, over undici',
  carrierId: 'albion',
  operations: SIM_SWAP_OPERATIONS,
  http: () => createUndiciHttpClient(),
  makeAdapter: (network, http) => createCamaraAdapter(camaraConfig(network, 'albion'), { http }),
  makeAdapterWithBadCredentials: (network, http) =>
    createCamaraAdapter(camaraConfig(network, 'albion', { badCredentials: true }), { http }),
  endpointOf: simSwapEndpoint('v2'),
  ...NUMBERS.albion,
});

runAdapterContract({
  name: 'albion: CIBA + client_secret_basic, SIM Swap v1 (number in the body with a 3-legged token), over fetch',
  carrierId: 'albion',
  operations: SIM_SWAP_OPERATIONS,
  makeAdapter: (network, http) => createCamaraAdapter(camaraConfig(network, 'albion-v1'), { http }),
  makeAdapterWithBadCredentials: (network, http) =>
    createCamaraAdapter(camaraConfig(network, 'albion-v1', { badCredentials: true }), { http }),
  endpointOf: simSwapEndpoint('v1'),
  ...NUMBERS.albion,
});
