/**
 * 8. What the Redis shared state costs (issue 14), in one run, against a real redis-server (or
 * valkey-server) this bench starts on CPU 1 and stops by its PID:
 *
 * (1) A cached medium-risk assessment (every signal a first-tier hit, no upstream call) for a tenant with a rate limit (1e6/s,
 *     never reached, so every request takes a token): the gateway with the in-memory shared state
 *     against the same gateway with the Redis one, where each request's token is a Lua script on
 *     the server. Closed loop at 50 connections (throughput) and one request at a time (p50);
 *     gateway on CPU 0, wrk and the mocks on CPU 1; interleaved repetitions, fresh gateway each.
 * (2) A second-tier hit (the answers only in Redis) against a first-tier hit, in this process: one
 *     warm gateway whose first tier is cleared before each sample, for a SIM swap check (one
 *     lookup) and the assessment; the request, then the same again (first tier), around app.fetch.
 * (3) One shared rate-limit check (the Lua script, one round trip) against the in-memory bucket, µs.
 * (4) A bare round trip (PING) and SET NX PX, µs: what a cross-instance single-flight lock would
 *     add to every miss at least.
 * (2)-(4) run sequentially in this process (unpinned), through node-redis as the gateway uses it.
 *
 * No target: the figures inform docs/scaling.md and the single-flight decision.
 * Run: npm run bench:shared-state
 */
import { createClient } from '@redis/client';
import type { GatewayConfig } from '../src/config/schema.ts';
import { createGateway } from '../src/gateway.ts';
import { silentLogger } from '../src/observability/logger.ts';
import { redisSharedState, type RedisSharedState } from '../src/runtime/redis-state.ts';
import { createUndiciHttpClient } from '../src/runtime/undici-http.ts';
import { MemoryRateLimits } from '../src/shared-state/memory.ts';
import { rawCommand, startRedisServer, type RedisServer } from '../test/support/redis-server.ts';
import { startGateway, startMocks } from './lib/processes.ts';
import { interleaved, median, medianOf, REPETITIONS, round, runAsScript, type BenchResult } from './lib/report.ts';
import { API_KEY, AUTH, benchConfig, mockAdmin, post } from './lib/world.ts';
import { describeLoad, measure, type WrkResult } from './lib/wrk.ts';

const GATEWAY_CPU = 0;
const OTHER_CPU = 1;
const SECRET = 'bench-shared-state-number-key-secret-32+';
/**
 * Medium risk: every signal of it is kept in the answer cache. (At high risk, brightwave's and
 * nokia's SIM swap checks refuse its 720 h look-back; a refusal is never cached, so every "cached"
 * high-risk assessment of this number still asks both.)
 */
const ASSESSMENT = { phoneNumber: '+447700900502', context: { channel: 'ivr', riskTier: 'medium', inboundCall: false } };
const CLOSED_LOOP = { connections: 50 };
const ONE_AT_A_TIME = { connections: 1 };
const TIER_SAMPLES = Number(process.env.BENCH_TIER_SAMPLES ?? 2_000);
const TIER_WARM_UP = 500;
const TIER_SUBJECTS = [
  { name: 'check', path: '/sim-swap/v2/check', body: { phoneNumber: '+447700900502', maxAge: 24 } },
  { name: 'assessment', path: '/v1/assessments', body: ASSESSMENT },
] as const;
const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? 5_000);
const UNLIMITED = { requestsPerSecond: 1_000_000, burst: 1_000_000 };
/** Keys of (2)-(4); each gateway process of (1) has its own prefix. */
const PREFIX = 'bench:';

function redisConfigOf(server: RedisServer, keyPrefix: string) {
  return { kind: 'redis' as const, url: server.url, keyPrefix, timeoutMs: 50, sessionTimeoutMs: 1_000 };
}

/** The embedded config, the answer cache on, the shared secret, and the default tenant rate-limited (never reached) or not. */
function config(mocksUrl: string, sharedState?: GatewayConfig['sharedState'], rateLimited = true): GatewayConfig {
  const base = benchConfig(mocksUrl, 3600, { numberKeySecret: SECRET });
  return { ...base, ...(sharedState ? { sharedState } : {}), tenants: base.tenants.map((tenant) => (rateLimited ? { ...tenant, rateLimit: UNLIMITED } : tenant)) };
}

/** (1): a fresh gateway, its cache filled, then the closed loop and the one-at-a-time run. */
async function cachedAssessment(gatewayConfig: GatewayConfig, mocksUrl: string): Promise<{ closed: WrkResult & { cpuUsPerRequest: number }; single: WrkResult }> {
  const gateway = await startGateway(gatewayConfig, { cpu: GATEWAY_CPU });
  const world = mockAdmin(mocksUrl);
  try {
    const url = `${gateway.url}/v1/assessments`;
    await post(url, ASSESSMENT);
    const warm = await post(url, ASSESSMENT);
    const signals = (JSON.parse(warm.text) as { signals: Array<{ cached: boolean }> }).signals;
    if (warm.status !== 200 || !signals.every((signal) => signal.cached)) throw new Error(`cache not warm: ${warm.status} ${warm.text}`);
    const load = { url, method: 'POST' as const, headers: AUTH, body: JSON.stringify(ASSESSMENT), cpu: OTHER_CPU };
    await world.resetStats();
    const closed = await measure({ ...CLOSED_LOOP, ...load }, gateway.pid);
    const single = await measure({ ...ONE_AT_A_TIME, ...load }, gateway.pid);
    for (const run of [closed, single]) if (run.non2xx > 0) throw new Error(`errors under load: ${JSON.stringify(run)}`);
    const calls = upstreamCallsOf(await world.stats());
    if (calls > 0) throw new Error(`${calls} upstream calls under load: not every answer was cached`);
    return { closed, single };
  } finally {
    await gateway.stop();
  }
}

const upstreamCallsOf = (stats: Record<string, Record<string, number>>) =>
  Object.values(stats).reduce((sum, endpoints) => sum + Object.values(endpoints).reduce((a, b) => a + b, 0), 0);

/** Microseconds of each of `count` sequential calls. */
async function timed(count: number, call: (n: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let n = 0; n < count; n++) {
    const started = performance.now();
    await call(n);
    samples.push((performance.now() - started) * 1000);
  }
  return samples;
}

const quantile = (samples: readonly number[], q: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};
const summary = (samples: readonly number[]) => ({ p50: round(median(samples), 1), p99: round(quantile(samples, 0.99), 1), count: samples.length });

/** (2): one warm in-process gateway on the same Redis; before each second-tier sample its first tier is cleared. */
async function tierHits(mocksUrl: string, state: RedisSharedState, server: RedisServer) {
  const http = createUndiciHttpClient();
  const gateway = await createGateway(config(mocksUrl, redisConfigOf(server, PREFIX), false), { http, logger: silentLogger, sharedState: state });
  const cache = gateway.engine.tenant('default')!.cache;
  const world = mockAdmin(mocksUrl);
  const upstreamCalls = async () => upstreamCallsOf(await world.stats());
  const send = async (subject: (typeof TIER_SUBJECTS)[number]) => {
    const response = await gateway.app.fetch(
      new Request(`http://gateway${subject.path}`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(subject.body) }),
    );
    if (response.status !== 200) throw new Error(`${subject.name}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  try {
    for (const subject of TIER_SUBJECTS) await send(subject);
    // The answers are written in the background: wait until they are all there (a count that holds still).
    let kept = -1;
    for (let tries = 0; tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const now = ((await rawCommand(server.port, ['KEYS', `${PREFIX}answer:*`])) as string[]).length;
      if (now > 0 && now === kept) break;
      kept = now;
    }
    const before = await upstreamCalls();
    const samples = Object.fromEntries(TIER_SUBJECTS.map((subject) => [subject.name, { second: [] as number[], first: [] as number[] }]));
    // The first TIER_WARM_UP rounds warm the JIT and are not kept.
    for (let round = 0; round < TIER_WARM_UP + TIER_SAMPLES; round++) {
      for (const subject of TIER_SUBJECTS) {
        cache.clear();
        const second = (await timed(1, () => send(subject)))[0]!;
        const first = (await timed(1, () => send(subject)))[0]!;
        if (round < TIER_WARM_UP) continue;
        samples[subject.name]!.second.push(second);
        samples[subject.name]!.first.push(first);
      }
    }
    // Every answer came from one of the tiers: not one upstream call while sampling.
    const calls = (await upstreamCalls()) - before;
    if (calls !== 0) throw new Error(`${calls} upstream calls while sampling the tiers`);
    return Object.fromEntries(Object.entries(samples).map(([name, tiers]) => [name, { second: summary(tiers.second), first: summary(tiers.first) }]));
  } finally {
    await gateway.close();
    await http.close();
  }
}

/** (3) and (4): sequential calls, the in-memory and Redis rate checks interleaved in blocks. */
async function roundTrips(state: RedisSharedState, server: RedisServer) {
  const memory = new MemoryRateLimits();
  const blocks = { memory: [] as number[], redis: [] as number[] };
  for (let block = 0; block < 5; block++) {
    blocks.memory.push(...(await timed(ROUND_TRIPS / 5, () => memory.take('bench', UNLIMITED))));
    blocks.redis.push(...(await timed(ROUND_TRIPS / 5, () => state.rateLimits.take('bench', UNLIMITED))));
  }
  const client = createClient({ url: server.url });
  client.on('error', () => {});
  await client.connect();
  try {
    const ping = await timed(ROUND_TRIPS, () => client.ping());
    const setNx = await timed(ROUND_TRIPS, (n) => client.set(`${PREFIX}flight:${n}`, '1', { condition: 'NX', expiration: { type: 'PX', value: 1_000 } }));
    return { rateMemory: summary(blocks.memory), rateRedis: summary(blocks.redis), ping: summary(ping), setNx: summary(setNx) };
  } finally {
    await client.close();
  }
}

export async function sharedStateCosts(): Promise<BenchResult> {
  const server = await startRedisServer({ cpu: OTHER_CPU });
  const mocks = await startMocks({ cpu: OTHER_CPU });
  const state = redisSharedState(redisConfigOf(server, PREFIX), { logger: silentLogger });
  try {
    if (!(await state.ready(5_000))) throw new Error('the Redis server did not answer');
    let repetition = 0;
    const runs = await interleaved(
      REPETITIONS,
      () => cachedAssessment(config(mocks.url), mocks.url),
      () => cachedAssessment(config(mocks.url, redisConfigOf(server, `bench1-${repetition++}:`)), mocks.url),
    );
    const rps = { memory: medianOf(runs.baseline, (run) => run.closed.requestsPerSecond), redis: medianOf(runs.subject, (run) => run.closed.requestsPerSecond) };
    const p50 = { memory: medianOf(runs.baseline, (run) => run.single.p50), redis: medianOf(runs.subject, (run) => run.single.p50) };
    const cpu = { memory: medianOf(runs.baseline, (run) => run.closed.cpuUsPerRequest), redis: medianOf(runs.subject, (run) => run.closed.cpuUsPerRequest) };
    const tiers = await tierHits(mocks.url, state, server);
    const [check, assessment] = [tiers.check!, tiers.assessment!];
    const trips = await roundTrips(state, server);
    return {
      id: 8,
      name: 'shared state on Redis: what it costs',
      baseline: `(1) in memory ${Math.round(rps.memory)} req/s, c1 p50 ${p50.memory} ms; (2) first tier: check p50 ${check.first.p50} µs, assessment ${assessment.first.p50} µs; (3) memory bucket p50 ${trips.rateMemory.p50} µs`,
      subject: `(1) Redis ${Math.round(rps.redis)} req/s, c1 p50 ${p50.redis} ms; (2) second tier: check p50 ${check.second.p50} µs, assessment ${assessment.second.p50} µs; (3) Redis Lua p50 ${trips.rateRedis.p50} µs; (4) PING ${trips.ping.p50} µs, SET NX PX ${trips.setNx.p50} µs`,
      figure: `(1) throughput ×${round(rps.redis / rps.memory, 3)}, c1 p50 ×${round(p50.redis / p50.memory, 2)}; (2) check ×${round(check.second.p50 / check.first.p50, 2)}, assessment ×${round(assessment.second.p50 / assessment.first.p50, 2)}; (3) +${round(trips.rateRedis.p50 - trips.rateMemory.p50, 1)} µs a check`,
      target: 'none: informs docs/scaling.md and cross-instance single-flight',
      met: true,
      details: {
        method: [
          `(1) ${describeLoad(CLOSED_LOOP, REPETITIONS)}, then ${describeLoad(ONE_AT_A_TIME, REPETITIONS)}; gateway on CPU ${GATEWAY_CPU}, wrk, mocks and redis-server on CPU ${OTHER_CPU}`,
          `(2) one in-process gateway (tenant without a rate limit), ${TIER_SAMPLES} rounds after ${TIER_WARM_UP} warm-up rounds: first tier cleared, the request (second-tier hit), the same again (first-tier hit), for a SIM swap check and the assessment, timed around app.fetch; no upstream call while sampling`,
          `(3), (4) ${ROUND_TRIPS} sequential calls each through @redis/client; the rate checks in 5 interleaved blocks`,
        ],
        cachedAssessment: { requestsPerSecond: rps, c1P50Ms: p50, cpuUsPerRequest: cpu, memory: runs.baseline, redis: runs.subject },
        tierHitsUs: tiers,
        roundTripsUs: trips,
      },
    };
  } finally {
    await state.close();
    await mocks.stop();
    await server.stop();
  }
}

if (import.meta.main) runAsScript(sharedStateCosts);
