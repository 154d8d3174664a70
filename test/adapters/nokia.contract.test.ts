/** Nokia Network as Code through RapidAPI: every operation it offers, against the mock NaC. */
import { createNokiaAdapter } from '../../adapters/nokia/adapter.ts';
import { NOKIA_CARRIER_ID } from '../../mocks/carriers/nokia/carrier.ts';
import { nokiaDevProvider } from '../../mocks/carriers/nokia/dev-credentials.ts';
import type { OperationId } from '../../src/contract/signals.ts';
import { runAdapterContract, type MockNetwork } from './contract.ts';
import { NOKIA_ENDPOINTS, NOKIA_NUMBERS, NOKIA_OPERATIONS_OFFERED, addNokiaIotLine, nokiaUrl } from './nokia-support.ts';

/** The network's own "cannot tell": CAMARA 503 UNAVAILABLE (NaC has no per-check error inside a 200). */
const networkCannotTell = (operation: OperationId) => (network: MockNetwork, phoneNumber: string) => {
  network.faults.add({ carrier: NOKIA_CARRIER_ID, endpoint: NOKIA_ENDPOINTS[operation], phoneNumber, kind: 'status', status: 503, times: 1 });
};

/** Device Swap 1.0.0: a line with no device history at all answers 422 ("no data"). */
const noDeviceHistory = (network: MockNetwork, phoneNumber: string) => {
  const current = network.world.get(phoneNumber)!;
  network.world.put(phoneNumber, { ...current, activatedAt: null, deviceChangedAt: null });
};

runAdapterContract({
  name: 'nokia: Network as Code through RapidAPI (brightwave line)',
  carrierId: NOKIA_CARRIER_ID,
  operations: NOKIA_OPERATIONS_OFFERED,
  prepareWorld: (network) => addNokiaIotLine(network),
  makeAdapter: (network, http) => createNokiaAdapter(nokiaDevProvider(nokiaUrl(network)), { http }),
  makeAdapterWithBadCredentials: (network, http) =>
    createNokiaAdapter({ ...nokiaDevProvider(nokiaUrl(network)), rapidApiKey: 'not-a-rapidapi-key' }, { http }),
  endpointOf: (operation) => NOKIA_ENDPOINTS[operation],
  subject: NOKIA_NUMBERS.subject,
  unknownNumber: NOKIA_NUMBERS.unknown,
  notApplicable: NOKIA_NUMBERS.iot,
  unknownAnswer: {
    'sim_swap.check': networkCannotTell('sim_swap.check'),
    'sim_swap.retrieve_date': networkCannotTell('sim_swap.retrieve_date'),
    'device_swap.check': noDeviceHistory,
    'device_swap.retrieve_date': noDeviceHistory,
    'call_forwarding.unconditional': networkCannotTell('call_forwarding.unconditional'),
    'call_forwarding.services': networkCannotTell('call_forwarding.services'),
    'reachability.retrieve': networkCannotTell('reachability.retrieve'),
    'roaming.retrieve': networkCannotTell('roaming.retrieve'),
  },
});
