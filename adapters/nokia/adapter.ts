/**
 * Nokia Network as Code through RapidAPI. No tokens: every call carries the RapidAPI application
 * key and host. Answers and errors are CAMARA-shaped, so the CAMARA error mapping applies once
 * RapidAPI's own refusals are set apart. Number Verification (the device flow through NaC's
 * authorization server) is number-verification.ts, offered when configured.
 */
import type { OperationId } from '../../src/contract/signals.ts';
import type { Adapter, AdapterDependencies, CallContext, OperationOutcome, OperationRequest } from '../../src/contract/adapter.ts';
import { defineAdapter } from '../shared/define-adapter.ts';
import { missingEntry, operationsOf } from '../shared/operation-table.ts';
import { outcomeOfCamaraAnswer } from '../camara/answer.ts';
import { postCamaraRequest } from '../camara/request.ts';
import { rapidApiCredentials } from './auth.ts';
import { parseNokiaConfig, type NokiaProviderConfig, type NokiaProviderConfigInput } from './config.ts';
import { NOKIA_OPERATIONS } from './operations.ts';
import { nacNonOkAnswer } from './errors.ts';
import { createNokiaNumberVerifier } from './number-verification.ts';

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
    return outcomeOfCamaraAnswer(provider.id, operation, request, response, (answer) =>
      nacNonOkAnswer(provider.id, answer, now(), operation.unknownNumberCodes),
    );
  }

  const numberVerification = provider.numberVerification
    ? createNokiaNumberVerifier({ provider, numberVerification: provider.numberVerification, http: deps.http, now })
    : undefined;

  return defineAdapter({
    id: provider.id,
    kind: 'nokia',
    operations: operationsOf(NOKIA_OPERATIONS),
    call,
    numberVerification,
  });
}
