/**
 * The one shape of every adapter. An adapter says what it offers and how it asks its upstream;
 * this supplies the rest the same way for all: an operation not offered is answered not_supported
 * without asking, and anything a call throws reaches the caller as an UpstreamError (the deadline's
 * abort as 'timeout', whatever the library raised).
 */
import type { OperationId } from '../../src/contract/signals.ts';
import type { Adapter, CallContext, OperationOutcome, OperationRequest } from '../../src/contract/adapter.ts';
import { upstreamErrorFromThrown } from './upstream-failures.ts';

/** An adapter without execute(): `call` is asked only for what `operations` offers. */
export type AdapterDefinition = Omit<Adapter, 'execute'> & {
  call<Op extends OperationId>(request: OperationRequest<Op>, context: CallContext): Promise<OperationOutcome<Op>>;
};

export function defineAdapter(definition: AdapterDefinition): Adapter {
  const { id, kind, operations, numberVerification, warmUpTokens, close } = definition;
  return {
    id,
    kind,
    operations,
    ...(numberVerification ? { numberVerification } : {}),
    ...(warmUpTokens ? { warmUpTokens } : {}),
    ...(close ? { close } : {}),

    async execute<Op extends OperationId>(request: OperationRequest<Op>, context: CallContext): Promise<OperationOutcome<Op>> {
      if (!operations.has(request.operation)) {
        return { status: 'not_supported', message: `${id} does not offer ${request.operation}` };
      }
      try {
        return await definition.call(request, context);
      } catch (error) {
        throw upstreamErrorFromThrown(id, error, context.signal);
      }
    },
  };
}
