/** Nokia Network as Code through RapidAPI: every operation it offers, Number Verification in both of NaC's flows, against the mock NaC. */
import { createNokiaAdapter } from '../../adapters/nokia/adapter.ts';
import type { NokiaProviderConfigInput } from '../../adapters/nokia/config.ts';
import { NOKIA_CARRIER_ID } from '../../mocks/carriers/nokia/carrier.ts';
import { nokiaDevProvider } from '../../mocks/carriers/nokia/dev-credentials.ts';
import { beyondWindow, neverAttached, runAdapterContract, type Arrangement, type MockNetwork } from './contract.ts';
import { NOKIA_ENDPOINTS, NOKIA_NUMBERS, NOKIA_OPERATIONS_OFFERED, addNokiaIotLine, nokiaUrl } from './nokia-support.ts';

/** NaC passes on the operator's 501 NOT_IMPLEMENTED where the operator does not offer the forwarding list (liberty does so). */
const noForwardingList: Arrangement = (network, phoneNumber) => {
  network.faults.add({ carrier: NOKIA_CARRIER_ID, endpoint: NOKIA_ENDPOINTS['call_forwarding.services'], phoneNumber, kind: 'status', status: 501, times: 1 });
};

const ANSWERS_OR_FAILS = 'NaC has no "cannot tell" answer for this API: it answers or fails (a 503 UNAVAILABLE is a failure, the server_error case)';

function runNacContract(name: string, numberVerification: NokiaProviderConfigInput['numberVerification']): void {
  const config = (network: MockNetwork): NokiaProviderConfigInput => ({ ...nokiaDevProvider(nokiaUrl(network)), numberVerification });
  runAdapterContract({
    name,
    carrierId: NOKIA_CARRIER_ID,
    operations: NOKIA_OPERATIONS_OFFERED,
    prepareWorld: (network) => addNokiaIotLine(network),
    makeAdapter: (network, http) => createNokiaAdapter(config(network), { http }),
    makeAdapterWithBadCredentials: (network, http) => createNokiaAdapter({ ...config(network), rapidApiKey: 'not-a-rapidapi-key' }, { http }),
    endpointOf: (operation) => NOKIA_ENDPOINTS[operation],
    subject: NOKIA_NUMBERS.subject,
    unknownNumber: NOKIA_NUMBERS.unknown,
    notApplicable: NOKIA_NUMBERS.iot,
    cannotTell: {
      // Device Swap 1.0.0: a line with no device history at all answers 422 ("no data").
      'device_swap.check': neverAttached,
      'device_swap.retrieve_date': neverAttached,
      'call_forwarding.services': noForwardingList,
    },
    // The device flow through NaC's authorization server: the subject's data session; another brightwave line.
    numberVerification: { deviceIp: '100.64.20.2', otherLine: '+447700900501' },
    // The subject is a brightwave line: a 7-day window.
    rejected: beyondWindow(7),
    skip: {
      'sim_swap.check:unknown': ANSWERS_OR_FAILS,
      'sim_swap.retrieve_date:unknown': `${ANSWERS_OR_FAILS}; latestSimChange null is "no change within the operator's window"`,
      'call_forwarding.unconditional:unknown': ANSWERS_OR_FAILS,
      'reachability.retrieve:unknown': ANSWERS_OR_FAILS,
      'roaming.retrieve:unknown': ANSWERS_OR_FAILS,
    },
  });
}

runNacContract('nokia: Network as Code through RapidAPI (brightwave line), Number Verification fast flow (NaC redeems the code in /verify)', {});
runNacContract("nokia: Number Verification's standard flow (the code redeemed at NaC's token endpoint, /verify with the Bearer)", { flow: 'standard' });
