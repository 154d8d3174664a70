/**
 * Nokia Network as Code through RapidAPI. No tokens: every call carries the RapidAPI application
 * key and host. Answers and errors are CAMARA-shaped, so the CAMARA error mapping applies once
 * RapidAPI's own refusals are set apart.
 */
import type { OperationId } from '../../src/engine/signals.ts';
import type { HttpResponse } from '../http.ts';
import {
  UpstreamError,
  type Adapter,
  type AdapterDependencies,
  type CallContext,
  type OperationOutcome,
  type OperationRequest,
} from '../types.ts';
import { upstreamErrorFromThrown } from '../shared/upstream-failures.ts';
import { mapCamaraErrorResponse, type DefiniteNonOkOutcome } from '../camara/errors.ts';
import { parseNokiaConfig, type NokiaProviderConfig, type NokiaProviderConfigInput } from './config.ts';
import { NOKIA_OPERATIONS, type NokiaOperation } from './operations.ts';
import { rapidApiRefusal, retryDelayMs } from './rapidapi.ts';

/**
 * x-correlator values every Commonalities version accepts; NaC passes requests on to APIs of
 * several CAMARA releases, so other values (rare; UUIDs pass) are not forwarded.
 */
const X_CORRELATOR = /^[a-zA-Z0-9-]{1,55}$/;

/** Validates `config` (throws a ZodError on mistakes) and builds the adapter. No I/O happens here. */
export function createNokiaAdapter(config: NokiaProviderConfigInput, deps: AdapterDependencies): Adapter {
  const provider: NokiaProviderConfig = parseNokiaConfig(config);
  const now = deps.now ?? Date.now;
  const operations = new Map<OperationId, NokiaOperation>(
    NOKIA_OPERATIONS.map((operation) => [operation.id, operation as NokiaOperation]),
  );

  function send<Op extends OperationId>(
    operation: NokiaOperation<Op>,
    request: OperationRequest<Op>,
    context: CallContext,
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = {
      'x-rapidapi-key': provider.rapidApiKey,
      'x-rapidapi-host': provider.rapidApiHost,
      'content-type': 'application/json',
      accept: 'application/json',
    };
    if (context.correlator !== undefined && X_CORRELATOR.test(context.correlator)) {
      headers['x-correlator'] = context.correlator;
    }
    return deps.http.send({
      method: 'POST',
      url: provider.baseUrl + operation.path,
      headers,
      body: JSON.stringify(operation.body(request.phoneNumber, request.params)),
      signal: context.signal,
    });
  }

  function outcomeOf<Op extends OperationId>(
    operation: NokiaOperation<Op>,
    request: OperationRequest<Op>,
    response: HttpResponse,
  ): OperationOutcome<Op> {
    if (response.status !== 200) {
      const answer = nonOkAnswer(operation, request, response);
      if (answer instanceof UpstreamError) throw answer;
      return answer;
    }
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      throw new UpstreamError(provider.id, 'malformed', `${provider.id}: ${operation.id} answered 200 with a body that is not JSON`, {
        httpStatus: 200,
      });
    }
    const parsed = operation.parse(json, request.params);
    if (!parsed.ok) {
      throw new UpstreamError(provider.id, 'malformed', `${provider.id}: invalid ${operation.id} answer (${parsed.issue})`, {
        httpStatus: 200,
      });
    }
    return { status: 'ok', value: parsed.value };
  }

  /** A non-200 answer: a definite outcome (not_found, not_supported, OUT_OF_RANGE) or the error to throw. */
  function nonOkAnswer<Op extends OperationId>(
    operation: NokiaOperation<Op>,
    request: OperationRequest<Op>,
    response: HttpResponse,
  ): DefiniteNonOkOutcome | UpstreamError {
    const refusal = rapidApiRefusal(provider.id, response);
    if (refusal) return refusal;
    const mapped = mapCamaraErrorResponse(response, {
      provider: provider.id,
      phoneNumber: request.phoneNumber,
      now: now(),
      unknownNumberCodes: operation.unknownNumberCodes,
    });
    if (!(mapped instanceof UpstreamError)) return mapped;
    if (mapped.failure === 'rate_limited' && mapped.retryAfterMs === undefined) {
      const retryAfterMs = retryDelayMs(response, now());
      if (retryAfterMs !== undefined) {
        return new UpstreamError(provider.id, 'rate_limited', mapped.message, { httpStatus: mapped.httpStatus, retryAfterMs });
      }
    }
    return mapped;
  }

  return {
    id: provider.id,
    kind: 'nokia',
    operations: new Set(operations.keys()),

    async execute<Op extends OperationId>(request: OperationRequest<Op>, context: CallContext): Promise<OperationOutcome<Op>> {
      const operation = operations.get(request.operation) as NokiaOperation<Op> | undefined;
      if (!operation) {
        return { status: 'not_supported', message: `${provider.id} does not offer ${request.operation}` };
      }
      try {
        return outcomeOf(operation, request, await send(operation, request, context));
      } catch (error) {
        throw upstreamErrorFromThrown(provider.id, error, context.signal);
      }
    },
  };
}
