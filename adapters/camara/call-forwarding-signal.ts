/**
 * CAMARA Call Forwarding Signal on the wire: 0.4.0 (`/call-forwarding-signal/v0.4`) and 0.3.0
 * (`/call-forwarding-signal/v0.3`), same bodies and scopes.
 *   POST /unconditional-call-forwardings → {active}
 *   POST /call-forwardings → array of services, ['inactive'] when none; optional for providers,
 *        which may answer 501 NOT_IMPLEMENTED (→ not_supported).
 */
import { CallForwardingSignal, UnconditionalCallForwardingSignal } from '../../camara-specs/call-forwarding-signal-v0.4.ts';
import type { ForwardingService } from '../../src/contract/signals.ts';
import type { CallForwardingSignalApiConfig } from './config.ts';
import { parseWith, type CamaraOperation, type CamaraOperationTable } from './api-operation.ts';

/** 0.3.0 also documents an API-specific 404 code for an unknown number. */
const UNKNOWN_NUMBER_CODES: Record<CallForwardingSignalApiConfig['version'], ReadonlySet<string>> = {
  'v0.4': new Set(['IDENTIFIER_NOT_FOUND']),
  'v0.3': new Set(['IDENTIFIER_NOT_FOUND', 'CALL_FORWARDING.UNKNOWN_PHONE_NUMBER']),
};

export function callForwardingSignalOperations(api: CallForwardingSignalApiConfig): CamaraOperationTable {
  const basePath = api.basePath ?? `/call-forwarding-signal/${api.version}`;
  const common = {
    numberInBodyWith3LeggedToken: false,
    unknownNumberCodes: UNKNOWN_NUMBER_CODES[api.version],
    subject: (phoneNumber: string) => ({ phoneNumber }),
    body: () => ({}),
  };
  const unconditional: CamaraOperation<'call_forwarding.unconditional'> = {
    ...common,
    id: 'call_forwarding.unconditional',
    scope: 'call-forwarding-signal:unconditional-call-forwardings:read',
    path: `${basePath}/unconditional-call-forwardings`,
    parse: (json) => parseWith(UnconditionalCallForwardingSignal, json, (body) => ({ active: body.active })),
  };
  if (!api.callForwardings) return { 'call_forwarding.unconditional': unconditional };
  const services: CamaraOperation<'call_forwarding.services'> = {
    ...common,
    id: 'call_forwarding.services',
    scope: 'call-forwarding-signal:call-forwardings:read',
    path: `${basePath}/call-forwardings`,
    parse: (json) =>
      parseWith(CallForwardingSignal, json, (states) => ({
        services: [...new Set(states.filter((state): state is ForwardingService => state !== 'inactive'))],
      })),
  };
  return { 'call_forwarding.unconditional': unconditional, 'call_forwarding.services': services };
}
