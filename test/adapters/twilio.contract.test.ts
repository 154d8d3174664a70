/** Twilio Lookup v2 against its mock: HTTP Basic, one package per request, per-package errors inside a 200. */
import { createTwilioAdapter } from '../../adapters/twilio/adapter.ts';
import { TWILIO_DEV_CREDENTIALS } from '../../mocks/carriers/twilio/dev-credentials.ts';
import { twilioDevProvider } from '../../mocks/carriers/twilio/dev-credentials.ts';
import { createUndiciHttpClient } from '../../src/runtime/undici-http.ts';
import { carrierUrl } from '../support/mock-carriers.ts';
import { runAdapterContract, type AdapterContractOptions, type Arrangement, type MockNetwork } from './contract.ts';

/** The subject's package comes back with this error code (or, for line_status, this HLR status). */
function packageAnswers(check: string, code: number | string) {
  return (network: MockNetwork, phoneNumber: string) => {
    network.faults.add({ carrier: 'twilio', endpoint: 'lookup', phoneNumber, kind: 'check_error', check, code, times: 1 });
  };
}

/** The subject's carrier shares no SIM swap date: only whether one happened within the account's window. */
const dateWithheld: Arrangement = (network) => {
  network.carrier('twilio').settings.update({ simSwapDateWithheldBy: ['albion'] });
};

const NOT_E164 = { code: 'INVALID_ARGUMENT', phoneNumber: '447700900002' } as const;

/** The subject is a line no provider can classify: Line Type Intelligence answers type `unknown`. */
const unclassifiable: Arrangement = (network, phoneNumber) => {
  network.world.put(phoneNumber, { ...network.world.get(phoneNumber)!, lineType: 'unknown' });
};

const common: Omit<AdapterContractOptions, 'name' | 'makeAdapter' | 'makeAdapterWithBadCredentials'> = {
  carrierId: 'twilio',
  operations: ['sim_swap.check', 'sim_swap.retrieve_date', 'call_forwarding.unconditional', 'reachability.retrieve', 'line_type.retrieve'],
  endpointOf: () => 'lookup',
  subject: '+447700900002', // albion (GB): every package is offered, the SIM swap date is shared
  unknownNumber: '+447700900990', // unassigned in the fiction range: Lookup answers valid:false
  notApplicable: '+447700900008', // IoT line: 60612 (not mobile) in every package
  cannotTell: {
    // Not swapped within the account's 48 h window settles no 72 h check without the date.
    'sim_swap.check': dateWithheld,
    'sim_swap.retrieve_date': dateWithheld,
    'reachability.retrieve': packageAnswers('line_status', 'Active'),
    'line_type.retrieve': unclassifiable,
  },
  checkFailed: {
    'sim_swap.check': packageAnswers('sim_swap', 60620),
    'sim_swap.retrieve_date': packageAnswers('sim_swap', 60608),
    'call_forwarding.unconditional': packageAnswers('call_forwarding', 60608),
    'reachability.retrieve': packageAnswers('line_status', 'Unknown'),
    'line_type.retrieve': packageAnswers('line_type_intelligence', 60608),
  },
  // Lookup's answer to a number that is not E.164 (the gateway never sends one; the adapter refuses it itself).
  rejected: {
    'sim_swap.check': NOT_E164,
    'sim_swap.retrieve_date': NOT_E164,
    'call_forwarding.unconditional': NOT_E164,
    'reachability.retrieve': NOT_E164,
    'line_type.retrieve': NOT_E164,
  },
  skip: {
    'line_type.retrieve:not_supported': 'every line has a type: Line Type Intelligence classifies the IoT line (mobile) rather than refusing it',
    'call_forwarding.unconditional:unknown': 'the call_forwarding package says on or off; without either it is garbled, not "cannot tell"',
  },
  // line_status says reachable or not, never over which bearer.
  notReported: { connectivity: true },
};

runAdapterContract({
  ...common,
  name: 'twilio: AccountSid + AuthToken, over fetch',
  makeAdapter: (network, http) => createTwilioAdapter(twilioDevProvider(carrierUrl(network, 'twilio')), { http }),
  makeAdapterWithBadCredentials: (network, http) =>
    createTwilioAdapter({ ...twilioDevProvider(carrierUrl(network, 'twilio')), authToken: 'not-the-token' }, { http }),
});

runAdapterContract({
  ...common,
  name: 'twilio: API key, over undici',
  http: () => createUndiciHttpClient(),
  makeAdapter: (network, http) => {
    const { authToken: _token, ...config } = twilioDevProvider(carrierUrl(network, 'twilio'), 'twilio-key');
    return createTwilioAdapter(
      { ...config, apiKeySid: TWILIO_DEV_CREDENTIALS.apiKeySid, apiKeySecret: TWILIO_DEV_CREDENTIALS.apiKeySecret },
      { http },
    );
  },
  makeAdapterWithBadCredentials: (network, http) => {
    const { authToken: _token, ...config } = twilioDevProvider(carrierUrl(network, 'twilio'), 'twilio-key');
    return createTwilioAdapter({ ...config, apiKeySid: TWILIO_DEV_CREDENTIALS.apiKeySid, apiKeySecret: 'not-the-secret' }, { http });
  },
});
