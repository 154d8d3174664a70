/**
 * The benches' gateway configuration (the embedded routing over the mock carriers) and the mock
 * network's admin API (/_world): faults, counters, carrier settings, subscribers, tokens.
 */
import type { GatewayConfig } from '../../src/config/schema.ts';
import { embeddedConfig } from '../../src/runtime/embedded.ts';
import { runJsonChild } from './processes.ts';

export const API_KEY = 'nt_bench_key_0123456789abcdef';
export const AUTH = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };

/** The embedded configuration (as `npm start` routes the demo world) with the answer cache TTL given; 0 = cache off. */
export function benchConfig(mocksUrl: string, cacheTtlSeconds: number, changes: Partial<GatewayConfig> = {}): GatewayConfig {
  return { ...embeddedConfig(mocksUrl, API_KEY, cacheTtlSeconds), ...changes };
}

async function admin(mocksUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${mocksUrl}/_world${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} /_world${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

export interface FaultRule {
  carrier?: string;
  endpoint?: string;
  kind: string;
  [parameter: string]: unknown;
}

export const mockAdmin = (mocksUrl: string) => ({
  addFault: (rule: FaultRule) => admin(mocksUrl, 'POST', '/faults', rule),
  clearFaults: () => admin(mocksUrl, 'DELETE', '/faults'),
  stats: () => admin(mocksUrl, 'GET', '/stats') as Promise<Record<string, Record<string, number>>>,
  resetStats: () => admin(mocksUrl, 'POST', '/stats/reset'),
  settings: (carrier: string, settings: Record<string, unknown>) => admin(mocksUrl, 'PUT', `/carriers/${carrier}/settings`, settings),
  subscriber: (phoneNumber: string) => admin(mocksUrl, 'GET', `/subscribers/${encodeURIComponent(phoneNumber)}`) as Promise<Record<string, unknown>>,
  putSubscriber: (phoneNumber: string, state: unknown) => admin(mocksUrl, 'PUT', `/subscribers/${encodeURIComponent(phoneNumber)}`, state),
});

/** Requests each carrier received per endpoint, without the zeros. */
export function nonZero(stats: Record<string, Record<string, number>>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [carrier, endpoints] of Object.entries(stats)) {
    const counted = Object.entries(endpoints).filter(([, count]) => count > 0);
    if (counted.length > 0) out[carrier] = Object.fromEntries(counted);
  }
  return out;
}

/** A client-credentials token from the mock brightwave operator (its development client), to call it directly. */
export async function brightwaveToken(mocksUrl: string, scope: string): Promise<string> {
  const response = await fetch(`${mocksUrl}/carriers/brightwave/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'numtrust-dev', client_secret: 'brightwave-dev-secret', scope }),
  });
  const json = (await response.json()) as { access_token?: string };
  if (!json.access_token) throw new Error(`no brightwave token: ${JSON.stringify(json)}`);
  return json.access_token;
}

export async function post(url: string, body: unknown, headers: Record<string, string> = AUTH): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

export interface FireResult {
  statuses: Record<string, number>;
  elapsedMs: number;
}

/** Sends `count` requests, `concurrency` at a time, from a child process (bench/lib/fire.ts). */
export function fire(run: { url: string; body: string; vary?: number; count: number; concurrency: number; headers?: Record<string, string> }): Promise<FireResult> {
  return runJsonChild<FireResult>(['bench/lib/fire.ts'], {
    FIRE_URL: run.url,
    FIRE_BODY: run.body,
    FIRE_VARY: String(run.vary ?? 0),
    FIRE_COUNT: String(run.count),
    FIRE_CONCURRENCY: String(run.concurrency),
    FIRE_HEADERS: JSON.stringify(run.headers ?? AUTH),
  });
}
