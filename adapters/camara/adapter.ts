/**
 * The generic CAMARA operator client. One instance per configured operator: the config says where
 * it lives, how to get tokens and which API versions it speaks; this file only runs the call.
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
import { configuredOperations } from './apis.ts';
import { parseCamaraConfig, type CamaraProviderConfig, type CamaraProviderConfigInput } from './config.ts';
import { mapCamaraErrorResponse, UnknownSubjectError } from './errors.ts';
import { createCamaraNumberVerifier } from './number-verification.ts';
import { requestBody, type AnyCamaraOperation, type CamaraOperation } from './operation.ts';
import { createOidcTokenSource, type AccessToken, type TokenRequest } from './token-source.ts';

/**
 * x-correlator values every Commonalities version accepts (0.5: `^[a-zA-Z0-9-]{0,55}$`; 0.6 allows
 * more): a `v2` operator may be on 2.0.0 or 2.1.0 and answers 400 to a value its version refuses.
 * Other values (rare; UUIDs pass) are not forwarded.
 */
const X_CORRELATOR = /^[a-zA-Z0-9-]{1,55}$/;

/** Validates `config` (throws a ZodError on mistakes) and builds the adapter. No I/O happens here. */
export function createCamaraAdapter(config: CamaraProviderConfigInput, deps: AdapterDependencies): Adapter {
  const provider: CamaraProviderConfig = parseCamaraConfig(config);
  const now = deps.now ?? Date.now;
  const operations = new Map<OperationId, AnyCamaraOperation>(
    configuredOperations(provider.apis).map((operation) => [operation.id, operation]),
  );
  const tokens = createOidcTokenSource({
    provider: provider.id,
    issuer: provider.issuer ?? provider.baseUrl,
    auth: provider.auth,
    http: deps.http,
    allowInsecureHttp: provider.allowInsecureHttp,
    now,
    refreshSkewSeconds: provider.tokenRefreshSkewSeconds,
    maxCachedTokens: provider.maxCachedTokens,
  });

  async function call<Op extends OperationId>(
    operation: CamaraOperation<Op>,
    request: OperationRequest<Op>,
    context: CallContext,
  ): Promise<OperationOutcome<Op>> {
    const tokenRequest: TokenRequest = {
      tenantId: context.tenantId,
      scopes: [operation.scope],
      phoneNumber: request.phoneNumber,
    };
    let lease = await tokens.getToken(tokenRequest, context.signal);
    let response = await send(operation, request, lease.token, context);
    if (response.status === 401 && lease.fromCache) {
      // The cached token was revoked or expired early: one retry with a fresh one.
      tokens.invalidate(lease);
      lease = await tokens.getToken(tokenRequest, context.signal);
      response = await send(operation, request, lease.token, context);
    }
    return outcomeOf(operation, request, response);
  }

  function send<Op extends OperationId>(
    operation: CamaraOperation<Op>,
    request: OperationRequest<Op>,
    token: AccessToken,
    context: CallContext,
  ): Promise<HttpResponse> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token.value}`,
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
      body: JSON.stringify(requestBody(operation, request.phoneNumber, request.params, token.threeLegged)),
      signal: context.signal,
    });
  }

  function outcomeOf<Op extends OperationId>(
    operation: CamaraOperation<Op>,
    request: OperationRequest<Op>,
    response: HttpResponse,
  ): OperationOutcome<Op> {
    if (response.status !== 200) {
      const mapped = mapCamaraErrorResponse(response, {
        provider: provider.id,
        phoneNumber: request.phoneNumber,
        now: now(),
        unknownNumberCodes: operation.unknownNumberCodes,
      });
      if (mapped instanceof UpstreamError) throw mapped;
      return mapped;
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
    if (parsed.ok === 'cannot_tell') return { status: 'not_supported', message: `${provider.id}: ${parsed.message}` };
    if (!parsed.ok) {
      throw new UpstreamError(provider.id, 'malformed', `${provider.id}: invalid ${operation.id} answer (${parsed.issue})`, {
        httpStatus: 200,
      });
    }
    return { status: 'ok', value: parsed.value };
  }

  const numberVerification = provider.apis.numberVerification
    ? createCamaraNumberVerifier({
        provider: provider.id,
        issuer: provider.issuer ?? provider.baseUrl,
        baseUrl: provider.baseUrl,
        auth: provider.auth,
        api: provider.apis.numberVerification,
        http: deps.http,
        allowInsecureHttp: provider.allowInsecureHttp,
        now,
      })
    : undefined;

  return {
    id: provider.id,
    kind: 'camara',
    operations: new Set(operations.keys()),
    ...(numberVerification ? { numberVerification } : {}),

    async execute<Op extends OperationId>(request: OperationRequest<Op>, context: CallContext): Promise<OperationOutcome<Op>> {
      const operation = operations.get(request.operation) as CamaraOperation<Op> | undefined;
      if (!operation) {
        return { status: 'not_supported', message: `${provider.id} does not offer ${request.operation}` };
      }
      try {
        return await call(operation, request, context);
      } catch (error) {
        if (error instanceof UnknownSubjectError) return { status: 'not_found', message: error.message };
        throw upstreamErrorFromThrown(provider.id, error, context.signal);
      }
    },

    async close() {
      tokens.close();
    },
  };
}

