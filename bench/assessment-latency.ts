/**
 * A four-signal assessment (SIM swap, call forwarding, on-hook, roaming) with mock latencies set
 * per provider endpoint: does it take as long as the slowest provider, or the sum?
 * Everything on 127.0.0.1; bounded (warm-up + ROUNDS sequential assessments); answer cache off so
 * every assessment asks every upstream. Run: npm run bench:assessment
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { startMockNetwork } from '../mocks/network.ts';
import { generateApiKey } from '../src/auth/api-keys.ts';
import { createGateway } from '../src/gateway.ts';
import { silentLogger } from '../src/observability/logger.ts';
import { embeddedConfig } from '../src/runtime/embedded.ts';
import { createUndiciHttpClient } from '../src/runtime/undici-http.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 40);
/** The on-hook provider is the slowest, as it often is in the field. */
const LATENCY_MS: Array<{ carrier: string; endpoint: string; ms: number; signal: string }> = [
  { carrier: 'albion', endpoint: 'sim-swap/v2/retrieve-date', ms: 20, signal: 'sim_swap' },
  { carrier: 'albion', endpoint: 'sim-swap/v2/check', ms: 20, signal: 'sim_swap' },
  { carrier: 'albion', endpoint: 'call-forwarding-signal/v0.4/call-forwardings', ms: 40, signal: 'call_forwarding' },
  { carrier: 'albion', endpoint: 'call-forwarding-signal/v0.4/unconditional-call-forwardings', ms: 40, signal: 'call_forwarding' },
  { carrier: 'albion', endpoint: 'device-roaming-status/v1/retrieve', ms: 60, signal: 'roaming' },
  { carrier: 'telesign', endpoint: 'phoneid', ms: 80, signal: 'call_state' },
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

async function main(): Promise<void> {
  const network = await startMockNetwork({ port: 0 });
  const apiKey = generateApiKey();
  const config = embeddedConfig(network.url, apiKey, 0);
  const http = createUndiciHttpClient();
  const gateway = await createGateway(config, { http, logger: silentLogger });
  const server = serve({ fetch: gateway.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/assessments`;
  const phoneNumber = '+447700900002';
  const world = network.world.get(phoneNumber)!;
  network.world.put(phoneNumber, { ...world, call: { direction: 'outgoing', peer: '+442079460123', startedAt: '5 seconds ago' } });

  const assess = async () => {
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phoneNumber, context: { channel: 'ivr', riskTier: 'high', inboundCall: true }, deadlineMs: 5_000 }),
    });
    const body = (await response.json()) as { recommendation: string; signals: Array<{ status: string }> };
    const elapsed = performance.now() - started;
    if (response.status !== 200 || body.signals.some((signal) => signal.status !== 'ok' && signal.status !== 'not_supported')) {
      throw new Error(`assessment failed: ${response.status} ${JSON.stringify(body)}`);
    }
    return elapsed;
  };

  // Warm-up without latency: CIBA consent for the number (one interval), discovery, pooled sockets.
  for (let i = 0; i < 5; i++) await assess();
  const baseline: number[] = [];
  for (let i = 0; i < ROUNDS; i++) baseline.push(await assess());

  for (const { carrier, endpoint, ms } of LATENCY_MS) network.faults.add({ carrier, endpoint, kind: 'latency', latencyMs: ms });
  const withLatency: number[] = [];
  for (let i = 0; i < ROUNDS; i++) withLatency.push(await assess());

  const slowest = Math.max(...LATENCY_MS.map((entry) => entry.ms));
  const sum = LATENCY_MS.reduce((total, entry) => total + entry.ms, 0);
  const result = {
    rounds: ROUNDS,
    providerLatenciesMs: Object.fromEntries(LATENCY_MS.map((entry) => [`${entry.carrier} ${entry.endpoint}`, entry.ms])),
    slowestProviderMs: slowest,
    sumOfProviderLatenciesMs: sum,
    noLatency: { p50: +median(baseline).toFixed(2), p99: +percentile(baseline, 0.99).toFixed(2) },
    withLatency: { p50: +median(withLatency).toFixed(2), p99: +percentile(withLatency, 0.99).toFixed(2) },
    p50OverSlowestMs: +(median(withLatency) - slowest).toFixed(2),
    p50OverSlowestRatio: +(median(withLatency) / slowest).toFixed(3),
    p50OverSumRatio: +(median(withLatency) / sum).toFixed(3),
    node: process.version,
  };
  console.log(JSON.stringify(result, null, 2));

  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  });
  await gateway.close();
  await http.close();
  await network.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
