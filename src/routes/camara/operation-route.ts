import type { Hono } from 'hono';
import type { z } from 'zod';
import type { NormalizedSignal, OperationId, OperationParams, OperationValue } from '../../contract/signals.ts';
import { ProviderNotInChainError } from '../../engine/engine.ts';
import { CamaraError, type CamaraCode } from '../../errors.ts';
import type { AppDependencies, GatewayEnv } from '../http-context.ts';
import type { OperationDoc } from '../../openapi/operation.ts';
import { missingIdentifier, type IdentifierPath } from '../body-issues.ts';
import { IDENTIFIER_ERRORS, readJsonBody } from '../json-body.ts';
import { deadlineFromArrival } from '../request-clock.ts';
import { respondWithSignal, SIGNAL_ERRORS } from './respond.ts';

/**
 * One CAMARA-compatible operation at the gateway's root: a validated body in, one engine
 * operation, a CAMARA answer out. Every CAMARA route is one of these.
 */
export interface CamaraRoute<S extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType, Op extends OperationId = OperationId> {
  path: string;
  /** The official definition's operationId and summary. */
  operationId: string;
  summary: string;
  body: S;
  /** The 200 answer's body. */
  response: R;
  /** A request that succeeds against the embedded default gateway (its demo numbers), and the answer it gets there. */
  example: { request: z.input<S>; answer: z.input<R> };
  operation: Op;
  /** Where the body names the number (without it: 422 MISSING_IDENTIFIER). */
  identifier: IdentifierPath;
  /** The number and parameters the body asks about; throws CamaraError for identifier problems. */
  request(body: z.output<S>): { phoneNumber: string; params: OperationParams<Op> };
  /** The codes request() throws. */
  identifierErrors: readonly CamaraCode[];
  render(value: OperationValue<Op>, context: { body: z.output<S>; signal: NormalizedSignal<Op> }): z.input<R>;
}

export function camaraRoute<S extends z.ZodType, R extends z.ZodType, Op extends OperationId>(route: CamaraRoute<S, R, Op>): CamaraRoute {
  return route;
}

/** The engine refuses with QUOTA_EXCEEDED once the tenant's daily upstream cap is spent (src/engine/daily-quota.ts). */
const ENGINE_ERRORS = ['QUOTA_EXCEEDED'] as const satisfies readonly CamaraCode[];

/** Header a developer may send to ask one provider of the number's chain only (testing, diagnosis). */
export const PROVIDER_HEADER = 'x-numtrust-provider';

export function mountCamaraRoute(app: Hono<GatewayEnv>, deps: AppDependencies, route: CamaraRoute): void {
  const deadlineMs = deps.config.server.requestDeadlineMs;
  app.post(route.path, async (c) => {
    const body = await readJsonBody(c, route.body, { identifier: route.identifier });
    const { phoneNumber, params } = route.request(body);
    const requestDeadline = deadlineFromArrival(c, deadlineMs, c.req.raw.signal);
    const signal = await deps.engine
      .run(
        c.get('tenantId'),
        { operation: route.operation, phoneNumber, params },
        {
          signal: requestDeadline.signal,
          correlator: c.get('correlator'),
          provider: c.req.header(PROVIDER_HEADER),
        },
      )
      .finally(() => requestDeadline.release())
      .catch((error: unknown) => {
        if (error instanceof ProviderNotInChainError) {
          throw new CamaraError('INVALID_ARGUMENT', `The ${PROVIDER_HEADER} header names a provider outside this number's chain: ${error.message}`);
        }
        throw error;
      });
    return respondWithSignal(c, signal, (value) => route.render(value, { body, signal }));
  });
}

export function camaraOperation(route: CamaraRoute): OperationDoc {
  return {
    method: 'post',
    path: route.path,
    operationId: route.operationId,
    summary: route.summary,
    tag: route.path.split('/')[1]!,
    access: 'apiKey',
    body: route.body,
    bodyExample: route.example.request,
    requestHeaders: { [PROVIDER_HEADER]: "Ask only this provider of the number's chain (testing, diagnosis); one outside the chain is INVALID_ARGUMENT." },
    success: [
      {
        status: 200,
        description: 'The answer, as one CAMARA operator would give it',
        schema: route.response,
        example: route.example.answer,
        headers: { [PROVIDER_HEADER]: 'The provider that answered', 'x-numtrust-cache': '`hit` or `miss`' },
      },
    ],
    // INVALID_ARGUMENT also stands for a provider header outside the number's chain.
    errors: [...route.identifierErrors, ...SIGNAL_ERRORS, ...ENGINE_ERRORS],
  };
}

export const PHONE_NUMBER_ERRORS = IDENTIFIER_ERRORS;

/** An API key identifies a client, not a subscriber: the number must be in the body (CAMARA 2-legged rule; readJsonBody checks it first). */
export function requirePhoneNumber(phoneNumber: string | undefined): string {
  if (!phoneNumber) throw missingIdentifier('phoneNumber');
  return phoneNumber;
}
