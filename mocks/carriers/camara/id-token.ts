import { createHmac } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export const ID_TOKEN_ALG = 'ES256';

interface SigningKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * The operator's ID-token signing key, generated on first use (never at module scope) and
 * published at jwks_uri. A new key per process is fine: clients fetch the JWKS by kid.
 */
export class IdTokenSigner {
  private readonly pairwiseSalt: string;
  private key: Promise<SigningKey> | undefined;

  constructor(operatorId: string) {
    // Deterministic so a number's pseudonymous `sub` stays the same across restarts of the mocks.
    this.pairwiseSalt = `numtrust-mock-${operatorId}-pairwise`;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [(await this.signingKey()).publicJwk] };
  }

  /** CAMARA ICM: `sub` must not be the MSISDN; a pairwise pseudonym per client is recommended. */
  pairwiseSubject(clientId: string, phoneNumber: string): string {
    return createHmac('sha256', this.pairwiseSalt).update(`${clientId}\n${phoneNumber}`).digest('base64url');
  }

  async sign(claims: {
    issuer: string;
    clientId: string;
    phoneNumber: string;
    nowMs: number;
    ttlSeconds: number;
    /** e.g. `nonce` and `amr` of an authorization-code flow. */
    extraClaims?: Record<string, unknown>;
  }): Promise<string> {
    const { privateKey, publicJwk } = await this.signingKey();
    const iat = Math.floor(claims.nowMs / 1000);
    return new SignJWT({ ...claims.extraClaims, auth_time: iat })
      .setProtectedHeader({ alg: ID_TOKEN_ALG, kid: publicJwk.kid!, typ: 'JWT' })
      .setIssuer(claims.issuer)
      .setAudience(claims.clientId)
      .setSubject(this.pairwiseSubject(claims.clientId, claims.phoneNumber))
      .setIssuedAt(iat)
      .setExpirationTime(iat + claims.ttlSeconds)
      .sign(privateKey);
  }

  private signingKey(): Promise<SigningKey> {
    this.key ??= (async () => {
      const { privateKey, publicKey } = await generateKeyPair(ID_TOKEN_ALG);
      const jwk = await exportJWK(publicKey);
      const kid = await calculateJwkThumbprint(jwk);
      return { privateKey, publicJwk: { ...jwk, kid, alg: ID_TOKEN_ALG, use: 'sig' } };
    })();
    return this.key;
  }
}
