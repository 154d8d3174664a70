/**
 * 1. Cache-hit throughput of POST /v1/assessments (every signal already in the answer cache)
 * against a bare node:http server answering the same JSON bytes. Server on CPU 0, wrk on CPU 1,
 * closed loop, 50 connections; fresh server process per repetition, interleaved; medians.
 * Target: gateway / bare ≥ 0.75.   Run: npm run bench:throughput
 */
import { startBareServer, startGateway, startMocks } from './lib/processes.ts';
import { interleaved, medianOf, REPETITIONS, round, runAsScript, type BenchResult } from './lib/report.ts';
import { AUTH, benchConfig, post } from './lib/world.ts';
import { wrk, type WrkResult } from './lib/wrk.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARM_UP_SECONDS = 2;
const CONNECTIONS = 50;
const SERVER_CPU = 0;
const LOAD_CPU = 1;
const ASSESSMENT = { phoneNumber: '+447700900502', context: { channel: 'ivr', riskTier: 'high', inboundCall: false } };

export async function cacheHitThroughput(): Promise<BenchResult> {
  const mocks = await startMocks({ cpu: LOAD_CPU });
  try {
    const config = benchConfig(mocks.url, 3600);
    const load = async (url: string, headers: Record<string, string>): Promise<WrkResult> => {
      const run = { url, method: 'POST' as const, headers, body: JSON.stringify(ASSESSMENT), connections: CONNECTIONS, cpu: LOAD_CPU };
      await wrk({ ...run, seconds: WARM_UP_SECONDS });
      return wrk({ ...run, seconds: SECONDS });
    };
    /** Starts a gateway and fills its cache; the answer it then gives is the one the bare server repeats. */
    const warmGateway = async () => {
      const gateway = await startGateway(config, { cpu: SERVER_CPU });
      const url = `${gateway.url}/v1/assessments`;
      await post(url, ASSESSMENT);
      const answer = await post(url, ASSESSMENT);
      const signals = (JSON.parse(answer.text) as { signals: Array<{ cached: boolean }> }).signals;
      if (answer.status !== 200 || !signals.every((signal) => signal.cached)) throw new Error(`cache not warm: ${answer.status} ${answer.text}`);
      return { gateway, url, answer };
    };

    const first = await warmGateway();
    await first.gateway.stop();
    const answer = { status: 200, body: first.answer.text, contentType: first.answer.headers.get('content-type') ?? 'application/json' };

    const runs = await interleaved(
      REPETITIONS,
      async () => {
        const bare = await startBareServer(answer, { cpu: SERVER_CPU });
        try {
          return await load(bare.url, { 'content-type': 'application/json' });
        } finally {
          await bare.stop();
        }
      },
      async () => {
        const { gateway, url } = await warmGateway();
        try {
          return await load(url, AUTH);
        } finally {
          await gateway.stop();
        }
      },
    );
    for (const run of [...runs.baseline, ...runs.subject]) {
      if (run.non2xx > 0 || run.socketErrors > 0) throw new Error(`errors under load: ${JSON.stringify(run)}`);
    }
    const bareRps = medianOf(runs.baseline, (run) => run.requestsPerSecond);
    const gatewayRps = medianOf(runs.subject, (run) => run.requestsPerSecond);
    const ratio = round(gatewayRps / bareRps, 3);
    return {
      id: 1,
      name: 'cache-hit throughput, POST /v1/assessments',
      baseline: `bare node:http ${Math.round(bareRps)} req/s`,
      subject: `gateway ${Math.round(gatewayRps)} req/s`,
      figure: `ratio ${ratio}`,
      target: 'ratio ≥ 0.75',
      met: ratio >= 0.75,
      details: {
        method: `wrk -t1 -c${CONNECTIONS} -d${SECONDS}s after ${WARM_UP_SECONDS} s warm-up, server on CPU ${SERVER_CPU}, wrk on CPU ${LOAD_CPU}, ${REPETITIONS} interleaved repetitions`,
        answerBytes: Buffer.byteLength(answer.body),
        bareRequestsPerSecond: runs.baseline.map((run) => run.requestsPerSecond),
        gatewayRequestsPerSecond: runs.subject.map((run) => run.requestsPerSecond),
        bareP50Ms: medianOf(runs.baseline, (run) => run.p50),
        gatewayP50Ms: medianOf(runs.subject, (run) => run.p50),
        gatewayP99Ms: medianOf(runs.subject, (run) => run.p99),
        gatewayLog: 'info level (one access-log line a request) to a file',
      },
    };
  } finally {
    await mocks.stop();
  }
}

if (import.meta.main) runAsScript(cacheHitThroughput);
