/**
 * 1. Cache-hit throughput of POST /v1/assessments (every signal already in the answer cache)
 * against a bare node:http server answering the same JSON bytes. Server on CPU 0, wrk on CPU 1,
 * closed loop, 50 connections; fresh server process per repetition, interleaved; medians.
 * Target: gateway / bare ≥ 0.5 (the long-term goal 0.75).   Run: npm run bench:throughput
 */
import { ALLOCATION_FLAGS } from './lib/allocation.ts';
import { answerOf, startBareServer, startGateway, startMocks, using } from './lib/processes.ts';
import { interleaved, medianOf, GATEWAY_LOG, REPETITIONS, round, runAsScript, type BenchResult } from './lib/report.ts';
import { AUTH, benchConfig, post } from './lib/world.ts';
import { describeLoad, measure } from './lib/wrk.ts';

const CLOSED_LOOP = { connections: 50 };
const SERVER_CPU = 0;
const LOAD_CPU = 1;
const ASSESSMENT = { phoneNumber: '+447700900502', context: { channel: 'ivr', riskTier: 'high', inboundCall: false } };

export async function cacheHitThroughput(): Promise<BenchResult> {
  const mocks = await startMocks({ cpu: LOAD_CPU });
  try {
    const config = benchConfig(mocks.url, 3600);
    const load = (url: string, headers: Record<string, string>, pid: number, gcLog?: string) =>
      measure({ ...CLOSED_LOOP, url, method: 'POST', headers, body: JSON.stringify(ASSESSMENT), cpu: LOAD_CPU }, pid, gcLog);
    /** Starts a gateway and fills its cache; the answer it then gives is the one the bare server repeats. */
    const warmGateway = async () => {
      const gateway = await startGateway(config, { cpu: SERVER_CPU, nodeFlags: ALLOCATION_FLAGS });
      const url = `${gateway.url}/v1/assessments`;
      await post(url, ASSESSMENT);
      const answer = await post(url, ASSESSMENT);
      const signals = (JSON.parse(answer.text) as { signals: Array<{ cached: boolean }> }).signals;
      if (answer.status !== 200 || !signals.every((signal) => signal.cached)) throw new Error(`cache not warm: ${answer.status} ${answer.text}`);
      return { gateway, url, answer };
    };

    const first = await warmGateway();
    await first.gateway.stop();
    const answer = answerOf(first.answer);

    const runs = await interleaved(
      REPETITIONS,
      () => using(startBareServer(answer, { cpu: SERVER_CPU }), (bare) => load(bare.url, { 'content-type': 'application/json' }, bare.pid)),
      async () => {
        const { gateway, url } = await warmGateway();
        try {
          return await load(url, AUTH, gateway.pid, gateway.logFile);
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
      target: 'ratio ≥ 0.5 (long-term 0.75)',
      met: ratio >= 0.5,
      details: {
        method: `${describeLoad(CLOSED_LOOP, REPETITIONS)}; server on CPU ${SERVER_CPU}, wrk on CPU ${LOAD_CPU}`,
        answerBytes: Buffer.byteLength(answer.body),
        bareRequestsPerSecond: runs.baseline.map((run) => run.requestsPerSecond),
        gatewayRequestsPerSecond: runs.subject.map((run) => run.requestsPerSecond),
        bareCpuUsPerRequest: medianOf(runs.baseline, (run) => run.cpuUsPerRequest),
        gatewayCpuUsPerRequest: medianOf(runs.subject, (run) => run.cpuUsPerRequest),
        gatewayAllocatedKBPerRequest: medianOf(runs.subject, (run) => run.allocatedKBPerRequest ?? Number.NaN),
        bareP50Ms: medianOf(runs.baseline, (run) => run.p50),
        gatewayP50Ms: medianOf(runs.subject, (run) => run.p50),
        gatewayP99Ms: medianOf(runs.subject, (run) => run.p99),
        gatewayLog: GATEWAY_LOG,
      },
    };
  } finally {
    await mocks.stop();
  }
}

if (import.meta.main) runAsScript(cacheHitThroughput);
