import { CreateCallForwardingSignal } from '../../../camara-specs/call-forwarding-signal-v0.4.ts';
import { camaraRoute, requirePhoneNumber } from './operation-route.ts';

/** CAMARA Call Forwarding Signal 0.4: POST /unconditional-call-forwardings and /call-forwardings. */
export const CALL_FORWARDING_ROUTES = [
  camaraRoute({
    path: '/call-forwarding-signal/v0.4/unconditional-call-forwardings',
    body: CreateCallForwardingSignal,
    operation: 'call_forwarding.unconditional',
    request: (body) => ({ phoneNumber: requirePhoneNumber(body.phoneNumber), params: {} }),
    render: (value) => ({ active: value.active }),
  }),
  camaraRoute({
    path: '/call-forwarding-signal/v0.4/call-forwardings',
    body: CreateCallForwardingSignal,
    operation: 'call_forwarding.services',
    request: (body) => ({ phoneNumber: requirePhoneNumber(body.phoneNumber), params: {} }),
    // The definition answers a non-empty array: 'inactive' stands for "no forwarding".
    render: (value) => (value.services.length > 0 ? value.services : ['inactive']),
  }),
];
