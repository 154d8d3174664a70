import type { Context } from 'hono';
import { CreateCallForwardingSignal } from '../../../../camara-specs/call-forwarding-signal-v0.4.ts';
import { requireToken } from '../camara-http.ts';
import { CamaraProblem, readJsonBody, type CorrelatorRule } from '../../shared/camara-wire.ts';
import type { CamaraApi, CamaraApiDeps } from './api.ts';
import { requireMobileLine, subscriberFor } from './subject.ts';

/**
 * CAMARA Call Forwarding Signal: v0.4 = 0.4.0 (Fall25, Commonalities 0.6), v0.3 = 0.3.0
 * (Spring25, Commonalities 0.5; also what Nokia's passthrough serves). Both:
 *   POST /unconditional-call-forwardings → {active}
 *   POST /call-forwardings → array of active services, ['inactive'] when none; optional for
 *        providers (501 NOT_IMPLEMENTED where the operator does not offer it).
 */

export type CallForwardingVersion = 'v0.4' | 'v0.3';

export interface CallForwardingProfile {
  versions: CallForwardingVersion[];
  /** false: /call-forwardings answers 501 NOT_IMPLEMENTED (the spec lets providers offer only the core endpoint). */
  callForwardings: boolean;
}

interface VersionRules {
  correlator: CorrelatorRule;
  /** 404 code for a number this operator does not serve. */
  unknownNumber: { code: string; message: string };
}

const VERSION_RULES: Record<CallForwardingVersion, VersionRules> = {
  'v0.4': {
    correlator: 'commonalities-0.6',
    unknownNumber: { code: 'IDENTIFIER_NOT_FOUND', message: 'Device identifier not found.' },
  },
  // 0.3.0 documents its own API-specific code beside IDENTIFIER_NOT_FOUND; this operator uses it.
  'v0.3': {
    correlator: 'commonalities-0.5',
    unknownNumber: { code: 'CALL_FORWARDING.UNKNOWN_PHONE_NUMBER', message: "Call forwarding check can't be done because the phone number is unknown." },
  },
};

export const UNCONDITIONAL_SCOPE = 'call-forwarding-signal:unconditional-call-forwardings:read';
export const CALL_FORWARDINGS_SCOPE = 'call-forwarding-signal:call-forwardings:read';


export const callForwardingSignalApi: CamaraApi<CallForwardingProfile> = {
  scopes: [UNCONDITIONAL_SCOPE, CALL_FORWARDINGS_SCOPE],
  legacyScopeAliases: {},

  mount(_app, deps, profile) {
    for (const version of profile.versions) {
      const rules = VERSION_RULES[version];
      deps.operation({
        name: `call-forwarding-signal/${version}/unconditional-call-forwardings`,
        path: `/call-forwarding-signal/${version}/unconditional-call-forwardings`,
        correlator: rules.correlator,
        handler: async (c) => {
          const request = await readRequest(c, deps, UNCONDITIONAL_SCOPE);
          return c.json({ active: forwardingOf(deps, rules, request).includes('unconditional') });
        },
      });
      deps.operation({
        name: `call-forwarding-signal/${version}/call-forwardings`,
        path: `/call-forwarding-signal/${version}/call-forwardings`,
        correlator: rules.correlator,
        handler: async (c) => {
          const request = await readRequest(c, deps, CALL_FORWARDINGS_SCOPE);
          if (!profile.callForwardings) {
            throw new CamaraProblem(501, 'NOT_IMPLEMENTED', 'This functionality is not implemented yet.');
          }
          const services = forwardingOf(deps, rules, request);
          return c.json(services.length > 0 ? services : ['inactive']);
        },
      });
    }
  },
};

interface ForwardingRequest {
  token: { phoneNumber: string | null };
  phoneNumber: string | undefined;
}

/** Token and body checks come first: an operator without /call-forwardings answers 501 only to an otherwise good request. */
async function readRequest(c: Context, deps: CamaraApiDeps, scope: string): Promise<ForwardingRequest> {
  const token = requireToken(c, deps.state, deps.ctx.world.now().getTime(), [scope]);
  const body = await readJsonBody(c, CreateCallForwardingSignal);
  return { token, phoneNumber: body.phoneNumber };
}

function forwardingOf(deps: CamaraApiDeps, rules: VersionRules, request: ForwardingRequest): string[] {
  try {
    const { subscriber } = subscriberFor(deps, request.token, request.phoneNumber);
    requireMobileLine(subscriber);
    return [...subscriber.forwarding];
  } catch (error) {
    if (error instanceof CamaraProblem && error.code === 'IDENTIFIER_NOT_FOUND') {
      throw new CamaraProblem(404, rules.unknownNumber.code, rules.unknownNumber.message);
    }
    throw error;
  }
}
