/**
 * Twilio Lookup v2: `GET {baseUrl}/v2/PhoneNumbers/{+E164}?Fields=<package>` with HTTP Basic.
 * Two levels of failure: HTTP errors (`{code, message, more_info, status}`) and, inside a 200,
 * a package that is null (not offered for the number) or carries an `error_code`.
 */
import type { OperationId } from '../../src/contract/signals.ts';
import type { HttpResponse } from '../../src/contract/http.ts';
import { defineAdapter } from '../shared/define-adapter.ts';
import { missingEntry } from '../shared/operation-table.ts';
import { parseJsonText } from '../shared/json-text.ts';
import { malformedAnswer } from '../shared/upstream-failures.ts';
import { UpstreamError, type Adapter, type AdapterDependencies, type CallContext, type OperationOutcome, type OperationRequest } from '../../src/contract/adapter.ts';
import { twilioAuthorization } from './auth.ts';
import { parseTwilioConfig, type TwilioProviderConfigInput } from './config.ts';
import { httpErrorOf } from './errors.ts';
import { TWILIO_OPERATIONS, type InterpretEnvironment, type TwilioOperation } from './operations.ts';
import { packageErrorOutcome } from './errors.ts';
import { describeIssues, LookupBody } from './wire.ts';

const E164 = /^\+[1-9][0-9]{1,14}$/;
/** Validation error names are an enum; anything else is not quoted. */
const VALIDATION_ERROR = /^[A-Z_]{1,40}$/;

/** Validates `config` (throws a ZodError on mistakes) and builds the adapter. No I/O happens here. */
export function createTwilioAdapter(config: TwilioProviderConfigInput, deps: AdapterDependencies): Adapter {
  const provider = parseTwilioConfig(config);
  const now = deps.now ?? Date.now;
  const authorization = twilioAuthorization(provider);
  const packages = new Set(provider.packages);
  const operations = new Set<OperationId>(
    Object.values(TWILIO_OPERATIONS).flatMap((operation) => (operation && packages.has(operation.package) ? [operation.id] : [])),
  );

  function lookup(phoneNumber: string, fields: string, signal: AbortSignal): Promise<HttpResponse> {
    // The `+` goes into the path as it is, as Twilio's SDKs send it (Twilio accepts %2B too).
    return deps.http.send({
      method: 'GET',
      url: `${provider.baseUrl}/v2/PhoneNumbers/${phoneNumber}?Fields=${fields}`,
      headers: { authorization, accept: 'application/json' },
      signal,
    });
  }

  function outcomeOf<Op extends OperationId>(
    operation: TwilioOperation<Op>,
    request: OperationRequest<Op>,
    response: HttpResponse,
  ): OperationOutcome<Op> {
    if (response.status !== 200) {
      throw httpErrorOf(response, { provider: provider.id, now: now() });
    }
    const json = parseJsonText(response.body);
    if (json === undefined) throw malformedAnswer(provider.id, 'answered 200 with a body that is not JSON');
    const body = LookupBody.safeParse(json);
    if (!body.success) throw malformedAnswer(provider.id, `invalid lookup answer (${describeIssues(body.error)})`);
    if (typeof body.data.phone_number === 'string' && body.data.phone_number !== request.phoneNumber) {
      throw malformedAnswer(provider.id, 'answered for another number');
    }
    if (body.data.valid === false) {
      // Not in any range a carrier could assign: no subscriber can hold it, at Twilio or elsewhere.
      const reasons = (body.data.validation_errors ?? []).filter((reason) => VALIDATION_ERROR.test(reason));
      return { status: 'not_found', message: `${provider.id}: not a valid number${reasons.length ? ` (${reasons.join(', ')})` : ''}` };
    }

    const raw = (json as Record<string, unknown>)[operation.package];
    if (raw === null || raw === undefined) {
      return {
        status: 'not_supported',
        message: `${provider.id}: no ${operation.package} data for this number (not offered for its country or carrier)`,
      };
    }
    const pkg = operation.schema.safeParse(raw);
    if (!pkg.success) throw malformedAnswer(provider.id, `invalid ${operation.package} package (${describeIssues(pkg.error)})`);
    const errorCode = (pkg.data as { error_code?: number | null }).error_code;
    const env: InterpretEnvironment = { provider: provider.id, now: now(), fallbackWindowHours: provider.simSwapWindowHours };
    const answer =
      errorCode !== null && errorCode !== undefined
        ? packageErrorOutcome(provider.id, operation.package, errorCode)
        : operation.interpret(pkg.data, request.params, env);
    if (answer instanceof UpstreamError) throw answer;
    return answer;
  }

  async function call<Op extends OperationId>(request: OperationRequest<Op>, context: CallContext): Promise<OperationOutcome<Op>> {
    if (!E164.test(request.phoneNumber)) {
      return { status: 'rejected', code: 'INVALID_ARGUMENT', message: `${provider.id}: not an E.164 number` };
    }
    const operation = TWILIO_OPERATIONS[request.operation];
    if (!operation) throw missingEntry(provider.id, request.operation);
    const response = await lookup(request.phoneNumber, operation.package, context.signal);
    return outcomeOf(operation, request, response);
  }

  return defineAdapter({
    id: provider.id,
    kind: 'twilio',
    operations,
    call,
  });
}
