import { Hono } from 'hono';
import { CamaraError } from './errors.ts';
import type { AppDependencies, GatewayEnv } from './routes/http-context.ts';
import { correlatorAndAccessLog, limitBody, requireApiKey } from './routes/middleware.ts';
import { simSwapRoutes } from './routes/camara/sim-swap.ts';

export type { AppDependencies } from './routes/http-context.ts';

/** Paths served by POST only: other methods get 405 rather than 404. */
const POST_ONLY = ['/sim-swap/v2/check', '/sim-swap/v2/retrieve-date'];

export function createApp(deps: AppDependencies): Hono<GatewayEnv> {
  const app = new Hono<GatewayEnv>();

  app.use('*', correlatorAndAccessLog(deps.logger));
  app.get('/health', (c) => c.json({ status: 'ok', version: deps.version ?? 'dev' }));

  app.use('*', requireApiKey(deps.apiKeys));
  app.use('*', limitBody(deps.config.server.bodyLimitBytes));
  app.route('/', simSwapRoutes(deps));
  for (const path of POST_ONLY) {
    app.on(['GET', 'PUT', 'PATCH', 'DELETE'], path, (c) => {
      c.header('allow', 'POST');
      throw new CamaraError('METHOD_NOT_ALLOWED', `${c.req.method} is not allowed on ${path}; use POST`);
    });
  }

  app.notFound(() => {
    throw new CamaraError('NOT_FOUND', 'No such resource');
  });
  app.onError((error, c) => {
    if (error instanceof CamaraError) {
      if (error.retryAfterSeconds !== undefined) c.header('retry-after', String(error.retryAfterSeconds));
      return c.json(error.toBody(), error.status as 400);
    }
    deps.logger.error('unhandled error', { correlator: c.get('correlator'), error });
    return c.json({ status: 500, code: 'INTERNAL', message: 'Internal error' }, 500);
  });

  return app;
}
