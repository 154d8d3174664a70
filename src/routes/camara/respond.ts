import type { Context } from 'hono';
import { CamaraError, type CamaraCode } from '../../errors.ts';

/** Every code errorFor() answers with. */
export const SIGNAL_ERRORS = [
  'IDENTIFIER_NOT_FOUND',
  'SERVICE_NOT_APPLICABLE',
  'OUT_OF_RANGE',
  'INVALID_ARGUMENT',
  'BAD_GATEWAY',
  'TIMEOUT',
  'UNAVAILABLE',
] as const satisfies readonly CamaraCode[];
import type { NormalizedSignal, OperationId, OperationValue } from '../../contract/signals.ts';
import type { GatewayEnv } from '../http-context.ts';

/**
 * Turns a normalized signal into a CAMARA answer: numtrust speaks to CAMARA clients as if it
 * were one operator, whichever provider answered behind it.
 */
export function respondWithSignal<Op extends OperationId>(
  c: Context<GatewayEnv>,
  signal: NormalizedSignal<Op>,
  render: (value: OperationValue<Op>) => unknown,
): Response {
  c.set('provider', signal.provider);
  c.header('x-numtrust-provider', signal.provider);
  c.header('x-numtrust-cache', signal.cached ? 'hit' : 'miss');
  if (signal.status === 'ok' && signal.value !== null) {
    return c.json(render(signal.value), 200);
  }
  throw errorFor(signal);
}

function errorFor(signal: NormalizedSignal): CamaraError {
  const problem = signal.problem;
  switch (signal.status) {
    case 'not_found':
      return new CamaraError('IDENTIFIER_NOT_FOUND', 'Device identifier not found.');
    case 'not_supported':
      return new CamaraError(
        'SERVICE_NOT_APPLICABLE',
        problem?.code === 'NO_PROVIDER_COVERAGE'
          ? 'No provider of this gateway covers this service for the phone number range of the provided identifier.'
          : 'The service is not available for the provided identifier.',
      );
    case 'error':
      if (problem?.code === 'OUT_OF_RANGE') return new CamaraError('OUT_OF_RANGE', problem.message);
      if (problem?.code === 'INVALID_ARGUMENT') return new CamaraError('INVALID_ARGUMENT', problem.message);
      return new CamaraError('BAD_GATEWAY', 'The network provider refused the request; try again later or contact the operator of this gateway.');
    case 'unavailable':
    case 'ok':
      if (problem?.code === 'TIMEOUT') return new CamaraError('TIMEOUT', 'The network provider did not answer in time.');
      return new CamaraError('UNAVAILABLE', 'The network provider is unavailable; try again later.', {
        retryAfterSeconds: problem?.retryAfterMs !== undefined ? Math.max(1, Math.ceil(problem.retryAfterMs / 1000)) : undefined,
      });
  }
}
