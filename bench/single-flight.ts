/**
 * 4. Upstream calls made for 1000 concurrent identical checks, counted by the mock carriers
 * (GET /_world/stats), for a fresh gateway each time (empty caches, no token yet):
 *   a. 1000 identical SIM swap checks, default answer cache;
 *   b. the same with the answer cache off and the upstream held 3 s (longer than the 1000 take to
 *      reach the gateway, ~1.5 s here), so only single-flight can keep the calls to one;
 *   c. 1000 identical four-signal assessments (six operations at two providers), default cache.
 * The 1000 requests leave together from a child process on 1000 connections.
 * Target: exactly 1 call per provider × operation (token and discovery calls are listed apart:
 * one token per scope set, and each operation has its own scope).
 * Run: npm run bench:single-flight
 */
import { startGateway, startMocks } from './lib/processes.ts';
import { REPETITIONS, runAsScript, type BenchResult } from './lib/report.ts';
import { benchConfig, fire, mockAdmin, nonZero, type FaultRule } from './lib/world.ts';

const CHECKS = 1000;
/** Endpoints that are not an operation: OAuth and discovery. */
const NOT_OPERATIONS = new Set(['token', 'discovery', 'jwks', 'bc-authorize', 'aborted']);

interface Variant {
  name: string;
  path: string;
  body: unknown;
  cacheTtlSeconds: number;
  fault?: FaultRule;
}

const VARIANTS: Variant[] = [
  { name: 'a. sim-swap check, answer cache on', path: '/sim-swap/v2/check', body: { phoneNumber: '+447700900501', maxAge: 72 }, cacheTtlSeconds: 3600 },
  {
    name: 'b. sim-swap check, answer cache off, upstream held 3 s',
    path: '/sim-swap/v2/check',
    body: { phoneNumber: '+447700900501', maxAge: 72 },
    cacheTtlSeconds: 0,
    fault: { carrier: 'brightwave', endpoint: 'sim-swap/v2/check', kind: 'latency', latencyMs: 3000 },
  },
  {
    name: 'c. four-signal assessment, answer cache on',
    path: '/v1/assessments',
    body: { phoneNumber: '+447700900504', context: { channel: 'ivr', riskTier: 'high', inboundCall: true } },
    cacheTtlSeconds: 3600,
  },
];

export async function singleFlight(): Promise<BenchResult> {
  const mocks = await startMocks();
  const world = mockAdmin(mocks.url);
  try {
    const results = [];
    for (let repetition = 0; repetition < REPETITIONS; repetition++) {
      for (const variant of VARIANTS) {
        await world.clearFaults();
        if (variant.fault) await world.addFault(variant.fault);
        const gateway = await startGateway(benchConfig(mocks.url, variant.cacheTtlSeconds));
        try {
          await world.resetStats();
          const sent = await fire({ url: gateway.url + variant.path, body: JSON.stringify(variant.body), count: CHECKS, concurrency: CHECKS });
          const calls = nonZero(await world.stats());
          const operations: Record<string, number> = {};
          const auth: Record<string, number> = {};
          for (const [carrier, endpoints] of Object.entries(calls)) {
            for (const [endpoint, count] of Object.entries(endpoints)) (NOT_OPERATIONS.has(endpoint) ? auth : operations)[`${carrier} ${endpoint}`] = count;
          }
          results.push({ variant: variant.name, repetition: repetition + 1, answers: sent.statuses, elapsedMs: sent.elapsedMs, operations, auth });
        } finally {
          await gateway.stop();
        }
      }
    }
    await world.clearFaults();
    const allOnce = results.every((result) => Object.keys(result.operations).length > 0 && Object.values(result.operations).every((count) => count === 1));
    const allAnswered = results.every((result) => result.answers['200'] === CHECKS);
    const worst = Math.max(...results.flatMap((result) => Object.values(result.operations)));
    return {
      id: 4,
      name: `upstream calls for ${CHECKS} concurrent identical checks`,
      baseline: `${CHECKS} identical requests at once (${VARIANTS.length} variants × ${REPETITIONS})`,
      subject: `most calls to one provider × operation: ${worst}`,
      figure: `${worst} / ${CHECKS} checks`,
      target: 'exactly 1 per provider × operation',
      met: allOnce && allAnswered,
      details: { results },
    };
  } finally {
    await mocks.stop();
  }
}

if (import.meta.main) runAsScript(singleFlight);
