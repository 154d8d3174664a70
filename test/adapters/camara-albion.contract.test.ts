/** Albion: CIBA at /bc-authorize, client_secret_basic, full history; every API it serves, newest and older versions; Number Verification 2.1.0. */
import { createCamaraAdapter } from '../../adapters/camara/adapter.ts';
import { createUndiciHttpClient } from '../../src/runtime/undici-http.ts';
import { runAdapterContract } from './contract.ts';
import {
  CAMARA_SKIPS,
  camaraConfig,
  camaraEndpoint,
  cannotTellAnswers,
  FULL_HISTORY_SKIPS,
  NUMBERS,
  OPERATIONS,
  withNumberVerification,
} from './camara-profiles.ts';

runAdapterContract({
  name: 'albion: CIBA + client_secret_basic, SIM Swap v2, Device Swap v1, CFS v0.4, reachability/roaming v1, Scam Signal v0.3, Number Verification v2, over undici',
  carrierId: 'albion',
  operations: OPERATIONS.albion,
  http: () => createUndiciHttpClient(),
  makeAdapter: (network, http) => createCamaraAdapter(withNumberVerification(camaraConfig(network, 'albion')), { http }),
  makeAdapterWithBadCredentials: (network, http) =>
    createCamaraAdapter(withNumberVerification(camaraConfig(network, 'albion', { badCredentials: true })), { http }),
  endpointOf: camaraEndpoint({ simSwap: 'v2', callForwardingSignal: 'v0.4' }),
  ...NUMBERS.albion,
  cannotTell: cannotTellAnswers('albion'),
  numberVerification: { deviceIp: '100.64.10.2', otherLine: '+447700900003' },
  notReported: { callDirection: true },
  skip: { ...CAMARA_SKIPS, ...FULL_HISTORY_SKIPS },
});

runAdapterContract({
  name: 'albion: older versions: SIM Swap v1 (number in the body with a 3-legged token), CFS v0.3, over fetch',
  carrierId: 'albion',
  operations: OPERATIONS['albion-v1'],
  makeAdapter: (network, http) => createCamaraAdapter(camaraConfig(network, 'albion-v1'), { http }),
  makeAdapterWithBadCredentials: (network, http) =>
    createCamaraAdapter(camaraConfig(network, 'albion-v1', { badCredentials: true }), { http }),
  endpointOf: camaraEndpoint({ simSwap: 'v1', callForwardingSignal: 'v0.3' }),
  ...NUMBERS.albion,
  skip: FULL_HISTORY_SKIPS,
});
