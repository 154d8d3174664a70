/**
 * One CAMARA operator's OpenID Provider as openid-client sees it: discovery once, on first use (a
 * failure is forgotten, so the next use tries again), then a Configuration per use.
 *
 * openid-client's grants take no AbortSignal (only a per-request timeout), so each use gets its own
 * Configuration whose requests also follow that use's signal: a token mint aborted at its limit or at
 * shutdown drops its request to the operator instead of leaving it open until the timeout.
 * Discovery outlives the use that started it (the next use joins it); close() ends it, and every
 * other request to the operator still under way, at shutdown.
 */
import * as oidc from 'openid-client';
import { importJWK } from 'jose';
import type { HttpClient } from '../../src/contract/http.ts';
import { UpstreamError } from '../../src/contract/adapter.ts';
import { untilAborted } from '../shared/abort.ts';
import type { CamaraAuthConfig, ClientAuthConfig } from './config.ts';
import { sharedOnce } from '../../src/contract/shared-once.ts';

export interface OidcClientOptions {
  provider: string;
  issuer: string;
  auth: CamaraAuthConfig;
  http: HttpClient;
  allowInsecureHttp: boolean;
  /** Per-request timeout openid-client applies to discovery and every token endpoint call. */
  requestTimeoutSeconds?: number;
}

/** The operator's configuration for one use; its requests are aborted when `signal` fires. */
export type OidcConfigurationFor = (signal?: AbortSignal) => Promise<oidc.Configuration>;

export interface OidcClient {
  configurationFor: OidcConfigurationFor;
  /** Aborts every request to the operator still under way (discovery included); for shutdown. */
  close(): void;
}

export function oidcClient(options: OidcClientOptions): OidcClient {
  const { provider, auth, http } = options;
  const timeout = options.requestTimeoutSeconds ?? 10;
  const closed = new AbortController();
  /** http.fetch whose requests also end when any of `signals` fires, or at close(). */
  const fetchUntil = (...signals: Array<AbortSignal | undefined>): oidc.CustomFetch => (url, init) => {
    const all = [init.signal, ...signals, closed.signal].filter((each): each is AbortSignal => each !== undefined);
    return http.fetch(url, { ...init, signal: AbortSignal.any(all) } as RequestInit);
  };
  const discover = sharedOnce(async () => {
    const clientAuth = await clientAuthentication(provider, auth.clientAuth);
    const discovered = await oidc.discovery(new URL(options.issuer), auth.clientId, undefined, clientAuth, {
      execute: options.allowInsecureHttp ? [oidc.allowInsecureRequests] : [],
      [oidc.customFetch]: fetchUntil(),
      timeout,
    });
    return { server: discovered.serverMetadata(), clientAuth };
  });

  return {
    async configurationFor(signal) {
      const { server, clientAuth } = await (signal ? untilAborted(discover(), signal) : discover());
      const config = new oidc.Configuration(server, auth.clientId, undefined, clientAuth);
      if (options.allowInsecureHttp) oidc.allowInsecureRequests(config);
      config.timeout = timeout;
      config[oidc.customFetch] = fetchUntil(signal);
      return config;
    },
    close: () => closed.abort(new Error(`${provider}: adapter closed`)),
  };
}

async function clientAuthentication(provider: string, clientAuth: ClientAuthConfig): Promise<oidc.ClientAuth> {
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
