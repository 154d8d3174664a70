/**
 * Telesign PhoneID as a numtrust provider: every operation is one PhoneID request with the one
 * add-on ("identity attribute") that answers it, or none for the line type (phone_type, which
 * every PhoneID answer carries).
 *
 * Outcomes: phone type INVALID → not_found; add-on 2803 (out of coverage) and 2805 (no data for
 * this number) → not_supported: a definite "cannot answer for this number" that retrying will not
 * change and that says nothing about Telesign's health, so it must not trip the breaker (failover
 * still asks the next provider); 2811 → UpstreamError 'timeout'; any other 28xx → 'rejected'.
 */
import type { OperationId, OperationValue } from '../../src/contract/signals.ts';
import type { HttpResponse } from '../../src/contract/http.ts';
import { UpstreamError, type Adapter, type AdapterDependencies, type CallContext, type OperationOutcome, type OperationRequest } from '../../src/contract/adapter.ts';
import { defineAdapter } from '../shared/define-adapter.ts';
import { missingEntry, operationsOf } from '../shared/operation-table.ts';
import { parseJsonText } from '../shared/json-text.ts';
import { malformedAnswer } from '../shared/upstream-failures.ts';
import { PHONEID_OPERATIONS, type PhoneIdOperation, type Reading } from './operations.ts';
import { parseTelesignConfig, type TelesignProviderConfig, type TelesignProviderConfigInput } from './config.ts';
import { telesignHttpError } from './errors.ts';
import {
  ADDON_STATUS,
  AddonAnswer,
  COMPLETED_STATUSES,
  INVALID_PHONE_TYPE,
  phoneIdRequestBody,
  phoneIdResource,
  PhoneIdResponse,
} from './phoneid.ts';
import { basicAuthorization } from '../../src/contract/encoding.ts';
import { httpDate, tsaHeaders, tsaSigner, type TsaSigner } from './auth.ts';

const CONTENT_TYPE = 'application/json';

/** Validates `config` (throws a ZodError on mistakes) and builds the adapter. No I/O happens here. */
export function createTelesignAdapter(config: TelesignProviderConfigInput, deps: AdapterDependencies): Adapter {
  const provider: TelesignProviderConfig = parseTelesignConfig(config);
  const now = deps.now ?? Date.now;
  // Call forward detection needs the subscriber's consent on record.
  const operations = new Set<OperationId>(
    [...operationsOf(PHONEID_OPERATIONS)].filter(
      (operation) => PHONEID_OPERATIONS[operation]?.addon !== 'call_forward_detection' || provider.consent !== undefined,
    ),
  );
  // Made on first use: a Basic-mode key need not be valid base64.
  let sign: TsaSigner | undefined;

  async function authHeaders(resource: string, body: string): Promise<Record<string, string>> {
    if (provider.auth === 'basic') return { authorization: basicAuthorization(provider.customerId, provider.apiKey) };
    sign ??= tsaSigner(provider.apiKey, deps.hmacSha256);
    return tsaHeaders(provider.customerId, sign, {
      method: 'POST',
      resource,
      contentType: CONTENT_TYPE,
      body,
      date: httpDate(now()),
      nonce: crypto.randomUUID(),
    });
  }

  async function call<Op extends OperationId>(request: OperationRequest<Op>, context: CallContext): Promise<OperationOutcome<Op>> {
    const operation = PHONEID_OPERATIONS[request.operation];
    if (!operation) throw missingEntry(provider.id, request.operation);
    const { addon } = operation;
    const consent =
      addon === 'call_forward_detection' && provider.consent
        ? { method: provider.consent.method, timestamp: new Date(now()).toISOString() }
        : undefined;
    const resource = phoneIdResource(request.phoneNumber);
    const body = JSON.stringify(phoneIdRequestBody(addon, consent));
    const response = await deps.http.send({
      method: 'POST',
      url: provider.baseUrl + resource,
      headers: { 'content-type': CONTENT_TYPE, accept: 'application/json', ...(await authHeaders(resource, body)) },
      body,
      signal: context.signal,
    });
    return outcomeOf(operation, request, response);
  }

  function outcomeOf<Op extends OperationId>(operation: PhoneIdOperation<Op>, request: OperationRequest<Op>, response: HttpResponse): OperationOutcome<Op> {
    if (response.status !== 200) throw telesignHttpError(provider.id, response, now());
    const json = parseJsonText(response.body);
    const parsed = PhoneIdResponse.safeParse(json);
    if (!parsed.success) throw malformedAnswer(provider.id, 'a PhoneID answer without a readable status');
    const answer = parsed.data;
    if (!COMPLETED_STATUSES.has(answer.status.code)) {
      throw new UpstreamError(provider.id, 'server', `${provider.id}: PhoneID transaction status ${answer.status.code}`, { httpStatus: 200 });
    }
    if (answer.phone_type?.code === INVALID_PHONE_TYPE) {
      return { status: 'not_found', message: `${provider.id}: Telesign classifies the number as invalid (phone type 8)` };
    }

    const { addon } = operation;
    if (addon === undefined) return readingOutcome(operation.read(answer, request.params, now()), request.operation, 'phone_type');
    const addonAnswer = AddonAnswer.safeParse((json as Record<string, unknown>)[addon]);
    if (!addonAnswer.success) throw malformedAnswer(provider.id, `the ${addon} add-on answer is missing or has no status`);
    const code = addonAnswer.data.status.code;
    switch (code) {
      case ADDON_STATUS.success:
        break;
      case ADDON_STATUS.outOfCoverage:
        return { status: 'not_supported', message: `${provider.id}: number outside ${addon} coverage (2803)` };
      case ADDON_STATUS.noData:
        return { status: 'not_supported', message: `${provider.id}: Telesign has no ${addon} data for this number (2805)` };
      case ADDON_STATUS.timeout:
        throw new UpstreamError(provider.id, 'timeout', `${provider.id}: ${addon} timed out at Telesign (2811)`, { httpStatus: 200 });
      default:
        throw new UpstreamError(provider.id, 'rejected', `${provider.id}: ${addon} answered status ${code}`, { httpStatus: 200 });
    }

    return readingOutcome(operation.read(addonAnswer.data, request.params, now()), request.operation, addon);
  }

  function readingOutcome<Op extends OperationId>(reading: Reading<OperationValue<Op>>, operation: Op, part: string): OperationOutcome<Op> {
    switch (reading.kind) {
      case 'value':
        return { status: 'ok', value: reading.value };
      case 'indefinite':
        return { status: 'not_supported', message: `${provider.id}: Telesign cannot settle ${operation} (${reading.reason})` };
      case 'malformed':
        throw malformedAnswer(provider.id, `invalid ${part} answer (${reading.issue})`);
    }
  }

  return defineAdapter({
    id: provider.id,
    kind: 'telesign',
    operations,
    call,
  });
}
