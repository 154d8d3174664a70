/**
 * Access tokens from a CAMARA operator's OIDC authorization server (openid-client):
 * discovery, then client credentials (2-legged) or CIBA (3-legged, the number in `login_hint`).
 *
 * Tokens are cached per tenant and scope set; CIBA tokens also per number, keyed by a salted
 * SHA-256 of it so the raw number never sits in a cache key. Nothing happens at construction:
 * discovery runs on the first token request, once, and again after a failure.
 */
import * as oidc from 'openid-client';
import { importJWK } from 'jose';
import type { HttpClient } from '../http.ts';
import { UpstreamError } from '../types.ts';
import { untilAborted } from '../shared/abort.ts';
import { createTokenCache, type CachedToken, type TokenLease } from '../shared/token-cache.ts';
import type { CamaraAuthConfig, ClientAuthConfig } from './config.ts';
import { mapOAuthError } from './errors.ts';
import { sharedOnce } from '../../src/resilience/shared-once.ts';

export interface AccessToken extends CachedToken {
  readonly value: string;
  /** Issued for one subscriber (CIBA): the API call must not name the number again (Commonalities ≥ 0.5). */
  readonly threeLegged: boolean;
}

export interface TokenRequest {
  tenantId: string;
  /** API scopes (e.g. `sim-swap:check`); the purpose and, for CIBA, `openid` are added here. */
  scopes: readonly string[];
  /** The subscriber; becomes the CIBA login_hint. Ignored by client credentials. */
  phoneNumber: string;
}

export interface TokenSource {
  readonly threeLegged: boolean;
  getToken(request: TokenRequest, signal: AbortSignal): Promise<TokenLease<AccessToken>>;
  /** The upstream refused this token: forget it so the next request mints a new one. */
  invalidate(lease: TokenLease<AccessToken>): void;
  close(): void;
}

export interface OidcTokenSourceOptions {
  provider: string;
  issuer: string;
  auth: CamaraAuthConfig;
  http: HttpClient;
  allowInsecureHttp: boolean;
  now: () => number;
  refreshSkewSeconds: number;
  maxCachedTokens: number;
  /** Per-request timeout openid-client applies to discovery and token endpoint calls. */
  requestTimeoutSeconds?: number;
}

export function createOidcTokenSource(options: OidcTokenSourceOptions): TokenSource {
  const { provider, auth, now } = options;
  const threeLegged = auth.flow === 'ciba';
  const cache = createTokenCache<AccessToken>({ maxEntries: options.maxCachedTokens, now });
  const discover = sharedOnce(async () => {
    const clientAuth = await clientAuthentication(provider, auth.clientAuth);
    return oidc.discovery(new URL(options.issuer), auth.clientId, undefined, clientAuth, {
      execute: options.allowInsecureHttp ? [oidc.allowInsecureRequests] : [],
      [oidc.customFetch]: options.http.fetch as oidc.CustomFetch,
      timeout: options.requestTimeoutSeconds ?? 10,
    });
  });
  let subjectSalt: Uint8Array | undefined;

  async function mint(request: TokenRequest, signal: AbortSignal): Promise<AccessToken> {
    try {
      const config = await untilAborted(discover(), signal);
      const scope = scopeFor(request.scopes);
      const issuedAt = now();
      const response = threeLegged
        ? await cibaGrant(config, scope, loginHint(request.phoneNumber), signal)
        : await untilAborted(oidc.clientCredentialsGrant(config, { scope }), signal);
      if (response.token_type !== 'bearer') {
        throw new UpstreamError(provider, 'malformed', `${provider}: unsupported token type "${response.token_type}"`);
      }
      return {
        value: response.access_token,
        usableUntil: usableUntil(issuedAt, response.expires_in),
        threeLegged,
      };
    } catch (error) {
      throw mapOAuthError(provider, error, signal, now());
    }
  }

  async function cibaGrant(config: oidc.Configuration, scope: string, login_hint: string, signal: AbortSignal) {
    const started = await untilAborted(oidc.initiateBackchannelAuthentication(config, { scope, login_hint }), signal);
    return oidc.pollBackchannelAuthenticationGrant(config, started, undefined, { signal });
  }

  function scopeFor(apiScopes: readonly string[]): string {
    return [...(threeLegged ? ['openid'] : []), auth.purpose, ...apiScopes].join(' ');
  }

  function loginHint(phoneNumber: string): string {
    return `${auth.loginHintFormat}:${phoneNumber}`;
  }

  /** Reusable until expiry minus the skew (at most half the lifetime); without expires_in, not reused. */
  function usableUntil(issuedAt: number, expiresInSeconds: number | undefined): number {
    if (expiresInSeconds === undefined || expiresInSeconds <= 0) return issuedAt;
    const lifetimeMs = expiresInSeconds * 1000;
    return issuedAt + lifetimeMs - Math.min(options.refreshSkewSeconds * 1000, lifetimeMs / 2);
  }

  async function cacheKey(request: TokenRequest): Promise<string> {
    const scopes = [...request.scopes].sort().join(' ');
    const subject = threeLegged ? await subjectDigest(request.phoneNumber) : '';
    return JSON.stringify([request.tenantId, scopes, subject]);
  }

  async function subjectDigest(phoneNumber: string): Promise<string> {
    subjectSalt ??= crypto.getRandomValues(new Uint8Array(16));
    const number = new TextEncoder().encode(phoneNumber);
    const input = new Uint8Array(subjectSalt.length + number.length);
    input.set(subjectSalt);
    input.set(number, subjectSalt.length);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
    return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }

  return {
    threeLegged,
    async getToken(request, signal) {
      const key = await cacheKey(request);
      try {
        return await cache.get(key, (mintSignal) => mint(request, mintSignal), signal);
      } catch (error) {
        // A CIBA flow is slow by design: the caller's deadline ending it is no sign of trouble upstream.
        if (threeLegged && signal.aborted && !(error instanceof UpstreamError)) {
          throw new UpstreamError(provider, 'token_pending', `${provider}: the subject's authorization was still under way`, { cause: error });
        }
        throw error;
      }
    },
    invalidate: (lease) => cache.invalidate(lease),
    close: () => cache.clear(),
  };
}

export async function clientAuthentication(provider: string, clientAuth: ClientAuthConfig): Promise<oidc.ClientAuth> {
  switch (clientAuth.method) {
    case 'client_secret_basic':
      return oidc.ClientSecretBasic(clientAuth.clientSecret);
    case 'client_secret_post':
      return oidc.ClientSecretPost(clientAuth.clientSecret);
    case 'private_key_jwt': {
      const { privateJwk } = clientAuth;
      const key = await importJWK(privateJwk, privateJwk.alg).catch(() => undefined);
      if (!(key instanceof CryptoKey) || key.type !== 'private') {
        throw new UpstreamError(provider, 'auth', `${provider}: privateJwk is not a usable private key for ${privateJwk.alg}`);
      }
      return oidc.PrivateKeyJwt({ key, kid: privateJwk.kid });
    }
  }
}
