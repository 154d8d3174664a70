/** Vonage Identity Insights: every operation the adapter offers, against the mock Vonage carrier. */
import { exportPKCS8, generateKeyPair } from 'jose';
import { createVonageAdapter } from '../../adapters/vonage/adapter.ts';
import { VONAGE_OPERATIONS } from '../../adapters/vonage/config.ts';
import { IDENTITY_INSIGHTS_ENDPOINT, VONAGE_CARRIER_ID } from '../../mocks/carriers/vonage/carrier.ts';
import { vonageDevProvider } from '../../mocks/carriers/vonage/dev-credentials.ts';
import { carrierUrl } from '../support/mock-carriers.ts';
import { neverAttached, runAdapterContract, type MockNetwork } from './contract.ts';

/** A valid RS256 key that the mock's application does not know: every JWT signed with it is refused. */
const unregisteredKey = await exportPKCS8((await generateKeyPair('RS256', { extractable: true })).privateKey);

/** The insight comes back with a status that is no answer (inside the 200). */
const insightStatus = (check: string, code: string) => (network: MockNetwork, phoneNumber: string) => {
  network.faults.add({ carrier: VONAGE_CARRIER_ID, endpoint: IDENTITY_INSIGHTS_ENDPOINT, phoneNumber, kind: 'check_error', check, code, times: 1 });
};

/** A period beyond Identity Insights' 2400 hours: refused before anything is sent. */
const BEYOND_PERIOD = { code: 'OUT_OF_RANGE', params: { maxAgeHours: 2401 } } as const;
/** The insight says the number is not in E.164 (inside the 200). */
const invalidNumber = (check: string) => ({ code: 'INVALID_ARGUMENT', arrange: insightStatus(check, 'INVALID_NUMBER_FORMAT') }) as const;

runAdapterContract({
  name: 'vonage: Identity Insights with an application JWT (brightwave line)',
  carrierId: VONAGE_CARRIER_ID,
  operations: VONAGE_OPERATIONS,
  makeAdapter: (network, http) => createVonageAdapter(vonageDevProvider(carrierUrl(network, VONAGE_CARRIER_ID)), { http }),
  makeAdapterWithBadCredentials: (network, http) =>
    createVonageAdapter({ ...vonageDevProvider(carrierUrl(network, VONAGE_CARRIER_ID)), privateKey: unregisteredKey }, { http }),
  endpointOf: () => IDENTITY_INSIGHTS_ENDPOINT,
  subject: '+447700900502',
  unknownNumber: '+447700900990',
  notApplicable: '+447700900008',
  notReported: { countryCode: true, voipKind: true },
  skip: {
    'line_type.retrieve:not_supported': 'every line has a type: current_carrier classifies the IoT line (mobile) rather than refusing it',
  },
  cannotTell: {
    'sim_swap.check': insightStatus('sim_swap', 'PARTIAL_SUCCESS'),
    // No swap and no activation date on record: the date is omitted under PARTIAL_SUCCESS.
    'sim_swap.retrieve_date': neverAttached,
    'device_swap.check': insightStatus('device_swap', 'PARTIAL_SUCCESS'),
    'device_swap.retrieve_date': neverAttached,
    'roaming.retrieve': insightStatus('roaming', 'PARTIAL_SUCCESS'),
    'reachability.retrieve': insightStatus('reachability', 'NO_COVERAGE'),
    // A line Vonage does not classify: network_type unknown.
    'line_type.retrieve': (network, phoneNumber) => {
      network.world.put(phoneNumber, { ...network.world.get(phoneNumber)!, lineType: 'unknown' });
    },
  },
  checkFailed: {
    'sim_swap.check': insightStatus('sim_swap', 'SUPPLIER_ERROR'),
    'sim_swap.retrieve_date': insightStatus('sim_swap', 'SUPPLIER_ERROR'),
    'device_swap.check': insightStatus('device_swap', 'internal_error'),
    'device_swap.retrieve_date': insightStatus('device_swap', 'internal_error'),
    'roaming.retrieve': insightStatus('roaming', 'SUPPLIER_ERROR'),
    'reachability.retrieve': insightStatus('reachability', 'SUPPLIER_ERROR'),
    'line_type.retrieve': insightStatus('current_carrier', 'SUPPLIER_ERROR'),
  },
  rejected: {
    'sim_swap.check': BEYOND_PERIOD,
    'sim_swap.retrieve_date': invalidNumber('sim_swap'),
    'device_swap.check': BEYOND_PERIOD,
    'device_swap.retrieve_date': invalidNumber('device_swap'),
    'roaming.retrieve': invalidNumber('roaming'),
    'reachability.retrieve': invalidNumber('reachability'),
    'line_type.retrieve': invalidNumber('current_carrier'),
  },
});
