/**
 * Nokia Network as Code's Number Verification as a NumberVerifier, the way NaC's SDKs run it.
 *
 * NaC's authorization server is found through RapidAPI (the application key): the application's
 * OAuth client from `GET /oauth2/v1/auth/clientcredentials`, the endpoints from
 * `GET /.well-known/openid-configuration`; both fetched once and shared. The device opens the
 * authorization URL (`login_hint` = the number: NaC is an aggregator and routes the device to that
 * number's operator, which recognises the line by its mobile data session) and comes back with a
 * code. Then, per `numberVerification.flow`:
 *   - `fast`: `POST …/number-verification/v0/verify?code&state`; NaC redeems the code itself;
 *   - `standard`: the code is redeemed at `token_endpoint` (client_secret_basic) and /verify is
 *     called with the 3-legged token.
 * Either way the code goes out in the first request of verify(), which is single-use and never cached.
 */
import { z } from 'zod';
import { sha256Hex } from '../../src/contract/encoding.ts';
import type { HttpClient, HttpResponse } from '../../src/contract/http.ts';
import { UpstreamError, type CallContext, type NumberVerifier, type OperationOutcome } from '../../src/contract/adapter.ts';
import { sharedOnce } from '../../src/contract/shared-once.ts';
import { untilAborted } from '../shared/abort.ts';
import { parseJsonText, readJsonAs } from '../shared/json-text.ts';
import { failureOfStatus, malformedAnswer, parseRetryAfter, quotedUpstreamText, upstreamErrorFromThrown } from '../shared/upstream-failures.ts';
import { NOT_AUTHENTICATED_BY_MOBILE_NETWORK } from '../camara/number-verification.ts';
import { postCamaraRequest } from '../camara/request.ts';
import { rapidApiCredentials } from './auth.ts';
import type { NokiaNumberVerificationConfig, NokiaProviderConfig } from './config.ts';
import { nacNonOkAnswer, rapidApiRefusal } from './errors.ts';

export const NAC_NUMBER_VERIFICATION_PATH = '/passthrough/camara/v1/number-verification/number-verification/v0';
const CLIENT_CREDENTIALS_PATH = '/oauth2/v1/auth/clientcredentials';
const DISCOVERY_PATH = '/.well-known/openid-configuration';
/** Bounds the shared discovery (its callers wait under their own deadlines). */
const DISCOVERY_TIMEOUT_MS = 10_000;

const ClientCredentials = z.object({ client_id: z.string().min(1), client_secret: z.string().min(1) });
const AuthorizationServerMetadata = z.object({
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  fast_flow_csp_auth_endpoint: z.url().optional(),
});
const TokenAnswer = z.object({ access_token: z.string().min(1), token_type: z.string() });
const OAuthErrorBody = z.looseObject({ error: z.string() });
const ErrorCode = z.looseObject({ code: z.string() });
const VerifyResponse = z.object({ devicePhoneNumberVerified: z.boolean() });

/** What NaC's authorization server is for this application. */
interface NacAuthorizationServer {
  clientId: string;
  clientSecret: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  fastFlowEndpoint: string | undefined;
}

export interface NokiaNumberVerifierOptions {
  provider: NokiaProviderConfig;
  numberVerification: NokiaNumberVerificationConfig;
  http: HttpClient;
  now: () => number;
}

export function createNokiaNumberVerifier(options: NokiaNumberVerifierOptions): NumberVerifier {
  const { provider, numberVerification: settings, http, now } = options;
  const id = provider.id;
  const credentials = rapidApiCredentials(provider);
  const authorizationServer = sharedOnce(() => discover(AbortSignal.timeout(DISCOVERY_TIMEOUT_MS)));

  /** A GET through RapidAPI whose 200 body must fit `schema`. */
  async function getThroughRapidApi<T>(path: string, schema: z.ZodType<T>, what: string, signal: AbortSignal): Promise<T> {
    try {
      const response = await http.send({ method: 'GET', url: provider.baseUrl + path, headers: { ...credentials, accept: 'application/json' }, signal });
      if (response.status !== 200) throw nonOkFailure(response);
      const parsed = schema.safeParse(parseJsonText(response.body));
      if (!parsed.success) throw malformedAnswer(id, `unreadable ${what}`);
      return parsed.data;
    } catch (error) {
      throw upstreamErrorFromThrown(id, error, signal);
    }
  }

  async function discover(signal: AbortSignal): Promise<NacAuthorizationServer> {
    const [client, metadata] = await Promise.all([
      getThroughRapidApi(CLIENT_CREDENTIALS_PATH, ClientCredentials, 'client credentials', signal),
      getThroughRapidApi(DISCOVERY_PATH, AuthorizationServerMetadata, 'authorization server metadata', signal),
    ]);
    const endpoints = [metadata.authorization_endpoint, metadata.token_endpoint, metadata.fast_flow_csp_auth_endpoint];
    if (!provider.allowInsecureHttp && endpoints.some((endpoint) => endpoint !== undefined && new URL(endpoint).protocol !== 'https:')) {
      throw new UpstreamError(id, 'malformed', `${id}: NaC's authorization server metadata names an endpoint that is not https`);
    }
    return {
      clientId: client.client_id,
      clientSecret: client.client_secret,
      authorizationEndpoint: metadata.authorization_endpoint,
      tokenEndpoint: metadata.token_endpoint,
      fastFlowEndpoint: metadata.fast_flow_csp_auth_endpoint,
    };
  }

  /** A non-200 answer that cannot be a Number Verification outcome: the error to throw. */
  function nonOkFailure(response: HttpResponse): UpstreamError {
    const mapped = nacNonOkAnswer(id, response, now());
    if (mapped instanceof UpstreamError) return mapped;
    return new UpstreamError(id, 'rejected', `${id} answered ${response.status}`, { httpStatus: response.status });
  }

  /** Standard flow: the code → a 3-legged access token at NaC's token endpoint. */
  async function redeemCode(server: NacAuthorizationServer, input: { code: string; redirectUri: string }, signal: AbortSignal): Promise<string> {
    const basic = btoa(`${encodeURIComponent(server.clientId)}:${encodeURIComponent(server.clientSecret)}`);
    const response = await http.send({
      method: 'POST',
      url: server.tokenEndpoint,
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri }).toString(),
      signal,
    });
    if (response.status !== 200) throw tokenFailure(id, response, now());
    const token = readJsonAs(TokenAnswer, response.body);
    if (!token) throw malformedAnswer(id, 'unreadable token answer');
    if (token.token_type.toLowerCase() !== 'bearer') {
      throw malformedAnswer(id, `unsupported token type "${quotedUpstreamText(token.token_type, 20)}"`);
    }
    return token.access_token;
  }

  async function askVerify(
    input: { code: string; state?: string; redirectUri: string; phoneNumber: string },
    context: CallContext,
  ): Promise<HttpResponse> {
    const url = new URL(`${provider.baseUrl}${NAC_NUMBER_VERIFICATION_PATH}/verify`);
    let proof: Record<string, string> = {};
    if (settings.flow === 'fast') {
      url.searchParams.set('code', input.code);
      if (input.state !== undefined) url.searchParams.set('state', input.state);
    } else {
      const server = await untilAborted(authorizationServer(), context.signal);
      proof = { authorization: `Bearer ${await redeemCode(server, input, context.signal)}` };
    }
    const body =
      settings.send === 'hashedPhoneNumber' ? { hashedPhoneNumber: await sha256Hex(input.phoneNumber) } : { phoneNumber: input.phoneNumber };
    return postCamaraRequest(http, { url: url.href, credentials: { ...credentials, ...proof }, body }, context);
  }

  function outcomeOf(response: HttpResponse): OperationOutcome<'number_verification.verify'> {
    if (response.status !== 200) {
      const refusal = rapidApiRefusal(id, response);
      if (refusal) throw refusal;
      const code = readJsonAs(ErrorCode, response.body)?.code;
      if (response.status === 403 && code === NOT_AUTHENTICATED_BY_MOBILE_NETWORK) {
        // Fail closed: the network did not vouch for the device's line, so nothing was compared.
        return { status: 'not_supported', message: `${id}: the device was not authenticated by the mobile network (${NOT_AUTHENTICATED_BY_MOBILE_NETWORK})` };
      }
      if (response.status === 401) {
        // NaC's own 401 (RapidAPI's has no code): the code or its token was refused, not our application key.
        throw new UpstreamError(id, 'rejected', `${id}: NaC refused the authorization code or token (401)`, { httpStatus: 401 });
      }
      const mapped = nacNonOkAnswer(id, response, now());
      if (mapped instanceof UpstreamError) throw mapped;
      return mapped;
    }
    const parsed = VerifyResponse.safeParse(parseJsonText(response.body));
    if (!parsed.success) throw malformedAnswer(id, 'invalid verify answer (devicePhoneNumberVerified: boolean required)');
    return { status: 'ok', value: { verified: parsed.data.devicePhoneNumberVerified } };
  }

  return {
    async authorizationUrl(input) {
      const server = await authorizationServer();
      const endpoint = settings.flow === 'fast' ? server.fastFlowEndpoint : server.authorizationEndpoint;
      if (!endpoint) throw new UpstreamError(id, 'rejected', `${id}: NaC's metadata names no fast_flow_csp_auth_endpoint: use the standard flow`);
      const url = new URL(endpoint);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', server.clientId);
      url.searchParams.set('redirect_uri', input.redirectUri);
      url.searchParams.set('scope', settings.scope);
      url.searchParams.set('state', input.state);
      // NaC routes the device to this number's operator.
      url.searchParams.set('login_hint', input.phoneNumber);
      return url;
    },

    async verify(input, context) {
      try {
        return outcomeOf(await askVerify(input, context));
      } catch (error) {
        throw upstreamErrorFromThrown(id, error, context.signal);
      }
    },
  };
}

/** The token endpoint's RFC 6749 refusal: a refused code is `rejected`, refused client credentials `auth`. */
function tokenFailure(provider: string, response: HttpResponse, now: number): UpstreamError {
  const error = readJsonAs(OAuthErrorBody, response.body)?.error;
  const failure =
    error === 'invalid_client' || error === 'unauthorized_client' ? 'auth' : (failureOfStatus(response.status) ?? 'rejected');
  const described = error ? ` ${quotedUpstreamText(error, 40)}` : '';
  return new UpstreamError(provider, failure, `${provider} token endpoint answered ${response.status}${described}`, {
    httpStatus: response.status,
    retryAfterMs: failure === 'rate_limited' ? parseRetryAfter(response.headers.get('retry-after'), now) : undefined,
  });
}
