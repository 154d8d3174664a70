import { Hono } from 'hono';
import { CreateCheckSimSwap, CreateSimSwapDate } from '../../../camara-specs/sim-swap-v2.ts';
import { CamaraError } from '../../errors.ts';
import { deadlineSignal } from '../../resilience/deadline.ts';
import type { AppDependencies, GatewayEnv } from '../http-context.ts';
import { readJsonBody } from '../json-body.ts';
import { respondWithSignal } from './respond.ts';

/** CAMARA SIM Swap 2.x at the gateway's root: POST /sim-swap/v2/check and /retrieve-date. */
export function simSwapRoutes(deps: AppDependencies): Hono<GatewayEnv> {
  const routes = new Hono<GatewayEnv>();
  const deadlineMs = deps.config.server.requestDeadlineMs;

  routes.post('/sim-swap/v2/check', async (c) => {
    const body = await readJsonBody(c, CreateCheckSimSwap);
    const signal = await deps.engine.run(
      c.get('tenantId'),
      { operation: 'sim_swap.check', phoneNumber: requireNumber(body.phoneNumber), params: { maxAgeHours: body.maxAge } },
      { signal: deadlineSignal(deadlineMs, c.req.raw.signal), correlator: c.get('correlator') },
    );
    return respondWithSignal(c, signal, (value) => ({ swapped: value.swapped }));
  });

  routes.post('/sim-swap/v2/retrieve-date', async (c) => {
    const body = await readJsonBody(c, CreateSimSwapDate);
    const signal = await deps.engine.run(
      c.get('tenantId'),
      { operation: 'sim_swap.retrieve_date', phoneNumber: requireNumber(body.phoneNumber), params: {} },
      { signal: deadlineSignal(deadlineMs, c.req.raw.signal), correlator: c.get('correlator') },
    );
    return respondWithSignal(c, signal, (value) =>
      value.latestSimChange === null && value.monitoredPeriodDays !== null
        ? { latestSimChange: null, monitoredPeriod: value.monitoredPeriodDays }
        : { latestSimChange: value.latestSimChange },
    );
  });

  return routes;
}

/** An API key identifies a client, not a subscriber: the number must be in the body (CAMARA 2-legged rule). */
function requireNumber(phoneNumber: string | undefined): string {
  if (!phoneNumber) {
    throw new CamaraError('MISSING_IDENTIFIER', 'The device cannot be identified: phoneNumber is required with an API key.');
  }
  return phoneNumber;
}
