import { decodeJwt, decodeProtectedHeader, errors as joseErrors, importJWK, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { VonageProblem } from './errors.ts';

/**
 * Vonage application JWTs, checked the way Vonage documents them: RS256 signed with the
 * application's private key; `application_id`, `iat` and `jti` required; `exp` optional (absent =
 * 15 minutes after `iat`); never honoured more than 24 hours after `iat`, whatever `exp` says.
 * A jti may be reused: one JWT serves many requests until it expires.
 */

export interface RegisteredApplication {
  id: string;
  name: string;
  /** The public half of the key pair; Vonage keeps only this one. */
  publicJwk: JWK;
  /** Purposes of the application's network profile; a request with another gets INVALID_PURPOSE. */
  purposes: readonly string[];
}

const DEFAULT_LIFETIME_S = 15 * 60;
const MAX_AGE_S = 24 * 60 * 60;
const CLOCK_TOLERANCE_S = 5;

export class ApplicationRegistry {
  private readonly applications: ReadonlyMap<string, RegisteredApplication>;
  private readonly keys = new Map<string, Promise<CryptoKey | Uint8Array>>();

  constructor(applications: readonly RegisteredApplication[]) {
    this.applications = new Map(applications.map((application) => [application.id, application]));
  }

  get(id: string): RegisteredApplication | undefined {
    return this.applications.get(id);
  }

  list(): RegisteredApplication[] {
    return [...this.applications.values()];
  }

  key(application: RegisteredApplication): Promise<CryptoKey | Uint8Array> {
    let key = this.keys.get(application.id);
    if (!key) {
      key = importJWK(application.publicJwk, 'RS256');
      this.keys.set(application.id, key);
    }
    return key;
  }
}

/** The application behind `Authorization: Bearer <JWT>`; a VonageProblem (401) otherwise. */
export async function authenticateApplication(
  authorization: string | undefined,
  registry: ApplicationRegistry,
  now: Date,
): Promise<RegisteredApplication> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new VonageProblem('unauthorized', 'An application JWT is required: Authorization: Bearer <JWT>.');
  const token = match[1]!;

  let claimed: JWTPayload;
  try {
    if (decodeProtectedHeader(token).alg !== 'RS256') {
      throw new VonageProblem('unauthorized', 'The JWT must be signed with RS256.');
    }
    claimed = decodeJwt(token);
  } catch (error) {
    if (error instanceof VonageProblem) throw error;
    throw new VonageProblem('unauthorized', 'The bearer token is not a JWT.');
  }
  const application = typeof claimed.application_id === 'string' ? registry.get(claimed.application_id) : undefined;
  if (!application) throw new VonageProblem('unauthorized', 'The JWT does not name a known application_id.');

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, await registry.key(application), {
      algorithms: ['RS256'],
      currentDate: now,
      maxTokenAge: MAX_AGE_S,
      requiredClaims: ['jti'],
      clockTolerance: CLOCK_TOLERANCE_S,
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new VonageProblem('jwt-expired', 'The JWT has expired.');
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      throw new VonageProblem('unauthorized', `The JWT claim "${error.claim}" is missing or invalid.`);
    }
    throw new VonageProblem('unauthorized', 'The JWT signature does not verify with the application public key.');
  }
  if (typeof payload.jti !== 'string' || payload.jti.length === 0) {
    throw new VonageProblem('unauthorized', 'The JWT claim "jti" is missing or invalid.');
  }
  if (payload.exp === undefined && payload.iat! + DEFAULT_LIFETIME_S <= now.getTime() / 1000 - CLOCK_TOLERANCE_S) {
    throw new VonageProblem('jwt-expired', 'The JWT has no exp and was issued more than 15 minutes ago.');
  }
  return application;
}
