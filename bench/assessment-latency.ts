/**
 * 3. A four-signal assessment (SIM swap, call forwarding, roaming at the operator; on-hook at
 * Telesign) with mock latencies per provider endpoint of 20, 40, 60 and 80 ms, against the slowest
 * provider (Telesign PhoneID, 80 ms) called directly, in the same run: does the assessment cost
 * its slowest provider, or the sum? One request at a time (wrk -c1), answer cache off so every
 * assessment asks every upstream; the number's CIBA token is held after the warm-up. Gateway on
 * CPU 0, mocks and wrk on CPU 1; interleaved repetitions, fresh gateway each; medians.
 * Target: p50 ≤ slowest + 3 ms.   Run: npm run bench:assessment
 */
import { basicAuthorization } from '../src/contract/encoding.ts';
import { TELESIGN_DEV_API_KEY, TELESIGN_DEV_CUSTOMER_ID } from '../mocks/carriers/telesign/dev-credentials.ts';
import { startGateway, startMocks } from './lib/processes.ts';
import { interleaved, medianLatencies, GATEWAY_LOG, REPETITIONS, round, runAsScript, type BenchResult } from './lib/report.ts';
import { AUTH, benchConfig, mockAdmin, post } from './lib/world.ts';
import { describeLoad, measure, type WrkRun } from './lib/wrk.ts';

const ONE_AT_A_TIME = { connections: 1 };
const GATEWAY_CPU = 0;
const OTHER_CPU = 1;
const NUMBER = '+447700900002';
/** The on-hook provider is the slowest, as it often is in the field. */
const LATENCY_MS = [
  { carrier: 'albion', endpoint: 'sim-swap/v2/retrieve-date', latencyMs: 20 },
  { carrier: 'albion', endpoint: 'sim-swap/v2/check', latencyMs: 20 },
  { carrier: 'albion', endpoint: 'call-forwarding-signal/v0.4/call-forwardings', latencyMs: 40 },
  { carrier: 'albion', endpoint: 'call-forwarding-signal/v0.4/unconditional-call-forwardings', latencyMs: 40 },
  { carrier: 'albion', endpoint: 'device-roaming-status/v1/retrieve', latencyMs: 60 },
  { carrier: 'telesign', endpoint: 'phoneid', latencyMs: 80 },
];
const ASSESSMENT = { phoneNumber: NUMBER, context: { channel: 'ivr', riskTier: 'high', inboundCall: true }, deadlineMs: 5_000 };

export async function assessmentLatency(): Promise<BenchResult> {
  const mocks = await startMocks({ cpu: OTHER_CPU });
  const world = mockAdmin(mocks.url);
  try {
    const subscriber = await world.subscriber(NUMBER);
    delete subscriber.phoneNumber;
    await world.putSubscriber(NUMBER, { ...subscriber, call: { direction: 'outgoing', peer: '+442079460123', startedAt: '5 seconds ago' } });
    const config = benchConfig(mocks.url, 0);
    const sequential = (run: Pick<WrkRun, 'url' | 'headers' | 'body'>, pid: number) => measure({ ...ONE_AT_A_TIME, ...run, method: 'POST', cpu: OTHER_CPU }, pid);
    const withGateway = async <T>(use: (url: string, pid: number) => Promise<T>): Promise<T> => {
      const gateway = await startGateway(config, { cpu: GATEWAY_CPU });
      try {
        const url = `${gateway.url}/v1/assessments`;
        // Warm-up: discovery, the number's CIBA consent (one poll interval), pooled sockets.
        for (let i = 0; i < 5; i++) await checkedAssessment(url);
        return await use(url, gateway.pid);
      } finally {
        await gateway.stop();
      }
    };
    const gatewayRun = (url: string, pid: number) => sequential({ url, headers: AUTH, body: JSON.stringify(ASSESSMENT) }, pid);

    // The gateway's own path, for reference: no injected latency.
    const noLatency = await withGateway(gatewayRun);
    for (const rule of LATENCY_MS) await world.addFault({ ...rule, kind: 'latency' });
    const phoneId = { url: `${mocks.url}/carriers/telesign/v1/phoneid/${NUMBER.slice(1)}`, headers: {
      authorization: basicAuthorization(TELESIGN_DEV_CUSTOMER_ID, TELESIGN_DEV_API_KEY),
      'content-type': 'application/json',
    }, body: JSON.stringify({ addons: { active_call_status: {} } }) };
    const runs = await interleaved(REPETITIONS, () => sequential(phoneId, mocks.pid), () => withGateway(gatewayRun));
    for (const run of [...runs.baseline, ...runs.subject, noLatency]) {
      if (run.non2xx > 0) throw new Error(`errors under load: ${JSON.stringify(run)}`);
    }
    const { baseline: slowest, subject: assessment } = medianLatencies(runs);
    const over = { p50: round(assessment.p50 - slowest.p50, 3), p99: round(assessment.p99 - slowest.p99, 3) };
    const sum = LATENCY_MS.filter((entry, index, all) => all.findIndex((other) => other.latencyMs === entry.latencyMs) === index).reduce((total, entry) => total + entry.latencyMs, 0);
    return {
      id: 3,
      name: 'four-signal assessment, providers at 20/40/60/80 ms',
      baseline: `slowest provider direct p50 ${slowest.p50} ms, p99 ${slowest.p99} ms`,
      subject: `assessment p50 ${assessment.p50} ms, p99 ${assessment.p99} ms`,
      figure: `over slowest p50 ${over.p50} ms, p99 ${over.p99} ms`,
      target: 'p50 ≤ slowest + 3 ms',
      met: over.p50 <= 3,
      details: {
        method: `${describeLoad(ONE_AT_A_TIME, REPETITIONS)}; answer cache off`,
        injectedLatencyMs: Object.fromEntries(LATENCY_MS.map((entry) => [`${entry.carrier} ${entry.endpoint}`, entry.latencyMs])),
        sumOfSignalLatenciesMs: sum,
        assessmentWithoutLatency: { p50: noLatency.p50, p99: noLatency.p99, gatewayCpuUsPerAssessment: noLatency.cpuUsPerRequest },
        slowestDirect: runs.baseline,
        assessment: runs.subject,
        gatewayLog: GATEWAY_LOG,
      },
    };
  } finally {
    await mocks.stop();
  }
}

async function checkedAssessment(url: string): Promise<void> {
  const answer = await post(url, ASSESSMENT);
  const signals = answer.status === 200 ? (JSON.parse(answer.text) as { signals: Array<{ kind: string; status: string }> }).signals : [];
  if (answer.status !== 200 || signals.length < 4 || signals.some((signal) => signal.status !== 'ok' && signal.status !== 'not_supported')) {
    throw new Error(`assessment not complete: ${answer.status} ${answer.text}`);
  }
}

if (import.meta.main) runAsScript(assessmentLatency);
