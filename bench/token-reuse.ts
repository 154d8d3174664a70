/**
 * 5. Token endpoint calls made for 10 000 client-credential checks (SIM swap at brightwave, answer
 * cache off so every check goes upstream; maxAge cycles 1..168 so checks in flight are rarely
 * identical, and the few that are share one call), 50 at a time, from a child process; counted by the mock
 * (GET /_world/stats). Two token lifetimes, a fresh gateway each:
 *   a. the mock's default, 3600 s: the run fits in one lifetime, so 1 token call;
 *   b. 4 s: the gateway refreshes a token min(30 s, half its lifetime) before it expires
 *      (tokenRefreshSkewSeconds), so one call every 2 s: ceil(run time / 2 s) at most.
 * Target: one per token lifetime.   Run: npm run bench:tokens
 */
import { startGateway, startMocks } from './lib/processes.ts';
import { REPETITIONS, runAsScript, type BenchResult } from './lib/report.ts';
import { benchConfig, fire, mockAdmin } from './lib/world.ts';

const CHECKS = 10_000;
const CONCURRENCY = 50;
const REFRESH_SKEW_SECONDS = 30;
const LIFETIMES_SECONDS = [3600, 4];

interface Run {
  tokenLifetimeSeconds: number;
  repetition: number;
  answers: Record<string, number>;
  elapsedMs: number;
  checkCalls: number;
  tokenCalls: number;
  /** One call per usable lifetime over the run's time. */
  allowedTokenCalls: number;
}

export async function tokenReuse(): Promise<BenchResult> {
  const mocks = await startMocks();
  const world = mockAdmin(mocks.url);
  try {
    const results: Run[] = [];
    for (let repetition = 0; repetition < REPETITIONS; repetition++) {
      for (const lifetime of LIFETIMES_SECONDS) {
        await world.settings('brightwave', { tokenTtlSeconds: lifetime });
        const gateway = await startGateway(benchConfig(mocks.url, 0));
        try {
          await world.resetStats();
          const sent = await fire({
            url: `${gateway.url}/sim-swap/v2/check`,
            body: '{"phoneNumber":"+447700900501","maxAge":{n}}',
            vary: 168,
            count: CHECKS,
            concurrency: CONCURRENCY,
          });
          const calls = (await world.stats()).brightwave;
          const usableSeconds = lifetime - Math.min(REFRESH_SKEW_SECONDS, lifetime / 2);
          results.push({
            tokenLifetimeSeconds: lifetime,
            repetition: repetition + 1,
            answers: sent.statuses,
            elapsedMs: sent.elapsedMs,
            checkCalls: calls?.['sim-swap/v2/check'] ?? 0,
            tokenCalls: calls?.token ?? 0,
            allowedTokenCalls: Math.ceil(sent.elapsedMs / 1000 / usableSeconds),
          });
        } finally {
          await gateway.stop();
        }
      }
    }
    await world.settings('brightwave', { tokenTtlSeconds: 3600 });
    const met = results.every((result) => result.answers['200'] === CHECKS && result.tokenCalls >= 1 && result.tokenCalls <= result.allowedTokenCalls);
    const summary = (lifetime: number) => results.filter((result) => result.tokenLifetimeSeconds === lifetime).map((result) => `${result.tokenCalls}/${result.allowedTokenCalls}`).join(', ');
    return {
      id: 5,
      name: `token endpoint calls for ${CHECKS} client-credential checks`,
      baseline: `${CHECKS} checks upstream (answer cache off)`,
      subject: LIFETIMES_SECONDS.map((lifetime) => `${lifetime} s tokens: ${summary(lifetime)}`).join('; '),
      figure: 'token calls / allowed (one per usable lifetime)',
      target: 'one per token lifetime',
      met,
      details: { refreshSkewSeconds: REFRESH_SKEW_SECONDS, results },
    };
  } finally {
    await mocks.stop();
  }
}

if (import.meta.main) runAsScript(tokenReuse);
