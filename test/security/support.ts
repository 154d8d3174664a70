/**
 * A gateway with two tenants (alpha, beta) in front of the mock network, for the tenant, auth,
 * fuzz and privacy tests. Requests go through the Hono app in-process (fast), the gateway talks
 * real HTTP to the mocks; `serve()` adds a real listener when a test needs one.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { HttpClient, HttpRequest } from '../../src/contract/http.ts';
import { startMockNetwork } from '../../mocks/network.ts';
import { parseGatewayConfig } from '../../src/config/load.ts';
import type { GatewayConfig, GatewayConfigInput } from '../../src/config/schema.ts';
import type { CamaraRoute } from '../../src/routes/camara/operation-route.ts';
import { createGateway, type Gateway } from '../../src/gateway.ts';
import { createLogger, type Logger } from '../../src/observability/logger.ts';
import { embeddedConfig } from '../../src/runtime/embedded.ts';
import { createUndiciHttpClient } from '../../src/runtime/undici-http.ts';
import { jsonAnswerOf } from '../support/json-answer.ts';

export type MockNetwork = Awaited<ReturnType<typeof startMockNetwork>>;

export const KEYS = {
  alpha: 'nt_alpha_live_key_0123456789abcdef',
  /** alpha's previous key, revoked in config. */
  alphaRevoked: 'nt_alpha_old_key_0123456789abcdef',
  beta: 'nt_beta_live_key_0123456789abcdef',
  /** Well-formed, configured nowhere. */
  unknown: 'nt_nobody_key_0123456789abcdef00',
} as const;

export type TenantsInput = GatewayConfigInput['tenants'];

/** alpha (two keys, one revoked) and beta, each as given plus `extra`. */
export function twoTenants(extra: { alpha?: Partial<TenantsInput[number]>; beta?: Partial<TenantsInput[number]> } = {}): TenantsInput {
  return [
    {
      id: 'alpha',
      apiKeys: [
        { id: 'alpha-2026', key: KEYS.alpha },
        { id: 'alpha-2025', key: KEYS.alphaRevoked, revoked: true },
      ],
      ...extra.alpha,
    },
    { id: 'beta', apiKeys: [{ id: 'beta-2026', key: KEYS.beta }], ...extra.beta },
  ];
}

export interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export interface SecurityGateway {
  gateway: Gateway;
  config: GatewayConfig;
  network: MockNetwork;
  /** Every upstream request the gateway's adapters sent (send() and fetch()). */
  sent: SentRequest[];
  logLines: string[];
  /** In-process request through the app; `key` null sends no Authorization header. */
  call(
    method: string,
    path: string,
    options?: { key?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; text: string; json: any }>;
  /** Starts a real listener on 127.0.0.1 (ephemeral port) and returns its URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface SecurityGatewayOptions {
  tenants?: TenantsInput;
  /** Changes to the rest of the embedded config input (server, cache…). */
  configure?: (input: GatewayConfigInput) => GatewayConfigInput;
  operatorsOnly?: boolean;
  cacheTtlSeconds?: number;
  logger?: Logger;
}

export async function startSecurityGateway(options: SecurityGatewayOptions = {}): Promise<SecurityGateway> {
  const network = await startMockNetwork({ port: 0 });
  const embedded = embeddedConfig(network.url, KEYS.alpha, options.cacheTtlSeconds ?? 60);
  let input: GatewayConfigInput = {
    ...(embedded as GatewayConfigInput),
    routes: options.operatorsOnly ? operatorsOnly(embedded) : embedded.routes,
    tenants: options.tenants ?? twoTenants(),
  };
  if (options.configure) input = options.configure(input);
  const config = parseGatewayConfig(input, {}, 'security test config');

  const logLines: string[] = [];
  const logger = options.logger ?? createLogger({ write: (line) => logLines.push(line) });
  const sent: SentRequest[] = [];
  const http = recording(createUndiciHttpClient(), sent);
  const gateway = await createGateway(config, { http, logger });
  const servers: Array<ReturnType<typeof serve>> = [];

  return {
    gateway,
    config,
    network,
    sent,
    logLines,
    async call(method, path, { key = KEYS.alpha, body, headers = {} } = {}) {
      const init: RequestInit = {
        method,
        headers: {
          ...(key === null ? {} : { authorization: `Bearer ${key}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      };
      const { status, headers: answerHeaders, text, body: json } = await jsonAnswerOf(await gateway.app.request(path, init));
      return { status, headers: answerHeaders, text, json };
    },
    async listen() {
      const server = serve({ fetch: gateway.app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      servers.push(server);
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async close() {
      for (const server of servers) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
      }
      await gateway.close();
      await http.close();
      await network.close();
    },
  };
}

function operatorsOnly(config: GatewayConfig): GatewayConfigInput['routes'] {
  const operators = new Set(config.providers.filter((provider) => provider.kind === 'camara').map((provider) => provider.id));
  return config.routes.map((route) => ({
    ...route,
    providers: route.providers.filter((link) => operators.has(typeof link === 'string' ? link : link.id)),
  }));
}

/** The production client, with every request it sends written down. */
function recording(inner: HttpClient, sent: SentRequest[]): HttpClient {
  return {
    send(request: HttpRequest) {
      sent.push({ url: request.url, method: request.method, headers: { ...request.headers }, body: request.body });
      return inner.send(request);
    },
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      sent.push({
        url: request.url,
        method: request.method,
        headers: Object.fromEntries(request.headers),
        body: typeof init?.body === 'string' ? init.body : init?.body instanceof URLSearchParams ? init.body.toString() : undefined,
      });
      return inner.fetch(input, init);
    }),
    close: () => inner.close(),
  };
}

export function basic(user: string, password: string): string {
  return `Basic ${btoa(`${user}:${password}`)}`;
}

/** A body the CAMARA route accepts for this number (maxAge within every operator's window where it has one). */
export function validBody(route: CamaraRoute, phoneNumber: string): Record<string, unknown> {
  for (const candidate of [{ phoneNumber, maxAge: 24 }, { phoneNumber }, { device: { phoneNumber } }]) {
    const parsed = route.body.safeParse(candidate);
    if (!parsed.success) continue;
    try {
      route.request(parsed.data);
      return candidate;
    } catch {
      // This route wants the number elsewhere.
    }
  }
  throw new Error(`no valid body found for ${route.path}`);
}
