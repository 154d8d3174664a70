/**
 * 6. Latency of fail-fast answers while a breaker is open: brightwave's SIM swap check answers 503
 * until its breaker (provider × operation) opens; then checks pinned to brightwave
 * (x-numtrust-provider) are answered 503 by the gateway without an upstream call (the mock's
 * counter must not move). Against a bare node:http server answering the same 503 bytes, at the
 * same load: 50 connections, each waiting a random 50-150 ms before each request (~500 req/s,
 * well under saturation). Server on CPU 0, wrk on CPU 1; interleaved, fresh server each; medians.
 * Target: p99 ≤ 2 ms.   Run: npm run bench:fail-fast
 */
import { answerOf, startBareServer, startGateway, startMocks, using } from './lib/processes.ts';
import { interleaved, medianLatencies, REPETITIONS, runDetails, round, runAsScript, type BenchResult } from './lib/report.ts';
import { AUTH, benchConfig, mockAdmin, post } from './lib/world.ts';
import { describeLoad, FIXED_LOAD, measure } from './lib/wrk.ts';

const SERVER_CPU = 0;
const OTHER_CPU = 1;
const CHECK = { phoneNumber: '+447700900501', maxAge: 72 };
const PINNED = { ...AUTH, 'x-numtrust-provider': 'brightwave' };
const UPSTREAM = 'sim-swap/v2/check';

export async function breakerFailFast(): Promise<BenchResult> {
  const mocks = await startMocks({ cpu: OTHER_CPU });
  const world = mockAdmin(mocks.url);
  try {
    await world.addFault({ carrier: 'brightwave', endpoint: UPSTREAM, kind: 'status', status: 503 });
    const config = benchConfig(mocks.url, 0, { breaker: { errorThresholdPercentage: 50, volumeThreshold: 5, resetTimeoutMs: 600_000, rollingWindowMs: 60_000 } });
    const upstreamCalls = async () => (await world.stats()).brightwave?.[UPSTREAM] ?? 0;
    /** A gateway whose brightwave SIM swap breaker is open, and the answer it fails fast with. */
    const openBreaker = async () => {
      const gateway = await startGateway(config, { cpu: SERVER_CPU });
      const url = `${gateway.url}/sim-swap/v2/check`;
      for (let i = 0; i < 10; i++) await post(url, CHECK, PINNED);
      const before = await upstreamCalls();
      const answer = await post(url, CHECK, PINNED);
      if (answer.status !== 503 || (await upstreamCalls()) !== before) {
        await gateway.stop();
        throw new Error(`breaker not open: ${answer.status} ${answer.text}`);
      }
      return { gateway, url, answer };
    };
    const load = async (url: string, headers: Record<string, string>, pid: number) => {
      const result = await measure({ ...FIXED_LOAD, url, method: 'POST', headers, body: JSON.stringify(CHECK), cpu: OTHER_CPU }, pid);
      if (result.non2xx !== result.requests) throw new Error(`answers other than the 503: ${JSON.stringify(result)}`);
      return result;
    };

    const first = await openBreaker();
    await first.gateway.stop();
    const upstreamDuringLoad: number[] = [];
    const runs = await interleaved(
      REPETITIONS,
      () => using(startBareServer(answerOf(first.answer), { cpu: SERVER_CPU }), (bare) => load(bare.url, { 'content-type': 'application/json' }, bare.pid)),
      async () => {
        const { gateway, url } = await openBreaker();
        try {
          const before = await upstreamCalls();
          const result = await load(url, PINNED, gateway.pid);
          upstreamDuringLoad.push((await upstreamCalls()) - before);
          return result;
        } finally {
          await gateway.stop();
        }
      },
    );
    await world.clearFaults();
    const { baseline: bare, subject: gateway } = medianLatencies(runs);
    return {
      id: 6,
      name: 'fail-fast answers while a breaker is open',
      baseline: `bare node:http 503 p50 ${bare.p50} ms, p99 ${bare.p99} ms`,
      subject: `gateway p50 ${gateway.p50} ms, p99 ${gateway.p99} ms`,
      figure: `p99 ${gateway.p99} ms (${round(gateway.p99 - bare.p99, 3)} ms over bare)`,
      target: 'p99 ≤ 2 ms',
      met: gateway.p99 <= 2 && upstreamDuringLoad.every((calls) => calls === 0),
      details: {
        method: describeLoad(FIXED_LOAD, REPETITIONS),
        failFastAnswer: first.answer.text,
        upstreamCallsDuringLoad: upstreamDuringLoad,
        ...runDetails(runs, ['bare', 'gateway']),
      },
    };
  } finally {
    await mocks.stop();
  }
}

if (import.meta.main) runAsScript(breakerFailFast);
