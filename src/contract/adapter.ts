/**
 * The adapter contract: every upstream (CAMARA operator, Twilio, Telesign, Vonage, Nokia) is one
 * object of this shape, and every one passes the same contract suite against its own mock.
 */
import type { HttpClient } from './http.ts';
import type { OperationId, OperationParams, OperationValue } from './signals.ts';
import type { HmacSha256 } from './hmac.ts';

export interface OperationRequest<Op extends OperationId = OperationId> {
  operation: Op;
  /** E.164 with leading '+', already validated. */
  phoneNumber: string;
  params: OperationParams<Op>;
}

export interface CallContext {
  /** Aborts the upstream request when the attempt timeout or the overall deadline fires. */
  signal: AbortSignal;
  /** Tenant on whose behalf the call is made: tokens and credentials never cross tenants. */
  tenantId: string;
  /** Forwarded upstream as x-correlator where the upstream supports it. */
  correlator?: string;
  /**
   * Filled by the adapter: how long the call waited for credentials (a CIBA flow, a token
   * request), which says nothing about how fast the API itself answers, and whether it is waiting
   * for them right now. Of that, a wait for a subject's authorization (a CIBA flow: the user's
   * time, not the provider's) also in `authorizationWaitMs` (done waits) and `authorizingSince`
   * (performance.now() when the current one began).
   */
  timing?: { tokenWaitMs: number; awaitingToken: boolean; authorizationWaitMs?: number; authorizingSince?: number };
}

/**
 * A definite answer from the upstream. Everything else (network failure, timeout, 5xx, 429,
 * garbled body, rejected credentials) is thrown as an UpstreamError.
 */
export type OperationOutcome<Op extends OperationId = OperationId> =
  | { status: 'ok'; value: OperationValue<Op> }
  /** The upstream does not know this number. */
  | { status: 'not_found'; message: string }
  /** The upstream cannot answer this question for this number (IoT line, 501, package not offered). */
  | { status: 'not_supported'; message: string }
  /** The upstream refused the request as the caller's mistake (e.g. maxAge beyond its legal window). */
  | { status: 'rejected'; code: 'OUT_OF_RANGE' | 'INVALID_ARGUMENT'; message: string };

export type UpstreamFailure =
  /** Connection refused/reset, DNS, TLS: never reached a definite answer. */
  | 'network'
  | 'timeout'
  /** 5xx or a 200 whose per-check status says the upstream failed. */
  | 'server'
  | 'rate_limited'
  /** Body not JSON, wrong types, too large, unexpected redirect. */
  | 'malformed'
  /** Our credentials were refused: configuration, not the caller. */
  | 'auth'
  /** Anything else the upstream refused that retrying will not fix. */
  | 'rejected'
  /**
   * The deadline came while the subject's authorization (a CIBA flow) was still under way: the
   * flow goes on for the next call. Says nothing about the upstream's health.
   */
  | 'token_pending';

/** Failures that say nothing about the upstream's health do not trip its breaker. */
const BREAKER_FAILURES: ReadonlySet<UpstreamFailure> = new Set(['network', 'timeout', 'server', 'malformed']);
const RETRYABLE_FAILURES: ReadonlySet<UpstreamFailure> = new Set(['network', 'timeout', 'server', 'rate_limited']);

export class UpstreamError extends Error {
  readonly failure: UpstreamFailure;
  readonly provider: string;
  readonly httpStatus: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    provider: string,
    failure: UpstreamFailure,
    message: string,
    options: { httpStatus?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'UpstreamError';
    this.provider = provider;
    this.failure = failure;
    this.httpStatus = options.httpStatus;
    this.retryAfterMs = options.retryAfterMs;
  }

  get retryable(): boolean {
    return RETRYABLE_FAILURES.has(this.failure);
  }

  get countsAgainstBreaker(): boolean {
    return BREAKER_FAILURES.has(this.failure);
  }
}

/**
 * Number Verification runs on the device, not on a server: the device opens the operator's (or an
 * aggregator's) authorization URL over its mobile data, the operator recognises the line from the
 * data session and redirects back with a code; the gateway has the code redeemed and asks verify.
 */
export interface NumberVerifier {
  /**
   * Where to send the device. `state` and the PKCE `codeChallenge` (S256) bind the answer to this
   * attempt. The URL may carry `phoneNumber` (an aggregator's `login_hint`, naming the operator to
   * route the device to), so the caller keeps it as it keeps the number: sealed, never logged.
   */
  authorizationUrl(input: {
    tenantId: string;
    redirectUri: string;
    state: string;
    codeChallenge: string;
    /** The number the session verifies (E.164). */
    phoneNumber: string;
    nonce?: string;
  }): Promise<URL>;
  /** Exchanges the code and asks the network whether the device's line is `phoneNumber`. */
  verify(
    input: {
      tenantId: string;
      redirectUri: string;
      code: string;
      codeVerifier: string;
      phoneNumber: string;
      /** The callback's state, checked once more by the client library when given (the caller already matched it). */
      state?: string;
      /** The nonce sent to authorizationUrl(), if any: the ID token must carry it. */
      nonce?: string;
    },
    context: CallContext,
  ): Promise<OperationOutcome<'number_verification.verify'>>;
}

export interface Adapter {
  readonly id: string;
  /** The provider's kind (adapters/providers.ts). */
  readonly kind: string;
  /** Operations this adapter can ask its upstream through execute(). */
  readonly operations: ReadonlySet<OperationId>;
  execute<Op extends OperationId>(request: OperationRequest<Op>, context: CallContext): Promise<OperationOutcome<Op>>;
  /** Present when the upstream offers Number Verification (the device flow). */
  readonly numberVerification?: NumberVerifier;
  /**
   * Present when configured to fetch its tokens ahead of traffic: fetches the tenant's token of each
   * API scope it offers; settles when each has (never rejects: failures are in the result).
   */
  warmUpTokens?(tenantId: string): Promise<TokenWarmUp[]>;
  /** Releases tokens and anything else held; the HttpClient is owned by the caller. */
  close?(): Promise<void>;
}

export interface TokenWarmUp {
  scope: string;
  /** Why the token could not be fetched; absent when it was. */
  error?: unknown;
}

export interface AdapterDependencies {
  http: HttpClient;
  /** Current time; injectable so token expiry can be tested without waiting. */
  now?: () => number;
  /** The runtime's own HMAC-SHA256 for per-request signing and keyed hashes (Node: node:crypto); Web Crypto when absent. */
  hmacSha256?: HmacSha256;
}
