import type { MiddlewareHandler } from 'hono';
import { scrubNumbers } from '../contract/number-scrub.ts';
import { CamaraError, type CamaraCode } from '../errors.ts';
import type { ApiKeyStore } from '../auth/api-keys.ts';
import type { TenantRateLimiter } from '../auth/rate-limit.ts';
import type { Logger } from '../observability/logger.ts';
import { CLIENT_CLOSED_STATUS } from './client-closed.ts';
import type { GatewayEnv } from './http-context.ts';

/** What the chain answers on every route (a bad x-correlator). */
export const CORRELATOR_ERRORS = ['INVALID_ARGUMENT'] as const satisfies readonly CamaraCode[];
/** What the chain answers on API-key routes: no valid key, the tenant's rate limit, a body over the limit. */
export const API_KEY_CHAIN_ERRORS = ['UNAUTHENTICATED', 'TOO_MANY_REQUESTS', 'CONTENT_TOO_LARGE'] as const satisfies readonly CamaraCode[];

/** Commonalities 0.6 pattern; anything else is refused and never echoed. */
export const X_CORRELATOR_PATTERN = /^[a-zA-Z0-9-_:;./<>{}]{0,256}$/;

/**
 * Early in the chain (after the arrival stamp and the metrics): settles the x-correlator (echoed on
 * every answer, errors included) and writes one access-log line per request, without the body, so
 * no number can reach the log.
 */
export function correlatorAndAccessLog(logger: Logger): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const started = performance.now();
    const sent = c.req.header('x-correlator');
    const valid = sent === undefined || X_CORRELATOR_PATTERN.test(sent);
    const correlator = valid && sent ? sent : generatedCorrelator();
    c.set('correlator', correlator);
    // Set before the answer exists, so every answer made through the context carries it. Setting a
    // header on a finished answer makes hono rebuild it around its body stream (and
    // @hono/node-server then streams it instead of writing its bytes at once): only for answers
    // made without the context.
    c.header('x-correlator', correlator);
    try {
      if (valid) await next();
      else c.res = invalidCorrelatorResponse();
    } finally {
      if (c.res.headers.get('x-correlator') !== correlator) c.header('x-correlator', correlator);
      logRequest(logger, { correlator, method: c.req.method, route: c.req.routePath, status: c.res.status, tenantId: c.get('tenantId'), provider: c.get('provider'), started });
    }
  };
}

export interface AnsweredRequest {
  correlator: string;
  method: string;
  /** The route's template, never the raw path. */
  route: string;
  status: number;
  tenantId: string | undefined;
  provider: string | undefined;
  /** performance.now() when it arrived. */
  started: number;
}

/** The access-log line of a request. */
export function logRequest(logger: Logger, request: AnsweredRequest): void {
  logger.info('request', {
    correlator: request.correlator,
    method: request.method,
    route: request.route,
    status: request.status,
    tenant: request.tenantId,
    provider: request.provider,
    outcome: request.status === CLIENT_CLOSED_STATUS ? 'client_closed' : undefined,
    durationMs: Math.round((performance.now() - request.started) * 100) / 100,
  });
}

/** A UUID the log keeps whole (no 7-digit run the scrubber would mask), so the echoed header finds its log line. */
export function generatedCorrelator(): string {
  let id = crypto.randomUUID();
  while (scrubNumbers(id) !== id) id = crypto.randomUUID();
  return id;
}

function invalidCorrelatorResponse(): Response {
  const error = new CamaraError('INVALID_ARGUMENT', 'The x-correlator header must match the pattern ^[a-zA-Z0-9-_:;./<>{}]{0,256}$.');
  return Response.json(error.toBody(), { status: error.status });
}

/** Missing, malformed, unknown and revoked keys get the same answer; only the gateway's log tells a revoked key apart. */
export function requireApiKey(keys: ApiKeyStore, logger?: Logger): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const result = await keys.check(c.req.header('authorization'));
    if (!result.ok) {
      if (result.reason === 'revoked') {
        logger?.warn('revoked api key used', { correlator: c.get('correlator'), tenant: result.tenantId, key: result.keyId });
      }
      c.header('www-authenticate', 'Bearer');
      throw new CamaraError(
        'UNAUTHENTICATED',
        'Request not authenticated due to missing, invalid, or expired credentials. Send Authorization: Bearer <api key>.',
      );
    }
    c.set('tenantId', result.tenantId);
    await next();
  };
}

/** After authentication: each tenant's token bucket (tenants without a rateLimit pass). */
export function limitTenantRate(limiter: TenantRateLimiter): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const decision = await limiter.take(c.get('tenantId'));
    if (!decision.ok) throw rateLimited(decision.retryAfterMs);
    await next();
  };
}

export function rateLimited(retryAfterMs: number): CamaraError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new CamaraError('TOO_MANY_REQUESTS', `Rate limit of this API key's tenant exceeded; retry after ${retryAfterSeconds} s.`, { retryAfterSeconds });
}
