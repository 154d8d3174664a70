/**
 * Mock Twilio Lookup v2 over the World: `GET {base}/v2/PhoneNumbers/{PhoneNumber}` with HTTP
 * Basic, the literal `+` in the path (`%2B` accepted too), per-package errors inside a 200 and
 * Twilio's `{code, message, more_info, status}` for HTTP errors. See mocks/README.md.
 */
import { Hono, type Context } from 'hono';
import { injectFaults } from '../../faults/middleware.ts';
import { baseUrlOf, countRequests, type CarrierContext, type CarrierDescription, type MockCarrier } from '../carrier.ts';
import { requireBasicAuth } from './auth.ts';
import { TWILIO_DEV_CREDENTIALS, TWILIO_DEV_LOGINS } from './dev-credentials.ts';
import { lookupHandler } from './lookup.ts';
import { e164Of } from './phone-number.ts';
import { TwilioSettings } from './settings.ts';
import { twilioError, twilioFaultResponse } from './errors.ts';

export const TWILIO_CARRIER_ID = 'twilio';

/** Stats endpoint of the single lookup call. */
export const LOOKUP_ENDPOINT = 'lookup';

/** Carriers the mock account has agreements with: every operator of the default World. */
const COVERED_OPERATORS = ['albion', 'brightwave', 'liberty'];

const LOOKUP_PATH = '/v2/PhoneNumbers/:number';

export function createTwilioCarrier(ctx: CarrierContext, id = TWILIO_CARRIER_ID): MockCarrier {
  const app = new Hono();
  const settings = new TwilioSettings();
  const operators = new Set(COVERED_OPERATORS.filter((operator) => ctx.world.operators.has(operator)));
  ctx.stats.register(id);

  const phoneNumberOf = async (c: Context) => e164Of(c.req.param('number') ?? '', c.req.query('CountryCode'));
  app.get(
    LOOKUP_PATH,
    countRequests(ctx.stats, id, LOOKUP_ENDPOINT),
    injectFaults({
      registry: ctx.faults,
      stats: ctx.stats,
      carrier: id,
      endpoint: LOOKUP_ENDPOINT,
      errorResponse: twilioFaultResponse,
      phoneNumberOf,
    }),
    requireBasicAuth(TWILIO_DEV_LOGINS),
    lookupHandler({ world: ctx.world, settings, operators, baseUrlOf: (c) => baseUrlOf(c.req.url, ctx.basePath) }),
  );
  app.all(LOOKUP_PATH, (c) => twilioError(c, 405, 'Method not allowed'));
  // A catch-all rather than notFound(): a mounted app's notFound is not consulted by the parent.
  app.all('*', (c) => {
    const path = new URL(c.req.url).pathname.slice(ctx.basePath.length) || '/';
    return twilioError(c, 404, `The requested resource ${path} was not found`);
  });

  return {
    id,
    kind: 'twilio',
    operators: [...operators],
    basePath: ctx.basePath,
    app,
    settings,
    describe: () => describeTwilio(settings),
  };
}

function describeTwilio(settings: TwilioSettings): CarrierDescription {
  const { swappedPeriodHours, simSwapDateWithheldBy, lowercaseLineStatusAt } = settings.current;
  return [
    ['name', 'Twilio Lookup v2'],
    ['lookup', 'GET /v2/PhoneNumbers/{+E164}?Fields=sim_swap,call_forwarding,line_status'],
    ['auth', 'HTTP Basic: AccountSid:AuthToken or ApiKeySid:ApiKeySecret'],
    ['AccountSid', TWILIO_DEV_CREDENTIALS.accountSid],
    ['AuthToken', TWILIO_DEV_CREDENTIALS.authToken],
    ['ApiKeySid', TWILIO_DEV_CREDENTIALS.apiKeySid],
    ['ApiKeySecret', TWILIO_DEV_CREDENTIALS.apiKeySecret],
    ['sim_swap', `window PT${swappedPeriodHours}H; date withheld by ${simSwapDateWithheldBy.join(', ') || 'nobody'}`],
    ['call_forwarding', 'GB operators only (unconditional)'],
    ['line_status', `lowercase at ${lowercaseLineStatusAt.join(', ') || 'nobody'}`],
  ];
}
