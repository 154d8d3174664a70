/**
 * The HTTP side of metrics, runtime-free: a middleware that reports every answered request to the
 * observer under its route template, and the GET /metrics handler (mounted only when the runtime
 * brings an exporter, which Workers do not).
 */
import type { Context, Handler, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { constantTimeEqual } from '../auth/api-keys.ts';
import { sha256Hex } from '../contract/encoding.ts';
import { CamaraError } from '../errors.ts';
import type { GatewayEnv } from '../routes/http-context.ts';
import type { GatewayObserver, MetricsExporter } from './observer.ts';

/** The path of the middlewares (`app.use('*')`): no route template answered. */
const ANY_PATH = '/*';
/** The label of a request no route matched. */
const UNMATCHED = 'unmatched';

/**
 * The template of the route that answered (`/v1/number-verification/sessions/:id`), never the raw
 * path. A request refused by a middleware (no key, bad correlator) is counted under the route it was
 * heading for when there is one: the last route matched.
 */
function routeTemplateOf(c: Context<GatewayEnv>): string {
  const answered = routePath(c);
  if (answered !== ANY_PATH) return answered;
  const headedFor = routePath(c, -1);
  return headedFor === ANY_PATH || headedFor === '' ? UNMATCHED : headedFor;
}

/** First in the chain, so its clock covers every other middleware and the error handler. */
export function observeRequests(observer: GatewayObserver): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      observer.onRequest(routeTemplateOf(c), c.req.method, c.res.status, c.get('tenantId'), performance.now() - started);
    }
  };
}

/**
 * GET /metrics. Scrapers hold no API key, and nothing personal is in the metrics; with a
 * `metrics.bearerToken` configured the scraper must send it (compared by digest, in constant time).
 */
export function metricsEndpoint(exporter: MetricsExporter, bearerToken: string | undefined): Handler<GatewayEnv> {
  const expectedDigest = bearerToken === undefined ? undefined : sha256Hex(bearerToken);
  return async (c) => {
    if (expectedDigest) {
      const sent = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
      if (!constantTimeEqual(await sha256Hex(sent), await expectedDigest)) {
        c.header('www-authenticate', 'Bearer');
        throw new CamaraError('UNAUTHENTICATED', 'GET /metrics needs Authorization: Bearer <metrics token>.');
      }
    }
    return c.body(await exporter.render(), 200, { 'content-type': exporter.contentType, 'cache-control': 'no-store' });
  };
}
