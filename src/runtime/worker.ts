/**
 * numtrust on Cloudflare Workers: the same app, configured from bindings. NUMTRUST_CONFIG holds
 * the JSON config; its `{ "$env": "NAME" }` references are read from the Worker's secrets and vars.
 * Nothing runs at module scope: the gateway is built inside the first request.
 */
import { createFetchHttpClient } from '../../adapters/fetch-http.ts';
import { parseGatewayConfig } from '../config/load.ts';
import { createGateway, type Gateway } from '../gateway.ts';
import { createLogger } from '../observability/logger.ts';

export interface WorkerBindings {
  NUMTRUST_CONFIG?: string;
  [name: string]: unknown;
}

let gateway: Gateway | undefined;

async function gatewayFor(bindings: WorkerBindings): Promise<Gateway> {
  if (gateway) return gateway;
  if (!bindings.NUMTRUST_CONFIG) throw new Error('NUMTRUST_CONFIG binding is not set');
  const env = Object.fromEntries(
    Object.entries(bindings).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const config = parseGatewayConfig(JSON.parse(bindings.NUMTRUST_CONFIG), env, 'NUMTRUST_CONFIG');
  const built = await createGateway(config, { http: createFetchHttpClient(), logger: createLogger() });
  gateway ??= built;
  return gateway;
}

export default {
  async fetch(request: Request, bindings: WorkerBindings): Promise<Response> {
    try {
      return await (await gatewayFor(bindings)).app.fetch(request);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', msg: 'gateway unavailable', error: (error as Error).message }));
      return Response.json({ status: 503, code: 'UNAVAILABLE', message: 'Gateway is not configured' }, { status: 503 });
    }
  },
};
