/**
 * The generic CAMARA operator client. One instance per configured operator: the config says where
 * it lives, how to get tokens and which API versions it speaks; this file only runs the call.
 */
import type { OperationId } from '../../src/contract/signals.ts';
import type { Adapter, AdapterDependencies, CallContext, OperationOutcome, OperationRequest, TokenWarmUp } from '../../src/contract/adapter.ts';
import { defineAdapter } from '../shared/define-adapter.ts';
import { entriesOf, missingEntry, operationsOf } from '../shared/operation-table.ts';
import { sendWithTokenRetry } from '../shared/token-retry.ts';
import { configuredOperations } from './operations.ts';
import { outcomeOfCamaraAnswer } from './answer.ts';
import { parseCamaraConfig, type CamaraProviderConfig, type CamaraProviderConfigInput } from './config.ts';
import { mapCamaraErrorResponse, UnknownSubjectError } from './errors.ts';
import { createCamaraNumberVerifier } from './number-verification.ts';
import { requestBody } from './api-operation.ts';
import { postCamaraRequest } from './request.ts';
import { oidcClient } from './oidc-client.ts';
import { createOidcTokenSource, type TokenRequest } from './auth.ts';

/**
 * Adds the time `lease` takes to the call's token wait, and says meanwhile that the call awaits
 * its token; a three-legged lease (a CIBA flow) is the subject's authorization too.
 */
async function timed<T>(lease: Promise<T>, timing: CallContext['timing'], threeLegged: boolean): Promise<T> {
  const started = performance.now();
  if (timing) {
    timing.awaitingToken = true;
    if (threeLegged) timing.authorizingSince = started;
  }
  try {
    return await lease;
  } finally {
    if (timing) {
      const waited = performance.now() - started;
      timing.awaitingToken = false;
      timing.tokenWaitMs += waited;
      if (threeLegged) {
        timing.authorizingSince = undefined;
        timing.authorizationWaitMs = (timing.authorizationWaitMs ?? 0) + waited;
      }
    }
  }
}

/** Validates `config` (throws a ZodError on mistakes) and builds the adapter. No I/O happens here. */
export function createCamaraAdapter(config: CamaraProviderConfigInput, deps: AdapterDependencies): Adapter {
  const provider: CamaraProviderConfig = parseCamaraConfig(config);
  const now = deps.now ?? Date.now;
  const operations = configuredOperations(provider.apis);
  // One discovery for the API tokens and the Number Verification device flow.
  const openIdProvider = oidcClient({
    provider: provider.id,
    issuer: provider.issuer ?? provider.baseUrl,
    auth: provider.auth,
    http: deps.http,
    allowInsecureHttp: provider.allowInsecureHttp,
  });
  const { configurationFor } = openIdProvider;
  const tokens = createOidcTokenSource({
    provider: provider.id,
    auth: provider.auth,
    configurationFor,
    now,
    refreshSkewSeconds: provider.tokenRefreshSkewSeconds,
    maxCachedTokens: provider.maxCachedTokens,
  });

  async function call<Op extends OperationId>(request: OperationRequest<Op>, context: CallContext): Promise<OperationOutcome<Op>> {
    const operation = operations[request.operation];
    if (!operation) throw missingEntry(provider.id, request.operation);
    const tokenRequest: TokenRequest = {
      tenantId: context.tenantId,
      scopes: [operation.scope],
      phoneNumber: request.phoneNumber,
    };
    try {
      const response = await sendWithTokenRetry(
        () => timed(tokens.getToken(tokenRequest, context.signal), context.timing, tokens.threeLegged),
        (lease) => tokens.invalidate(lease),
        (token) =>
          postCamaraRequest(
            deps.http,
            {
              url: provider.baseUrl + operation.path,
              credentials: { authorization: `Bearer ${token.value}` },
              body: requestBody(operation, request.phoneNumber, request.params, token.threeLegged),
            },
            context,
          ),
      );
      return outcomeOfCamaraAnswer(provider.id, operation, request, response, (answer) =>
        mapCamaraErrorResponse(answer, {
          provider: provider.id,
          now: now(),
          unknownNumberCodes: operation.unknownNumberCodes,
        }),
      );
    } catch (error) {
      if (error instanceof UnknownSubjectError) return { status: 'not_found', message: error.message };
      throw error;
    }
  }

  const numberVerification = provider.apis.numberVerification
    ? createCamaraNumberVerifier({
        provider: provider.id,
        baseUrl: provider.baseUrl,
        auth: provider.auth,
        api: provider.apis.numberVerification,
        http: deps.http,
        configurationFor,
        now,
      })
    : undefined;

  /** Client credentials only (the config refuses warmUp with CIBA, whose tokens are per number). */
  async function warmUpTokens(tenantId: string): Promise<TokenWarmUp[]> {
    const scopes = [...new Set(entriesOf(operations).map((operation) => operation.scope))];
    // No caller deadline: each mint is bounded by auth.tokenTimeoutMs.
    const noDeadline = new AbortController().signal;
    return Promise.all(
      scopes.map((scope) =>
        tokens.getToken({ tenantId, scopes: [scope], phoneNumber: '' }, noDeadline).then(
          () => ({ scope }),
          (error: unknown) => ({ scope, error }),
        ),
      ),
    );
  }

  return defineAdapter({
    id: provider.id,
    kind: 'camara',
    operations: operationsOf(operations),
    call,
    numberVerification,
    ...(provider.auth.warmUp ? { warmUpTokens } : {}),
    async close() {
      tokens.close();
      openIdProvider.close();
    },
  });
}
