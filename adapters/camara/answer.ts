/**
 * The outcome of a CAMARA-shaped answer, for every upstream that speaks CAMARA (operators, NaC):
 * a non-200 through the upstream's error mapping, a 200 through the operation's reader.
 */
import type { OperationId, OperationParams, OperationValue } from '../../src/contract/signals.ts';
import type { HttpResponse } from '../../src/contract/http.ts';
import { UpstreamError, type OperationOutcome, type OperationRequest } from '../../src/contract/adapter.ts';
import { parseJsonText } from '../shared/json-text.ts';
import { malformedAnswer } from '../shared/upstream-failures.ts';
import type { DefiniteNonOkOutcome } from './errors.ts';
import type { OperationParseResult } from './api-operation.ts';

export interface CamaraAnswerReader<Op extends OperationId> {
  readonly id: Op;
  parse(json: unknown, params: OperationParams<Op>): OperationParseResult<OperationValue<Op>>;
}

export function outcomeOfCamaraAnswer<Op extends OperationId>(
  provider: string,
  operation: CamaraAnswerReader<Op>,
  request: OperationRequest<Op>,
  response: HttpResponse,
  nonOkAnswer: (response: HttpResponse) => DefiniteNonOkOutcome | UpstreamError,
): OperationOutcome<Op> {
  if (response.status !== 200) {
    const answer = nonOkAnswer(response);
    if (answer instanceof UpstreamError) throw answer;
    return answer;
  }
  const json = parseJsonText(response.body);
  if (json === undefined) throw malformedAnswer(provider, `${operation.id} answered 200 with a body that is not JSON`);
  const parsed = operation.parse(json, request.params);
  if (parsed.ok === 'cannot_tell') return { status: 'not_supported', message: `${provider}: ${parsed.message}` };
  if (!parsed.ok) throw malformedAnswer(provider, `invalid ${operation.id} answer (${parsed.issue})`);
  return { status: 'ok', value: parsed.value };
}
