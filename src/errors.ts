/** CAMARA error shape `{ status, code, message }` and the codes numtrust answers with. */
import { ExpectedError } from './contract/expected-error.ts';
import { scrubNumbers } from './contract/number-scrub.ts';

export const CAMARA_CODES = {
  INVALID_ARGUMENT: 400,
  OUT_OF_RANGE: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  INVALID_TOKEN_CONTEXT: 403,
  NOT_FOUND: 404,
  IDENTIFIER_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  /** Not a Commonalities code: named after its HTTP status, as Commonalities names 405, 406 and 415 (TIMEOUT is the 504). */
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  /** The agent's screen: a signed link past its expiry (an HTML page). */
  GONE: 410,
  /** Not a Commonalities code: named after its HTTP status (RFC 9110 "Content Too Large", formerly "Payload Too Large"), as REQUEST_TIMEOUT is. */
  CONTENT_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_IDENTIFIER: 422,
  UNNECESSARY_IDENTIFIER: 422,
  SERVICE_NOT_APPLICABLE: 422,
  MISSING_IDENTIFIER: 422,
  TOO_MANY_REQUESTS: 429,
  QUOTA_EXCEEDED: 429,
  INTERNAL: 500,
  NOT_IMPLEMENTED: 501,
  BAD_GATEWAY: 502,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
} as const;

export type CamaraCode = keyof typeof CAMARA_CODES;

export interface CamaraErrorBody {
  status: number;
  code: string;
  message: string;
}

export class CamaraError extends ExpectedError {
  readonly status: number;
  readonly code: string;
  /** Seconds a client should wait before retrying (sent as Retry-After). */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: CamaraCode, message: string, options: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'CamaraError';
    this.code = code;
    this.status = CAMARA_CODES[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The body sent to the client: a message may quote what the client sent, never a number. */
  toBody(): CamaraErrorBody {
    return { status: this.status, code: this.code, message: scrubNumbers(this.message) };
  }
}

export function camaraError(code: CamaraCode, message: string): CamaraErrorBody {
  return { status: CAMARA_CODES[code], code, message: scrubNumbers(message) };
}
