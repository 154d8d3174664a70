/** A gateway app to read /openapi.json and /docs from, and helpers to walk the document. */
import { generateApiKey } from '../../src/auth/api-keys.ts';
import { createGateway, type Gateway } from '../../src/gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { PrometheusMetrics } from '../../src/observability/prometheus.ts';
import { embeddedConfig } from '../../src/runtime/embedded.ts';
import { swaggerUiFiles } from '../../src/runtime/swagger-ui-files.ts';
import { createUndiciHttpClient } from '../../src/runtime/undici-http.ts';

export type Json = Record<string, any>;

export interface ReferenceApp {
  gateway: Gateway;
  apiKey: string;
  request(path: string, init?: RequestInit): Promise<Response>;
  document(): Promise<Json>;
  close(): Promise<void>;
}

/**
 * A gateway as the Node runtime builds it (Swagger UI files from node_modules, metrics), or as
 * Workers do (`node: false`: neither). Its providers point at a closed port: the document and the
 * pages never ask them.
 */
export async function referenceApp(options: { node?: boolean } = {}): Promise<ReferenceApp> {
  const node = options.node ?? true;
  const apiKey = generateApiKey('nt_test_');
  const http = createUndiciHttpClient();
  const gateway = await createGateway(embeddedConfig('http://127.0.0.1:9', apiKey), {
    http,
    logger: createLogger({ write: () => {} }),
    ...(node ? { swaggerUi: swaggerUiFiles(), metrics: new PrometheusMetrics() } : {}),
  });
  const request = async (path: string, init?: RequestInit) => gateway.app.request(path, init);
  return {
    gateway,
    apiKey,
    request,
    document: async () => (await request('/openapi.json')).json(),
    async close() {
      await gateway.close();
      await http.close();
    },
  };
}

export const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every operation of the document as [method, OpenAPI path, operation]. */
export function operationsOf(doc: Json): Array<[string, string, Json]> {
  return Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method): [string, string, Json] => [method, path, item[method]]),
  );
}

/** `/sessions/:id` → `/sessions/{id}`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:(\w+)/g, '{$1}');
}

/** Follows a local `$ref` (`#/a/b~1c`) to what it names; undefined when nothing is there. */
export function resolvePointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, key) => (node && typeof node === 'object' ? node[key] : undefined), doc);
}

/** Every `$ref` value anywhere in the document. */
export function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refsIn(item, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsIn(value, found);
    }
  }
  return found;
}

/** The CAMARA codes an operation documents, as `status CODE`. */
export function documentedErrors(operation: Json): string[] {
  return Object.entries(operation.responses as Json)
    .filter(([status]) => Number(status) >= 400)
    .flatMap(([status, response]) => {
      const codes: string[] = response.content?.['application/json']?.schema?.properties?.code?.enum ?? [];
      return codes.map((code) => `${status} ${code}`);
    });
}
