/** Liberty: CIBA at /bc_authorize (underscore), private_key_jwt (ES256), 90-day windows, CFS v0.4 without /call-forwardings. */
import { createCamaraAdapter } from '../../adapters/camara/adapter.ts';
import { addIotLine } from '../support/mock-carriers.ts';
import { beyondWindow, runAdapterContract } from './contract.ts';
import { CAMARA_SKIPS, camaraConfig, camaraEndpoint, cannotTellAnswers, NUMBERS, OPERATIONS } from './camara-profiles.ts';

runAdapterContract({
  name: 'liberty: CIBA + private_key_jwt, SIM Swap v2, Device Swap v1, CFS v0.4 (unconditional only), reachability/roaming v1, Scam Signal v0.3',
  carrierId: 'liberty',
  operations: OPERATIONS.liberty,
  prepareWorld: (network) => addIotLine(network, 'liberty', NUMBERS.liberty.notApplicable),
  makeAdapter: (network, http) => createCamaraAdapter(camaraConfig(network, 'liberty'), { http }),
  makeAdapterWithBadCredentials: (network, http) =>
    createCamaraAdapter(camaraConfig(network, 'liberty', { badCredentials: true }), { http }),
  endpointOf: camaraEndpoint({ simSwap: 'v2', callForwardingSignal: 'v0.4' }),
  ...NUMBERS.liberty,
  cannotTell: cannotTellAnswers('liberty'),
  rejected: beyondWindow(90),
  notReported: { callDirection: true },
  skip: CAMARA_SKIPS,
});
