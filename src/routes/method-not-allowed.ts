/**
 * A known path asked with a method it does not serve: 405 METHOD_NOT_ALLOWED with `Allow`, on
 * every route, before authentication (the paths are public in /openapi.json; a wrong method is
 * the same mistake with or without a key). The methods come from the routes the app registered,
 * matched by hono's own routers, so no list is kept by hand.
 */
import type { MiddlewareHandler } from 'hono';
import type { RouterRoute } from 'hono/types';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';
import { CamaraError } from '../errors.ts';
import type { GatewayEnv } from './http-context.ts';

interface Served {
  method: string;
  path: string;
}

/** `routes` is read on the first request, when every route is registered. */
export function refuseWrongMethods(routes: () => readonly RouterRoute[]): MiddlewareHandler<GatewayEnv> {
  let table: SmartRouter<Served> | undefined;
  return async (c, next) => {
    table ??= servedBy(routes());
    const served = table.match('ALL', c.req.path)[0].map(([route]) => route);
    // hono answers HEAD with the GET route.
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    if (served.length === 0 || served.some((route) => route.method === method)) return next();
    const allowed = allowHeader(served);
    c.header('allow', allowed);
    const template = served[0]!.path.replace(/:(\w+)/g, '{$1}');
    throw new CamaraError('METHOD_NOT_ALLOWED', `${c.req.method} is not allowed on ${template}; use ${allowed.replace(/, (?=[^,]*$)/, ' or ')}.`);
  };
}

function servedBy(routes: readonly RouterRoute[]): SmartRouter<Served> {
  const router = new SmartRouter<Served>({ routers: [new RegExpRouter(), new TrieRouter()] });
  // Added under ALL, so one match finds every method of the path; middleware (ALL) serves no method.
  for (const { method, path } of routes) if (method !== 'ALL') router.add('ALL', path, { method, path });
  return router;
}

function allowHeader(served: readonly Served[]): string {
  const methods = new Set(served.map((route) => route.method));
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort().join(', ');
}
