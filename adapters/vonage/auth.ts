/**
 * Vonage application JWTs (RS256, claims application_id, iat, jti, exp), minted locally with the
 * application's private key. Nothing is exchanged with Vonage: the JWT itself is the bearer
 * credential, so one JWT serves every request (of every tenant: it is the provider's credential,
 * not a tenant's) until shortly before it expires; each new JWT gets a fresh jti.
 */
import { importJWK, importPKCS8, SignJWT, type JWK } from 'jose';
import { UpstreamError } from '../../src/contract/adapter.ts';
import { createTokenCache, type CachedToken, type TokenLease } from '../shared/token-cache.ts';
import { sharedOnce } from '../../src/contract/shared-once.ts';

export interface ApplicationJwt extends CachedToken {
  readonly value: string;
}

export interface ApplicationJwtSource {
  get(signal: AbortSignal): Promise<TokenLease<ApplicationJwt>>;
  /** Vonage refused this JWT: the next get() mints a new one. */
  invalidate(lease: TokenLease<ApplicationJwt>): void;
  close(): void;
}

export interface ApplicationJwtOptions {
  provider: string;
  applicationId: string;
  /** PKCS#8 PEM or RSA private JWK. */
  privateKey: string | JWK;
  ttlSeconds: number;
  now: () => number;
}

/** Renewed this long before exp (at most half the lifetime), so a JWT never expires in flight. */
const RENEW_BEFORE_EXPIRY_S = 60;
const CACHE_KEY = 'application';

export function createApplicationJwtSource(options: ApplicationJwtOptions): ApplicationJwtSource {
  const { provider, ttlSeconds, now } = options;
  const cache = createTokenCache<ApplicationJwt>({ maxEntries: 1, now });
  const key = sharedOnce(() => importSigningKey(provider, options.privateKey));

  async function mint(): Promise<ApplicationJwt> {
    const issuedAt = Math.floor(now() / 1000);
    const expiresAt = issuedAt + ttlSeconds;
    const value = await new SignJWT({ application_id: options.applicationId })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuedAt(issuedAt)
      .setJti(crypto.randomUUID())
      .setExpirationTime(expiresAt)
      .sign(await key());
    const renewBefore = Math.min(RENEW_BEFORE_EXPIRY_S, ttlSeconds / 2);
    return { value, usableUntil: (expiresAt - renewBefore) * 1000 };
  }

  return {
    get: (signal) => cache.get(CACHE_KEY, mint, signal),
    invalidate: (lease) => cache.invalidate(lease),
    close: () => cache.clear(),
  };
}

async function importSigningKey(provider: string, privateKey: string | JWK): Promise<CryptoKey> {
  const unusable = () => new UpstreamError(provider, 'auth', `${provider}: privateKey is not a usable RS256 private key`);
  const key = await (typeof privateKey === 'string' ? importPKCS8(privateKey, 'RS256') : importJWK(privateKey, 'RS256')).catch(
    () => undefined,
  );
  if (!(key instanceof CryptoKey) || key.type !== 'private') throw unusable();
  return key;
}
