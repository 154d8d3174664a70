/**
 * Access tokens from a CAMARA operator's OIDC authorization server (openid-client):
 * client credentials (2-legged) or CIBA (3-legged, the number in `login_hint`).
 *
 * Tokens are cached per tenant and scope set; CIBA tokens also per number, keyed by a salted
 * SHA-256 of it so the raw number never sits in a cache key. A mint runs to its end even when every
 * caller has given up (see token-cache.ts), bounded by `auth.tokenTimeoutMs` and, for CIBA, by the
 * auth_req_id's `expires_in`. Nothing happens at construction: discovery runs on the first use.
 */
import { toHex } from '../../src/contract/encoding.ts';
import * as oidc from 'openid-client';
import { UpstreamError } from '../../src/contract/adapter.ts';
import { createTokenCache, type CachedToken, type TokenLease } from '../shared/token-cache.ts';
import type { CamaraAuthConfig } from './config.ts';
import { mapOAuthError } from './errors.ts';
import type { OidcConfigurationFor } from './oidc-client.ts';
import { deadline } from '../../src/contract/deadline.ts';

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
  auth: CamaraAuthConfig;
  /** The operator's OpenID Provider (oidc-client.ts). */
  configurationFor: OidcConfigurationFor;
  now: () => number;
  refreshSkewSeconds: number;
  maxCachedTokens: number;
}

export function createOidcTokenSource(options: OidcTokenSourceOptions): TokenSource {
  const { provider, auth, now } = options;
  const threeLegged = auth.flow === 'ciba';
  const cache = createTokenCache<AccessToken>({ maxEntries: options.maxCachedTokens, now, mintTimeoutMs: auth.tokenTimeoutMs });
  let subjectSalt: Uint8Array | undefined;

  async function mint(request: TokenRequest, signal: AbortSignal): Promise<AccessToken> {
    try {
      const config = await options.configurationFor(signal);
      const scope = scopeFor(request.scopes);
      const issuedAt = now();
      const response = threeLegged
        ? await cibaGrant(config, scope, loginHint(request.phoneNumber), signal)
        : await oidc.clientCredentialsGrant(config, { scope });
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
    const started = await oidc.initiateBackchannelAuthentication(config, { scope, login_hint });
    // Given a signal, openid-client no longer stops polling at expires_in itself.
    const polling = deadline(started.expires_in * 1000, signal);
    try {
      return await oidc.pollBackchannelAuthenticationGrant(config, started, undefined, { signal: polling.signal });
    } finally {
      polling.release();
    }
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
    return toHex(digest);
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
