import type { Hono } from 'hono';
import type { z } from 'zod';
import type { NormalizedSignal, OperationId, OperationParams, OperationValue } from '../../engine/signals.ts';
import { ProviderNotInChainError } from '../../engine/engine.ts';
import { CamaraError } from '../../errors.ts';
import { deadlineSignal } from '../../resilience/deadline.ts';
import type { AppDependencies, GatewayEnv } from '../http-context.ts';
import { readJsonBody } from '../json-body.ts';
import { respondWithSignal } from './respond.ts';

/**
 * One CAMARA-compatible operation at the gateway's root: a validated body in, one engine
 * operation, a CAMARA answer out. Every CAMARA route is one of these.
 */
export interface CamaraRoute<S extends z.ZodType = z.ZodType, Op extends OperationId = OperationId> {
  path: string;
  body: S;
  operation: Op;
  /** The number and parameters the body asks about; throws CamaraError for identifier problems. */
  request(body: z.output<S>): { phoneNumber: string; params: OperationParams<Op> };
  render(value: OperationValue<Op>, context: { body: z.output<S>; signal: NormalizedSignal<Op> }): unknown;
}

export function camaraRoute<S extends z.ZodType, Op extends OperationId>(route: CamaraRoute<S, Op>): CamaraRoute {
  return route as unknown as CamaraRoute;
}

/** Header a developer may send to ask one provider of the number's chain only (testing, diagnosis). */
export const PROVIDER_HEADER = 'x-numtrust-provider';

export function mountCamaraRoute(app: Hono<GatewayEnv>, deps: AppDependencies, route: CamaraRoute): void {
  const deadlineMs = deps.config.server.requestDeadlineMs;
  app.post(route.path, async (c) => {
    const body = await readJsonBody(c, route.body);
    const { phoneNumber, params } = route.request(body);
    const signal = await deps.engine
      .run(
        c.get('tenantId'),
        { operation: route.operation, phoneNumber, params },
        {
          signal: deadlineSignal(deadlineMs, c.req.raw.signal),
          correlator: c.get('correlator'),
          provider: c.req.header(PROVIDER_HEADER),
        },
      )
      .catch((error: unknown) => {
        if (error instanceof ProviderNotInChainError) {
          throw new CamaraError('INVALID_ARGUMENT', `${PROVIDER_HEADER}: ${error.message}`);
        }
        throw error;
      });
    return respondWithSignal(c, signal, (value) => route.render(value, { body, signal }));
  });
}

/** An API key identifies a client, not a subscriber: the number must be in the body (CAMARA 2-legged rule). */
export function requirePhoneNumber(phoneNumber: string | undefined): string {
  if (!phoneNumber) {
    throw new CamaraError('MISSING_IDENTIFIER', 'The device cannot be identified: phoneNumber is required with an API key.');
  }
  return phoneNumber;
}
