/**
 * Before and after one change, in one run: the gateway of an earlier commit (`before`, checked out
 * into a temporary worktree sharing this checkout's node_modules) against this checkout's, started
 * fresh and alternated (before, after, before, after...), on the same mocks and the same load.
 * Figures are medians over the repetitions; each side's CPU time and heap allocation per request
 * come from its own process (/proc, V8's GC accounting: bench/lib/allocation.ts).
 *
 *   npm run bench:compare -- <commit> [cached|miss ...]     (default: both)
 *   COMPARE_AFTER_FLAGS="--max-semi-space-size=16" npm run bench:compare -- HEAD miss
 *
 * cached: a high-risk IVR assessment whose answers are all cached, closed loop, 50 connections
 *         (bench 1's workload): requests per second, CPU and allocation per request.
 * miss:   a SIM swap check with the answer cache off, every request upstream, ~500 req/s offered
 *         (bench 2's workload): CPU and allocation per request, p50 and p99.
 */
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { allocatedSince, ALLOCATION_FLAGS, logOffset } from './lib/allocation.ts';
import { cpuPerRequest, startGateway, startMocks, workDir } from './lib/processes.ts';
import { interleaved, machine, medianOf, REPETITIONS, round, runMain } from './lib/report.ts';
import { API_KEY, AUTH, benchConfig, post } from './lib/world.ts';
import type { GatewayConfig } from '../src/config/schema.ts';
import { FIXED_LOAD, SECONDS, WARM_UP_SECONDS, wrk, type WrkRun } from './lib/wrk.ts';

/** Node flags for the "after" gateway only (a V8 flag's effect: compare HEAD with itself). */
const AFTER_FLAGS = (process.env.COMPARE_AFTER_FLAGS ?? '').split(' ').filter(Boolean);
const GATEWAY_CPU = 0;
const OTHER_CPU = 1;

interface Workload {
  cacheTtlSeconds: number;
  path: string;
  warm: object;
  load: Omit<WrkRun, 'url' | 'seconds' | 'headers' | 'cpu'>;
}

const WORKLOADS: Record<string, Workload> = {
  cached: {
    cacheTtlSeconds: 3600,
    path: '/v1/assessments',
    warm: { phoneNumber: '+447700900502', context: { channel: 'ivr', riskTier: 'high', inboundCall: false } },
    load: { connections: 50, method: 'POST', body: JSON.stringify({ phoneNumber: '+447700900502', context: { channel: 'ivr', riskTier: 'high', inboundCall: false } }) },
  },
  miss: {
    cacheTtlSeconds: 0,
    path: '/sim-swap/v2/check',
    warm: { phoneNumber: '+447700900501', maxAge: 24 },
    load: { ...FIXED_LOAD, method: 'POST', body: '{"phoneNumber":"+447700900501","maxAge":{n}}', vary: 168 },
  },
};

function checkout(commit: string): string {
  const root = join(workDir, 'before');
  execFileSync('git', ['worktree', 'add', '--detach', root, commit], { stdio: 'ignore' });
  symlinkSync(join(process.cwd(), 'node_modules'), join(root, 'node_modules'));
  return root;
}

/** The embedded configuration as that checkout builds it: an earlier commit may not read today's. */
function configOf(root: string, mocksUrl: string, cacheTtlSeconds: number): GatewayConfig {
  const script = `import { embeddedConfig } from ${JSON.stringify(join(root, 'src/runtime/embedded.ts'))};
    console.log(JSON.stringify(embeddedConfig(${JSON.stringify(mocksUrl)}, ${JSON.stringify(API_KEY)}, ${cacheTtlSeconds})));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as GatewayConfig;
}

async function compare(name: string, workload: Workload, mocksUrl: string, beforeRoot: string) {
  const configs = new Map([beforeRoot, undefined].map((root) => [root, root === undefined ? benchConfig(mocksUrl, workload.cacheTtlSeconds) : configOf(root, mocksUrl, workload.cacheTtlSeconds)]));
  const side = (root: string | undefined, flags: string[]) => async () => {
    const config = configs.get(root)!;
    const gateway = await startGateway(config, { cpu: GATEWAY_CPU, root, nodeFlags: [...ALLOCATION_FLAGS, ...flags] });
    try {
      const url = `${gateway.url}${workload.path}`;
      for (let i = 0; i < 2; i++) {
        const warm = await post(url, workload.warm);
        if (warm.status !== 200) throw new Error(`${name}: ${warm.status} ${warm.text}`);
      }
      const run = { ...workload.load, url, headers: AUTH, cpu: OTHER_CPU };
      await wrk({ ...run, seconds: WARM_UP_SECONDS });
      const offset = logOffset(gateway.logFile);
      const result = await cpuPerRequest(gateway.pid, () => wrk({ ...run, seconds: SECONDS }));
      if (result.non2xx > 0 || result.socketErrors > 0) throw new Error(`${name}: errors under load ${JSON.stringify(result)}`);
      return { ...result, allocatedKBPerRequest: allocatedSince(gateway.logFile, offset) / 1024 / result.requests };
    } finally {
      await gateway.stop();
    }
  };
  const runs = await interleaved(REPETITIONS, side(beforeRoot, []), side(undefined, AFTER_FLAGS));
  const figures = (sideRuns: typeof runs.baseline) => ({
    requestsPerSecond: medianOf(sideRuns, (run) => run.requestsPerSecond),
    cpuUsPerRequest: medianOf(sideRuns, (run) => run.cpuUsPerRequest),
    allocatedKBPerRequest: round(medianOf(sideRuns, (run) => run.allocatedKBPerRequest), 1),
    p50Ms: medianOf(sideRuns, (run) => run.p50),
    p99Ms: medianOf(sideRuns, (run) => run.p99),
  });
  const before = figures(runs.baseline);
  const after = figures(runs.subject);
  return { workload: name, before, after, afterOverBefore: { requestsPerSecond: round(after.requestsPerSecond / before.requestsPerSecond, 3), cpuUsPerRequest: round(after.cpuUsPerRequest / before.cpuUsPerRequest, 3) } };
}

runMain(async () => {
  const [commit, ...names] = process.argv.slice(2);
  if (!commit) throw new Error('usage: npm run bench:compare -- <commit> [cached|miss ...]');
  const chosen = names.length > 0 ? names : Object.keys(WORKLOADS);
  const root = checkout(commit);
  const mocks = await startMocks({ cpu: OTHER_CPU });
  try {
    const results = [];
    for (const name of chosen) {
      const workload = WORKLOADS[name];
      if (!workload) throw new Error(`no workload ${name}: ${Object.keys(WORKLOADS).join(', ')}`);
      results.push(await compare(name, workload, mocks.url, root));
    }
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    console.log(JSON.stringify({ before: commit, after: `${head} + working tree`, afterFlags: AFTER_FLAGS, repetitions: REPETITIONS, results, machine: machine() }, null, 2));
  } finally {
    await mocks.stop();
    execFileSync('git', ['worktree', 'remove', '--force', root], { stdio: 'ignore' });
  }
});
