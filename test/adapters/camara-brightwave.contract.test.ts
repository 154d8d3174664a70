/** Brightwave: client credentials (2-legged), client_secret_post, 7-day windows, CFS v0.3 only, reachability but no roaming or call state; Number Verification 2.0.0. */
import { createCamaraAdapter } from '../../adapters/camara/adapter.ts';
import { addIotLine } from '../support/mock-carriers.ts';
import { beyondWindow, runAdapterContract } from './contract.ts';
import {
  CAMARA_SKIPS,
  camaraConfig,
  camaraEndpoint,
  cannotTellAnswers,
  NUMBERS,
  OPERATIONS,
  withNumberVerification,
} from './camara-profiles.ts';

runAdapterContract({
  name: 'brightwave: client credentials + client_secret_post, SIM Swap v2, Device Swap v1, CFS v0.3, reachability v1, Number Verification v2',
  carrierId: 'brightwave',
  operations: OPERATIONS.brightwave,
  prepareWorld: (network) => addIotLine(network, 'brightwave', NUMBERS.brightwave.notApplicable),
  makeAdapter: (network, http) => createCamaraAdapter(withNumberVerification(camaraConfig(network, 'brightwave')), { http }),
  makeAdapterWithBadCredentials: (network, http) =>
    createCamaraAdapter(withNumberVerification(camaraConfig(network, 'brightwave', { badCredentials: true })), { http }),
  endpointOf: camaraEndpoint({ simSwap: 'v2', callForwardingSignal: 'v0.3' }),
  ...NUMBERS.brightwave,
  cannotTell: cannotTellAnswers('brightwave'),
  rejected: beyondWindow(7),
  numberVerification: { deviceIp: '100.64.20.2', otherLine: '+447700900501' },
  skip: CAMARA_SKIPS,
});
