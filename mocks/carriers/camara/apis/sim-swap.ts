import type { Context } from 'hono';
import { CreateCheckSimSwap, CreateSimSwapDate } from '../../../../camara-specs/sim-swap-v2.ts';
import type { Subscriber } from '../../../world/subscriber.ts';
import { identifyPhoneNumber, requireToken, servedSubscriber, type IdentificationRule } from '../camara-http.ts';
import { CamaraProblem, readJsonBody, type CorrelatorRule } from '../../shared/camara-wire.ts';
import type { CamaraApi, CamaraApiDeps } from './api.ts';
import { assertWithinWindow, retrieveDateAnswer } from '../../shared/camara-swap.ts';
import { changedWithin, latestSimChange } from '../../shared/swap-history.ts';

/**
 * CAMARA SIM Swap, faithful to the official definitions: v2 = sim-swap 2.1.0 (Commonalities 0.6),
 * v1 = sim-swap 1.0.0 (Commonalities 0.4). Both: POST /check and POST /retrieve-date.
 */

export type SimSwapVersion = 'v1' | 'v2';

export interface SimSwapProfile {
  versions: SimSwapVersion[];
  /** Legal look-back window in days; null = full history (retrieve-date may answer the activation date). */
  monitoredPeriodDays: number | null;
}

interface VersionRules {
  correlator: CorrelatorRule;
  identification: IdentificationRule;
  /** The 422 answered for lines outside the API (IoT). */
  notApplicable: { code: string; message: string };
  /** `monitoredPeriod` exists in the response schema from 2.0.0 on. */
  reportsMonitoredPeriod: boolean;
}

const VERSION_RULES: Record<SimSwapVersion, VersionRules> = {
  v2: {
    correlator: 'commonalities-0.6',
    identification: 'exclusive',
    notApplicable: { code: 'SERVICE_NOT_APPLICABLE', message: 'The service is not available for the provided identifier.' },
    reportsMonitoredPeriod: true,
  },
  v1: {
    correlator: 'commonalities-0.4',
    identification: 'confirming',
    notApplicable: { code: 'NOT_SUPPORTED', message: 'Service not supported for this phoneNumber' },
    reportsMonitoredPeriod: false,
  },
};


export const simSwapApi: CamaraApi<SimSwapProfile> = {
  scopes: ['sim-swap', 'sim-swap:check', 'sim-swap:retrieve-date'],
  legacyScopeAliases: { 'check-sim-swap': 'sim-swap:check', 'retrieve-sim-swap-date': 'sim-swap:retrieve-date' },

  mount(_app, deps, profile) {
    for (const version of profile.versions) {
      const rules = VERSION_RULES[version];
      deps.operation({
        name: `sim-swap/${version}/check`,
        path: `/sim-swap/${version}/check`,
        correlator: rules.correlator,
        handler: (c) => check(c, deps, profile, rules),
      });
      deps.operation({
        name: `sim-swap/${version}/retrieve-date`,
        path: `/sim-swap/${version}/retrieve-date`,
        correlator: rules.correlator,
        handler: (c) => retrieveDate(c, deps, profile, rules),
      });
    }
  },
};

async function check(c: Context, deps: CamaraApiDeps, profile: SimSwapProfile, rules: VersionRules): Promise<Response> {
  const now = deps.ctx.world.now().getTime();
  const token = requireToken(c, deps.state, now, ['sim-swap:check', 'sim-swap']);
  const body = await readJsonBody(c, CreateCheckSimSwap);
  const maxAgeHours = body.maxAge;
  assertWithinWindow(maxAgeHours, profile.monitoredPeriodDays, 'Check');
  const subscriber = subscriberOf(deps, token, body.phoneNumber, rules);
  return c.json({ swapped: changedWithin(latestSimChange(subscriber), maxAgeHours, now) });
}

async function retrieveDate(
  c: Context,
  deps: CamaraApiDeps,
  profile: SimSwapProfile,
  rules: VersionRules,
): Promise<Response> {
  const now = deps.ctx.world.now().getTime();
  const token = requireToken(c, deps.state, now, ['sim-swap:retrieve-date', 'sim-swap']);
  const body = await readJsonBody(c, CreateSimSwapDate);
  const subscriber = subscriberOf(deps, token, body.phoneNumber, rules);
  return c.json(
    retrieveDateAnswer('latestSimChange', latestSimChange(subscriber), {
      now,
      monitoredPeriodDays: profile.monitoredPeriodDays,
      reportsMonitoredPeriod: rules.reportsMonitoredPeriod,
      formatTime: deps.formatTime,
    }),
  );
}

function subscriberOf(
  deps: CamaraApiDeps,
  token: { phoneNumber: string | null },
  bodyPhoneNumber: string | undefined,
  rules: VersionRules,
): Subscriber {
  const phoneNumber = identifyPhoneNumber(token, bodyPhoneNumber, rules.identification);
  const subscriber = servedSubscriber(deps.ctx.world, deps.operators, phoneNumber);
  if (subscriber.lineType !== 'mobile') throw new CamaraProblem(422, rules.notApplicable.code, rules.notApplicable.message);
  return subscriber;
}
