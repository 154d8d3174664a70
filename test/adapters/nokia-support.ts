/** What the NaC adapter tests share: numbers of the default scenario, endpoint names, the mock's URL. */
import type { OperationId } from '../../src/contract/signals.ts';
import { NOKIA_CARRIER_ID } from '../../mocks/carriers/nokia/carrier.ts';
import { addIotLine, carrierUrl } from '../support/mock-carriers.ts';
import type { MockNetwork } from './contract.ts';

export const NOKIA_OPERATIONS_OFFERED: readonly OperationId[] = [
  'sim_swap.check',
  'sim_swap.retrieve_date',
  'device_swap.check',
  'device_swap.retrieve_date',
  'call_forwarding.unconditional',
  'call_forwarding.services',
  'reachability.retrieve',
  'roaming.retrieve',
];

/** Stats endpoint of the mock NaC behind each operation. */
export const NOKIA_ENDPOINTS: Record<OperationId, string> = {
  'sim_swap.check': 'sim-swap/check',
  'sim_swap.retrieve_date': 'sim-swap/retrieve-date',
  'device_swap.check': 'device-swap/check',
  'device_swap.retrieve_date': 'device-swap/retrieve-date',
  'call_forwarding.unconditional': 'call-forwarding/unconditional',
  'call_forwarding.services': 'call-forwarding/services',
  'reachability.retrieve': 'reachability',
  'roaming.retrieve': 'roaming',
  'call_state.retrieve': 'none',
  // Network as Code reports no line type (no CAMARA API does).
  'line_type.retrieve': 'none',
  'number_verification.verify': 'number-verification/verify',
};

export const NOKIA_NUMBERS = {
  /** brightwave (GB, 7-day window, offers /call-forwardings). */
  subject: '+447700900502',
  /** liberty (US, 90-day window, no /call-forwardings). */
  liberty: '+12025550102',
  /** albion: no NaC agreement. */
  albion: '+447700900002',
  unknown: '+447700900990',
  /** Added by addNokiaIotLine. */
  iot: '+447700900597',
} as const;

export function nokiaUrl(network: MockNetwork): string {
  return carrierUrl(network, NOKIA_CARRIER_ID);
}

export function addNokiaIotLine(network: MockNetwork): void {
  addIotLine(network, 'brightwave', NOKIA_NUMBERS.iot);
}
