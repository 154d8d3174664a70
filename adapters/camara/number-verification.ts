/**
 * CAMARA Number Verification 2.x (2.0.0 / 2.1.0, `/number-verification/v2`) as a NumberVerifier.
 *
 * The only flow is the OIDC authorization code with network-based authentication: the device
 * opens authorizationUrl() over its mobile data, the operator recognises the line and redirects
 * back with a code; verify() exchanges it (PKCE) and asks POST /verify whether that line is the
 * claimed number. Tokens are single-use by nature (one per device flow): nothing is cached.
 */
import * as oidc from 'openid-client';
import { z } from 'zod';
import { sha256Hex } from '../../src/contract/encoding.ts';
import type { HttpClient, HttpResponse } from '../../src/contract/http.ts';
import { UpstreamError, type CallContext, type NumberVerifier, type OperationOutcome } from '../../src/contract/adapter.ts';
import { parseJsonText, readJsonAs } from '../shared/json-text.ts';
import { malformedAnswer, quotedUpstreamText, upstreamErrorFromThrown } from '../shared/upstream-failures.ts';
import type { CamaraAuthConfig, NumberVerificationApiConfig } from './config.ts';
import { mapCamaraErrorResponse, mapOAuthError } from './errors.ts';
import { postCamaraRequest } from './request.ts';
import type { OidcConfigurationFor } from './oidc-client.ts';

export const NUMBER_VERIFICATION_SCOPE = 'number-verification:verify';
/** The token did not come from network-based (or SIM-based) authentication: the check could not be made. */
export const NOT_AUTHENTICATED_BY_MOBILE_NETWORK = 'NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK';

const VerifyResponse = z.object({ devicePhoneNumberVerified: z.boolean() });
const ErrorCode = z.looseObject({ code: z.string() });

export interface CamaraNumberVerifierOptions {
  provider: string;
  /** The operator's apiRoot. */
  baseUrl: string;
  auth: CamaraAuthConfig;
  api: NumberVerificationApiConfig;
  http: HttpClient;
  /** The operator's OpenID Provider (oidc-client.ts), shared with the adapter's token source. */
  configurationFor: OidcConfigurationFor;
  now: () => number;
}

export function createCamaraNumberVerifier(options: CamaraNumberVerifierOptions): NumberVerifier {
  const { provider, auth, api, http, now } = options;
  const verifyUrl = `${options.baseUrl}${api.basePath ?? `/number-verification/${api.version}`}/verify`;

  async function exchangeCode(
    input: { redirectUri: string; code: string; codeVerifier: string; state?: string; nonce?: string },
    signal: AbortSignal,
  ): Promise<string> {
    try {
      // Under the session's deadline, not the device's connection (the route's); single-use, never cached.
      const config = await options.configurationFor(signal);
      // openid-client reads the code (and state) from the callback URL and sends redirect_uri without its query.
      const callback = new URL(input.redirectUri);
      callback.searchParams.set('code', input.code);
      if (input.state !== undefined) callback.searchParams.set('state', input.state);
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: input.codeVerifier,
        expectedState: input.state,
        expectedNonce: input.nonce,
      });
      if (tokens.token_type !== 'bearer') {
        throw new UpstreamError(provider, 'malformed', `${provider}: unsupported token type "${quotedUpstreamText(tokens.token_type, 20)}"`);
      }
      return tokens.access_token;
    } catch (error) {
      throw mapOAuthError(provider, error, signal, now());
    }
  }

  async function askVerify(token: string, phoneNumber: string, context: CallContext): Promise<HttpResponse> {
    const body =
      api.send === 'hashedPhoneNumber' ? { hashedPhoneNumber: await sha256Hex(phoneNumber) } : { phoneNumber };
    return postCamaraRequest(http, { url: verifyUrl, credentials: { authorization: `Bearer ${token}` }, body }, context);
  }

  function outcomeOf(response: HttpResponse): OperationOutcome<'number_verification.verify'> {
    if (response.status === 403 && errorCodeOf(response.body) === NOT_AUTHENTICATED_BY_MOBILE_NETWORK) {
      // Fail closed: the network did not vouch for the device's line, so nothing was compared.
      return {
        status: 'not_supported',
        message: `${provider}: the device was not authenticated by the mobile network (${NOT_AUTHENTICATED_BY_MOBILE_NETWORK})`,
      };
    }
    if (response.status !== 200) {
      const mapped = mapCamaraErrorResponse(response, { provider, now: now() });
      if (mapped instanceof UpstreamError) throw mapped;
      return mapped;
    }
    const json = parseJsonText(response.body);
    if (json === undefined) throw malformedAnswer(provider, 'verify answered 200 with a body that is not JSON');
    const parsed = VerifyResponse.safeParse(json);
    if (!parsed.success) throw malformedAnswer(provider, 'invalid verify answer (devicePhoneNumberVerified: boolean required)');
    return { status: 'ok', value: { verified: parsed.data.devicePhoneNumberVerified } };
  }

  return {
    async authorizationUrl(input) {
      if (new URL(input.redirectUri).search || new URL(input.redirectUri).hash) {
        throw new TypeError('redirectUri must have no query or fragment (the token request repeats it without them)');
      }
      let config: oidc.Configuration;
      try {
        config = await options.configurationFor();
      } catch (error) {
        throw mapOAuthError(provider, error, undefined, now());
      }
      if (!config.serverMetadata().authorization_endpoint) {
        throw new UpstreamError(provider, 'rejected', `${provider} publishes no authorization_endpoint: it offers no Number Verification device flow`);
      }
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: input.redirectUri,
        scope: ['openid', auth.purpose, NUMBER_VERIFICATION_SCOPE].join(' '),
        state: input.state,
        code_challenge: input.codeChallenge,
        code_challenge_method: 'S256',
        // NV 2.x: no user interaction; the provider implies it anyway.
        prompt: 'none',
        ...(input.nonce !== undefined ? { nonce: input.nonce } : {}),
      });
    },

    async verify(input, context) {
      const token = await exchangeCode(input, context.signal);
      try {
        return outcomeOf(await askVerify(token, input.phoneNumber, context));
      } catch (error) {
        throw upstreamErrorFromThrown(provider, error, context.signal);
      }
    },
  };
}

function errorCodeOf(body: string): string | undefined {
  return readJsonAs(ErrorCode, body)?.code;
}
