import { CreateCallForwardingSignal } from '../../../../camara-specs/call-forwarding-signal-v0.4.ts';
import { readJsonBody } from '../../shared/camara-wire.ts';
import { PROBLEMS } from '../errors.ts';
import type { NacApiDeps, NacEndpoint } from './endpoint.ts';

/**
 * Call Forwarding Signal 0.3 behind `/passthrough/camara/v1/call-forwarding-signal/call-forwarding-signal/v0.3`.
 * `/call-forwardings` is optional in the spec: operators without it answer 501 NOT_IMPLEMENTED.
 */
const BASE = '/passthrough/camara/v1/call-forwarding-signal/call-forwarding-signal/v0.3';

export function callForwardingEndpoints(deps: NacApiDeps): NacEndpoint[] {
  const lineOf = (phoneNumber: string | undefined) => {
    if (phoneNumber === undefined) throw PROBLEMS.missingIdentifier();
    return deps.coverage.lineOf(deps.world, phoneNumber);
  };
  return [
    {
      name: 'call-forwarding/unconditional',
      path: `${BASE}/unconditional-call-forwardings`,
      handler: async (c) => {
        const { subscriber } = lineOf((await readJsonBody(c, CreateCallForwardingSignal)).phoneNumber);
        return c.json({ active: subscriber.forwarding.includes('unconditional') });
      },
    },
    {
      name: 'call-forwarding/services',
      path: `${BASE}/call-forwardings`,
      handler: async (c) => {
        const { subscriber, agreement } = lineOf((await readJsonBody(c, CreateCallForwardingSignal)).phoneNumber);
        if (!agreement.callForwardingList) throw PROBLEMS.notImplemented();
        return c.json(subscriber.forwarding.length > 0 ? subscriber.forwarding : ['inactive']);
      },
    },
  ];
}
