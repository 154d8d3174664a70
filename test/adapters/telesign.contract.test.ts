/** Telesign PhoneID (sim_swap, call_forward_detection, active_call_status add-ons) against the mock. */
import { createTelesignAdapter } from '../../adapters/telesign/adapter.ts';
import { PHONEID_ENDPOINT, TELESIGN_CARRIER_ID } from '../../mocks/carriers/telesign/carrier.ts';
import { telesignDevProvider } from '../../mocks/carriers/telesign/dev-credentials.ts';
import { createUndiciHttpClient } from '../../src/runtime/undici-http.ts';
import { carrierUrl } from '../support/mock-carriers.ts';
import { runAdapterContract, type AdapterContractOptions, type MockNetwork } from './contract.ts';

const OPERATIONS = [
  'sim_swap.check',
  'sim_swap.retrieve_date',
  'call_forwarding.unconditional',
  'call_forwarding.services',
  'call_state.retrieve',
  'line_type.retrieve',
] as const;

/** The add-on answers this status code for the number (inside the 200). */
const addOnStatus = (check: string, code: number) => (network: MockNetwork, phoneNumber: string) => {
  network.faults.add({ carrier: TELESIGN_CARRIER_ID, endpoint: PHONEID_ENDPOINT, phoneNumber, kind: 'check_error', check, code, times: 1 });
};
/** 2805 "no data" for this number: Telesign cannot tell. */
const noData = (check: string) => addOnStatus(check, 2805);
/** 2811: the add-on's source did not answer in time. */
const timedOut = (check: string) => addOnStatus(check, 2811);

const common = {
  carrierId: TELESIGN_CARRIER_ID,
  operations: OPERATIONS,
  endpointOf: () => PHONEID_ENDPOINT,
  // A GB line: active_call_status covers GB only.
  subject: '+447700900002',
  unknownNumber: '+447700900990',
  notApplicable: '+447700900008',
  cannotTell: {
    'sim_swap.check': noData('sim_swap'),
    'sim_swap.retrieve_date': noData('sim_swap'),
    'call_forwarding.unconditional': noData('call_forward_detection'),
    'call_forwarding.services': noData('call_forward_detection'),
    'call_state.retrieve': noData('active_call_status'),
  },
  checkFailed: {
    'sim_swap.check': timedOut('sim_swap'),
    'sim_swap.retrieve_date': timedOut('sim_swap'),
    'call_forwarding.unconditional': timedOut('call_forward_detection'),
    'call_forwarding.services': timedOut('call_forward_detection'),
    'call_state.retrieve': timedOut('active_call_status'),
  },
  notReported: { voipKind: true },
  skip: {
    'line_type.retrieve:unknown':
      'PhoneID classifies every number it knows (an unclassifiable one as 20 OTHER, a class); an answer without phone_type is in telesign-adapter.test.ts',
    'line_type.retrieve:check_failed': 'the line type is the base PhoneID answer: no add-on status that could fail inside it',
    'line_type.retrieve:not_supported': 'every line has a type: PhoneID classifies the IoT line (2 MOBILE) rather than refusing it',
    'call_forwarding.services:true':
      'Telesign reports one forwarding type: with unconditional forwarding on, the conditional services beneath it are not listed (covered for conditional-only states in telesign-adapter.test.ts)',
    'sim_swap.check:rejected':
      'the sim_swap add-on takes no look-back: the adapter reads the swap date against any maxAge, and Telesign refuses nothing as the caller’s mistake (its 28xx refusals are failures)',
  },
} satisfies Partial<AdapterContractOptions>;

runAdapterContract({
  ...common,
  name: 'telesign: PhoneID, HMAC digest, over fetch',
  makeAdapter: (network, http) => createTelesignAdapter(telesignDevProvider(carrierUrl(network, TELESIGN_CARRIER_ID)), { http }),
  makeAdapterWithBadCredentials: (network, http) =>
    createTelesignAdapter({ ...telesignDevProvider(carrierUrl(network, TELESIGN_CARRIER_ID)), apiKey: btoa('not the key of this account') }, { http }),
});

runAdapterContract({
  ...common,
  name: 'telesign: PhoneID, Basic, over undici',
  http: () => createUndiciHttpClient(),
  makeAdapter: (network, http) => createTelesignAdapter({ ...telesignDevProvider(carrierUrl(network, TELESIGN_CARRIER_ID)), auth: 'basic' }, { http }),
  makeAdapterWithBadCredentials: (network, http) =>
    createTelesignAdapter({ ...telesignDevProvider(carrierUrl(network, TELESIGN_CARRIER_ID)), auth: 'basic', apiKey: 'wrong-key' }, { http }),
});
