import { Hono, type Context } from 'hono';
import { injectFaults } from '../../faults/middleware.ts';
import { countRequests, type CarrierContext, type CarrierDescription, type MockCarrier } from '../carrier.ts';
import { TELESIGN_DEV_API_KEY, TELESIGN_DEV_CUSTOMER_ID } from './dev-credentials.ts';
import { NonceMemory } from './nonce-memory.ts';
import { phoneIdHandler } from './phoneid.ts';
import { TelesignSettings } from './settings.ts';
import { BAD_REQUEST_CODE, NOT_ATTEMPTED, telesignError, telesignFaultResponse } from './errors.ts';

export const TELESIGN_CARRIER_ID = 'telesign';
/** Stats and fault endpoint name of every PhoneID request. */
export const PHONEID_ENDPOINT = 'phoneid';

/**
 * Mock Telesign: PhoneID with the sim_swap, call_forward_detection and active_call_status
 * add-ons, Basic and HMAC ("TSA") authentication, over every operator of the world.
 */
export function createTelesignCarrier(ctx: CarrierContext): MockCarrier {
  const app = new Hono();
  const settings = new TelesignSettings();
  const nonces = new NonceMemory();
  ctx.stats.register(TELESIGN_CARRIER_ID);

  const phoneId = phoneIdHandler({ world: ctx.world, settings, nonces, basePath: ctx.basePath });
  const instrumented = [
    countRequests(ctx.stats, TELESIGN_CARRIER_ID, PHONEID_ENDPOINT),
    injectFaults({
      registry: ctx.faults,
      stats: ctx.stats,
      carrier: TELESIGN_CARRIER_ID,
      endpoint: PHONEID_ENDPOINT,
      errorResponse: telesignFaultResponse,
      phoneNumberOf: phoneNumberOfRequest,
    }),
  ] as const;
  for (const path of ['/v1/phoneid/:number', '/v1/phoneid']) {
    app.post(path, ...instrumented, phoneId);
    app.all(path, (c) => {
      c.header('allow', 'POST');
      const error = { code: BAD_REQUEST_CODE, description: 'Method not allowed: PhoneID takes POST' };
      return telesignError(c, 405, NOT_ATTEMPTED, [error], ctx.world.now());
    });
  }

  return {
    id: TELESIGN_CARRIER_ID,
    kind: 'telesign',
    operators: [...ctx.world.operators.keys()],
    basePath: ctx.basePath,
    app,
    settings,
    describe: (): CarrierDescription => [
      ['name', 'Telesign PhoneID (mock)'],
      ['endpoint', 'POST {base}/v1/phoneid/{digits with country code, no +}'],
      ['auth', 'HMAC-SHA256 "TSA" digest (Date within 15 min, single-use x-ts-nonce) or Basic'],
      ['customer_id', TELESIGN_DEV_CUSTOMER_ID],
      ['api_key', TELESIGN_DEV_API_KEY],
      ['add-ons', 'sim_swap, call_forward_detection (consent block required), active_call_status (GB only by default)'],
    ],
  };
}

/** For fault rules aimed at one number: the path's digits, else the body's phone_number. */
async function phoneNumberOfRequest(c: Context): Promise<string | undefined> {
  const fromPath = c.req.param('number');
  if (fromPath) return `+${fromPath}`;
  try {
    const body: unknown = JSON.parse(await c.req.text());
    const digits = (body as { phone_number?: unknown } | null)?.phone_number;
    return typeof digits === 'string' ? `+${digits}` : undefined;
  } catch {
    return undefined;
  }
}
