/** Brightwave: client credentials (2-legged), client_secret_post, 7-day windows, CFS v0.3 only, reachability but no roaming or call state. */
import { createCamaraAdapter } from '../../adapters/camara/adapter.ts';
import { addIotLine } from '../support/mock-carriers.ts';
import { runAdapterContract } from './contract.ts';
import { CAMARA_SKIPS, camaraConfig, camaraEndpoint, NUMBERS, OPERATIONS, unknownAnswers } from './camara-profiles.ts';

runAdapterContract({
  name: 'brightwave: client credentials + client_secret_post, SIM Swap v2, Device Swap v1, CFS v0.3, reachability v1',
  carrierId: 'brightwave',
  operations: OPERATIONS.brightwave,
  prepareWorld: (network) => addIotLine(network, 'brightwave', NUMBERS.brightwave.notApplicable),
  makeAdapter: (network, http) => createCamaraAdapter(camaraConfig(network, 'brightwave'), { http }),
  makeAdapterWithBadCredentials: (network, http) =>
    createCamaraAdapter(camaraConfig(network, 'brightwave', { badCredentials: true }), { http }),
  endpointOf: camaraEndpoint({ simSwap: 'v2', callForwardingSignal: 'v0.3' }),
  ...NUMBERS.brightwave,
  unknownAnswer: unknownAnswers('brightwave'),
  skip: CAMARA_SKIPS,
});
