/**
 * Vonage Identity Insights: one POST per operation asking for its one insight, authenticated by
 * the application JWT itself (no token exchange, no CIBA leg).
 */
import { z } from 'zod';
import type { OperationId } from '../../src/contract/signals.ts';
import type { HttpResponse } from '../../src/contract/http.ts';
import type { Adapter, AdapterDependencies, CallContext, OperationOutcome, OperationRequest } from '../../src/contract/adapter.ts';
import { defineAdapter } from '../shared/define-adapter.ts';
import { missingEntry } from '../shared/operation-table.ts';
import { parseJsonText } from '../shared/json-text.ts';
import { sendWithTokenRetry } from '../shared/token-retry.ts';
import { malformedAnswer } from '../shared/upstream-failures.ts';
import { createApplicationJwtSource } from './auth.ts';
import { parseVonageConfig, type VonageProviderConfig, type VonageProviderConfigInput } from './config.ts';
import { errorOfResponse, verdictOfInsightStatus, type MappingContext } from './errors.ts';
import { INSIGHT_OPERATIONS, MAX_PERIOD_HOURS, type InsightOperation } from './operations.ts';

export const IDENTITY_INSIGHTS_PATH = '/identity-insights/v1/requests';

const InsightsResponse = z.looseObject({
  request_id: z.string().optional(),
  insights: z.record(z.string(), z.unknown()),
});
const InsightResult = z.looseObject({
  status: z.looseObject({ code: z.string().min(1), message: z.string().optional() }),
});

/** Validates `config` (throws a ZodError on mistakes) and builds the adapter. No I/O happens here. */
export function createVonageAdapter(config: VonageProviderConfigInput, deps: AdapterDependencies): Adapter {
  const provider: VonageProviderConfig = parseVonageConfig(config);
  const now = deps.now ?? Date.now;
  const offered = new Set<OperationId>(provider.operations);
  const jwts = createApplicationJwtSource({
    provider: provider.id,
    applicationId: provider.applicationId,
    privateKey: provider.privateKey,
    ttlSeconds: provider.jwtTtlSeconds,
    now,
  });

  async function call<Op extends OperationId>(request: OperationRequest<Op>, context: CallContext): Promise<OperationOutcome<Op>> {
    const operation = INSIGHT_OPERATIONS[request.operation];
    if (!operation) throw missingEntry(provider.id, request.operation);
    return ask(operation, request, context);
  }

  async function ask<Op extends OperationId>(
    operation: InsightOperation<Op>,
    request: OperationRequest<Op>,
    context: CallContext,
  ): Promise<OperationOutcome<Op>> {
    const parameters = operation.parameters(request.params);
    if (parameters === undefined) {
      return {
        status: 'rejected',
        code: 'OUT_OF_RANGE',
        message: `${provider.id}: the ${operation.insight} period must be a whole number of hours from 1 to ${MAX_PERIOD_HOURS}`,
      };
    }
    const body = JSON.stringify({
      phone_number: request.phoneNumber,
      purpose: provider.purpose,
      insights: { [operation.insight]: parameters },
    });
    const response = await sendWithTokenRetry(
      () => jwts.get(context.signal),
      (lease) => jwts.invalidate(lease),
      (jwt) => send(body, jwt.value, context),
    );
    return outcomeOf(operation, request, response);
  }

  function send(body: string, jwt: string, context: CallContext): Promise<HttpResponse> {
    return deps.http.send({
      method: 'POST',
      url: provider.baseUrl + IDENTITY_INSIGHTS_PATH,
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json', accept: 'application/json' },
      body,
      signal: context.signal,
    });
  }

  function outcomeOf<Op extends OperationId>(
    operation: InsightOperation<Op>,
    request: OperationRequest<Op>,
    response: HttpResponse,
  ): OperationOutcome<Op> {
    const mapping: MappingContext = { provider: provider.id, now: now() };
    if (response.status !== 200) throw errorOfResponse(response, mapping);
    const malformed = (issue: string) => malformedAnswer(provider.id, `invalid ${operation.insight} answer (${issue})`);

    const json = parseJsonText(response.body);
    if (json === undefined) throw malformed('body is not JSON');
    const envelope = InsightsResponse.safeParse(json);
    if (!envelope.success) throw malformed('no insights object');
    const result = InsightResult.safeParse(envelope.data.insights[operation.insight]);
    if (!result.success) throw malformed(`no ${operation.insight} result with a status`);

    const verdict = verdictOfInsightStatus(operation.insight, result.data.status, mapping);
    if (!verdict.answered) {
      if ('error' in verdict) throw verdict.error;
      return verdict.outcome;
    }
    const read = operation.read(result.data, request.params, mapping.now);
    if (read.ok) return { status: 'ok', value: read.value };
    if ('missing' in read) {
      return { status: 'not_supported', message: `${provider.id}: the ${operation.insight} insight did not include ${read.missing}` };
    }
    throw malformed(read.invalid);
  }

  return defineAdapter({
    id: provider.id,
    kind: 'vonage',
    operations: offered,
    call,
    async close() {
      jwts.close();
    },
  });
}
