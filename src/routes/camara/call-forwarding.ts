import {
  CallForwardingSignal,
  CreateCallForwardingSignal,
  UnconditionalCallForwardingSignal,
} from '../../../camara-specs/call-forwarding-signal-v0.4.ts';
import { camaraRoute, PHONE_NUMBER_ERRORS, requirePhoneNumber } from './operation-route.ts';

/** CAMARA Call Forwarding Signal 0.4: POST /unconditional-call-forwardings and /call-forwardings. */
export const CALL_FORWARDING_ROUTES = [
  camaraRoute({
    path: '/call-forwarding-signal/v0.4/unconditional-call-forwardings',
    operationId: 'retrieveUnconditionalCallForwarding',
    summary: 'Is unconditional call forwarding active?',
    body: CreateCallForwardingSignal,
    response: UnconditionalCallForwardingSignal,
    example: { request: { phoneNumber: '+447700900503' }, answer: { active: false } },
    operation: 'call_forwarding.unconditional',
    identifier: 'phoneNumber',
    request: (body) => ({ phoneNumber: requirePhoneNumber(body.phoneNumber), params: {} }),
    identifierErrors: PHONE_NUMBER_ERRORS,
    render: (value) => ({ active: value.active }),
  }),
  camaraRoute({
    path: '/call-forwarding-signal/v0.4/call-forwardings',
    operationId: 'retrieveCallForwarding',
    summary: 'Which call forwarding services are active?',
    body: CreateCallForwardingSignal,
    response: CallForwardingSignal,
    example: { request: { phoneNumber: '+447700900503' }, answer: ['conditional_busy', 'conditional_no_answer'] },
    operation: 'call_forwarding.services',
    identifier: 'phoneNumber',
    request: (body) => ({ phoneNumber: requirePhoneNumber(body.phoneNumber), params: {} }),
    identifierErrors: PHONE_NUMBER_ERRORS,
    // The definition answers a non-empty array: 'inactive' stands for "no forwarding".
    render: (value) => (value.services.length > 0 ? value.services : ['inactive' as const]),
  }),
];
