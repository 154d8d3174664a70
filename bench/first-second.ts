/**
 * 7. The first second of a call: a high-risk inbound IVR assessment (SIM swap, call forwarding,
 * roaming at the operator, albion; on-hook at Telesign) with deadlineMs 1000, default settings,
 * answer cache off, five albion numbers whose CIBA tokens are held after the warm-up.
 *
 * (a) The first provider of every signal hangs (albion's SIM swap, call forwarding and roaming
 *     APIs; Telesign): the share of assessments with every signal answered (target 100 %) and the
 *     p50/p99 latency (target p99 ≤ 1000 ms).
 * (b) The first providers (albion, Telesign) fail 5 % of calls with 503 and answer 2 % after
 *     500-600 ms (otherwise 15-35 ms): p99 with hedging (the default) against hedging off, in the
 *     same run, interleaved, a fresh gateway each; the extra upstream calls hedging costs, and
 *     whether they stayed within the hedge budget (10 % of the hedged provider's calls + 1/s).
 *
 * Gateway on CPU 0, mocks on CPU 1, the client in this process. Run: npm run bench:first-second
 */
import { startGateway, startMocks } from './lib/processes.ts';
import { interleaved, median, medianOf, REPETITIONS, round, runAsScript, type BenchResult } from './lib/report.ts';
import { percentile, timedPosts, type TimedAnswer } from './lib/timed-posts.ts';
import { AUTH, benchConfig, mockAdmin, type FaultRule } from './lib/world.ts';
import type { GatewayConfig } from '../src/config/schema.ts';

const GATEWAY_CPU = 0;
const MOCKS_CPU = 1;
const NUMBERS = ['+447700900001', '+447700900002', '+447700900003', '+447700900004', '+447700900005'];
const KINDS = ['sim_swap', 'call_forwarding', 'roaming', 'call_state'];
const ASSESSMENTS = Number(process.env.BENCH_FIRST_SECOND_COUNT ?? 600);
const CONCURRENCY = 8;
const assessment = (n: number, deadlineMs = 1_000) => ({
  phoneNumber: NUMBERS[n % NUMBERS.length],
  context: { channel: 'ivr', riskTier: 'high', inboundCall: true },
  deadlineMs,
});

const ALBION_APIS = [
  'sim-swap/v2/check',
  'sim-swap/v2/retrieve-date',
  'call-forwarding-signal/v0.4/call-forwardings',
  'call-forwarding-signal/v0.4/unconditional-call-forwardings',
  'device-roaming-status/v1/retrieve',
];
const HANGING: FaultRule[] = [
  ...ALBION_APIS.map((endpoint) => ({ carrier: 'albion', endpoint, kind: 'hang' })),
  { carrier: 'telesign', kind: 'hang' },
];
/** First providers: 5 % 503, a 2 % tail at 500-600 ms, else 15-35 ms (the rules are tried in this order). */
const FLAKY_TAILED: FaultRule[] = ['albion', 'telesign'].flatMap((carrier) => [
  { carrier, kind: 'status', status: 503, probability: 0.05 },
  { carrier, kind: 'latency', latencyMs: 500, jitterMs: 100, probability: 0.02 },
  { carrier, kind: 'latency', latencyMs: 15, jitterMs: 20 },
]);

/** Every signal kind asked got a definite answer. */
function everySignalAnswered(answer: TimedAnswer): boolean {
  if (answer.status !== 200) return false;
  const signals = answer.body.signals as Array<{ kind: string; status: string }>;
  return KINDS.every((kind) => signals.some((signal) => signal.kind === kind && (signal.status === 'ok' || signal.status === 'not_found')));
}

const share = (answers: readonly TimedAnswer[], test: (answer: TimedAnswer) => boolean) => round((100 * answers.filter(test).length) / answers.length, 1);

type SignalSummary = { kind: string; operation: string; status: string; provider: string; latencyMs: number };

/**
 * Per operation: p99 of its own latency, how many answers took over 300 ms (the injected tail that
 * reached the verdict; steadier than a p99 that sits on the tail's edge), and how many came back
 * without a definite answer.
 */
function byOperation(answers: readonly TimedAnswer[]) {
  const operations = new Map<string, SignalSummary[]>();
  for (const answer of answers) {
    for (const signal of (answer.body?.signals ?? []) as SignalSummary[]) {
      operations.set(signal.operation, [...(operations.get(signal.operation) ?? []), signal]);
    }
  }
  return Object.fromEntries(
    [...operations].map(([operation, signals]) => {
      const latencies = signals.map((signal) => signal.latencyMs).sort((a, b) => a - b);
      const unanswered = signals.filter((signal) => signal.status !== 'ok' && signal.status !== 'not_found').length;
      const over300ms = latencies.filter((latency) => latency > 300).length;
      return [operation, { p99: round(latencies[Math.ceil(0.99 * latencies.length) - 1]!, 1), over300ms, unanswered }];
    }),
  );
}

function summary(answers: TimedAnswer[]) {
  return {
    byOperation: byOperation(answers),
    p50: round(percentile(answers, 0.5), 1),
    p95: round(percentile(answers, 0.95), 1),
    p99: round(percentile(answers, 0.99), 1),
    max: round(percentile(answers, 1), 1),
    non200: answers.filter((answer) => answer.status !== 200).length,
    everySignalAnsweredPct: share(answers, everySignalAnswered),
    degradedPct: share(answers, (answer) => answer.body?.degraded === true),
  };
}

/** Sums a counter of the gateway's /metrics by one label's value. */
async function counterBy(gatewayUrl: string, metric: string, label: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
  const totals: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`)) continue;
    const value = new RegExp(`${label}="([^"]+)"`).exec(line)?.[1];
    if (value) totals[value] = (totals[value] ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return totals;
}

export async function firstSecond(): Promise<BenchResult> {
  const mocks = await startMocks({ cpu: MOCKS_CPU });
  const world = mockAdmin(mocks.url);
  /** A fresh gateway, warmed without faults (CIBA tokens, pooled sockets, every provider's usual latency), then `faults`, then the load. */
  const run = async (config: GatewayConfig, faults: FaultRule[]) => {
    const gateway = await startGateway(config, { cpu: GATEWAY_CPU });
    try {
      const url = `${gateway.url}/v1/assessments`;
      const warm = await timedPosts({ url, headers: AUTH, body: (n) => assessment(n, 5_000), count: 60, concurrency: NUMBERS.length });
      // The on-hook check's second provider (albion's Scam Signal) is asked once per number too, so its CIBA tokens are held as well.
      await world.addFault({ carrier: 'telesign', kind: 'status', status: 503, times: 3 * NUMBERS.length });
      warm.push(...(await timedPosts({ url, headers: AUTH, body: (n) => assessment(n, 5_000), count: NUMBERS.length, concurrency: NUMBERS.length })));
      await world.clearFaults();
      if (warm.some((answer) => answer.status !== 200)) throw new Error('the warm-up failed');
      for (const rule of faults) await world.addFault(rule);
      await world.resetStats();
      const started = performance.now();
      const answers = await timedPosts({ url, headers: AUTH, body: (n) => assessment(n), count: ASSESSMENTS, concurrency: CONCURRENCY });
      const seconds = (performance.now() - started) / 1000;
      const stats = await world.stats();
      const calls = (carrier: string) => Object.entries(stats[carrier] ?? {}).filter(([endpoint]) => endpoint !== 'aborted').reduce((sum, [, count]) => sum + count, 0);
      const hedges = await counterBy(gateway.url, 'numtrust_hedges_total', 'outcome');
      return {
        ...summary(answers),
        seconds: round(seconds, 1),
        upstreamCalls: { albion: calls('albion'), telesign: calls('telesign'), twilio: calls('twilio'), vonage: calls('vonage') },
        hedgesStarted: hedges.started ?? 0,
        hedgesWon: hedges.won ?? 0,
      };
    } finally {
      await world.clearFaults();
      await gateway.stop();
    }
  };

  try {
    const defaults = benchConfig(mocks.url, 0);
    const hanging = await run(defaults, HANGING);
    const noHedging = benchConfig(mocks.url, 0, { hedging: { enabled: false } });
    const runs = await interleaved(REPETITIONS, () => run(noHedging, FLAKY_TAILED), () => run(defaults, FLAKY_TAILED));
    const p99 = { off: medianOf(runs.baseline, (r) => r.p99), on: medianOf(runs.subject, (r) => r.p99) };
    const p95 = { off: medianOf(runs.baseline, (r) => r.p95), on: medianOf(runs.subject, (r) => r.p95) };
    const totalCalls = (r: (typeof runs.subject)[number]) => Object.values(r.upstreamCalls).reduce((sum, count) => sum + count, 0);
    const extraCallsPct = round(100 * (medianOf(runs.subject, totalCalls) / medianOf(runs.baseline, totalCalls) - 1), 1);
    // The budget: 10 % of the hedged providers' calls plus 1 a second per provider × operation (six of them here).
    const withinBudget = runs.subject.every((r) => r.hedgesStarted <= 0.1 * (r.upstreamCalls.albion + r.upstreamCalls.telesign) + 6 * Math.max(10, r.seconds));
    const hangOk = hanging.everySignalAnsweredPct === 100 && hanging.p99 <= 1_000;
    return {
      id: 7,
      name: 'first second: high-risk inbound IVR assessment, deadlineMs 1000',
      baseline: `(a) first providers hang: ${hanging.everySignalAnsweredPct} % every signal answered, p50 ${hanging.p50} ms, p99 ${hanging.p99} ms`,
      subject: `(b) 5 % 503 + 2 % 500 ms tail: hedging off p95 ${p95.off} ms, p99 ${p99.off} ms; on p95 ${p95.on} ms, p99 ${p99.on} ms`,
      figure: `(b) hedging: p95 ×${round(p95.on / p95.off, 2)}, p99 ×${round(p99.on / p99.off, 2)}, ${extraCallsPct >= 0 ? '+' : ''}${extraCallsPct} % upstream calls, within budget: ${withinBudget ? 'yes' : 'no'}`,
      target: '(a) 100 %, p99 ≤ 1000 ms; (b) lower p99 with hedging, within its budget',
      met: hangOk && p99.on < p99.off && withinBudget,
      details: {
        method: `${ASSESSMENTS} assessments a run, ${CONCURRENCY} at a time, ${NUMBERS.length} albion numbers; (b) ${REPETITIONS} interleaved repetitions, fresh gateway each; medians`,
        hanging,
        hedgingOff: runs.baseline,
        hedgingOn: runs.subject,
        degradedPctMedian: { off: median(runs.baseline.map((r) => r.degradedPct)), on: median(runs.subject.map((r) => r.degradedPct)) },
        over300msByOperationMedian: Object.fromEntries(
          Object.keys(runs.baseline[0]!.byOperation).map((operation) => [
            operation,
            { off: medianOf(runs.baseline, (r) => r.byOperation[operation]!.over300ms), on: medianOf(runs.subject, (r) => r.byOperation[operation]!.over300ms) },
          ]),
        ),
      },
    };
  } finally {
    await mocks.stop();
  }
}

if (import.meta.main) runAsScript(firstSecond);
