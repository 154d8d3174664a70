/**
 * Nokia Network as Code through RapidAPI. No tokens: every call carries the RapidAPI application
 * key and host. Answers and errors are CAMARA-shaped, so the CAMARA error mapping applies once
 * RapidAPI's own refusals are set apart.
 */
import type { OperationId } from '../../src/contract/signals.ts';
import type { HttpResponse } from '../../src/contract/http.ts';
import { UpstreamError, type Adapter, type AdapterDependencies, type CallContext, type OperationOutcome, type OperationRequest } from '../../src/contract/adapter.ts';
import { defineAdapter } from '../shared/define-adapter.ts';
import { missingEntry, operationsOf } from '../shared/operation-table.ts';
import { outcomeOfCamaraAnswer } from '../camara/answer.ts';
import { postCamaraRequest } from '../camara/request.ts';
import { mapCamaraErrorResponse, type DefiniteNonOkOutcome } from '../camara/errors.ts';
import { rapidApiCredentials } from './auth.ts';
import { parseNokiaConfig, type NokiaProviderConfig, type NokiaProviderConfigInput } from './config.ts';
import { NOKIA_OPERATIONS, type NokiaOperation } from './operations.ts';
import { rapidApiRefusal, retryDelayMs } from './errors.ts';

/** Validates `config` (throws a ZodError on mistakes) and builds the adapter. No I/O happens here. */
export function createNokiaAdapter(config: NokiaProviderConfigInput, deps: AdapterDependencies): Adapter {
  const provider: NokiaProviderConfig = parseNokiaConfig(config);
  const now = deps.now ?? Date.now;

  async function call<Op extends OperationId>(request: OperationRequest<Op>, context: CallContext): Promise<OperationOutcome<Op>> {
    const operation = NOKIA_OPERATIONS[request.operation];
    if (!operation) throw missingEntry(provider.id, request.operation);
    const response = await postCamaraRequest(
      deps.http,
      {
        url: provider.baseUrl + operation.path,
        credentials: rapidApiCredentials(provider),
        body: operation.body(request.phoneNumber, request.params),
      },
      context,
    );
    return outcomeOfCamaraAnswer(provider.id, operation, request, response, (answer) => nonOkAnswer(operation, answer));
  }

  /** A non-200 answer: a definite outcome (not_found, not_supported, OUT_OF_RANGE) or the error to throw. */
  function nonOkAnswer<Op extends OperationId>(
    operation: NokiaOperation<Op>,
    response: HttpResponse,
  ): DefiniteNonOkOutcome | UpstreamError {
    const refusal = rapidApiRefusal(provider.id, response);
    if (refusal) return refusal;
    const mapped = mapCamaraErrorResponse(response, {
      provider: provider.id,
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

  return defineAdapter({
    id: provider.id,
    kind: 'nokia',
    operations: operationsOf(NOKIA_OPERATIONS),
    call,
  });
}
