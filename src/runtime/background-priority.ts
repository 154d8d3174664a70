/**
 * An opt-in trade for latency-first deployments on few CPUs (NUMTRUST_V8_WORKER_NICENESS): V8's
 * background threads (concurrent compilation and garbage-collection helpers, named "V8Worker")
 * run at a lower scheduling priority than the event loop, so a burst of optimizing compiles
 * cannot take the CPU from the thread that answers requests.
 *
 * Measured with the gateway pinned to one CPU (docs/benchmarks.md, fifth session): at 19,
 * fail-fast p99 in the first ten seconds went ~3.0 -> ~2.0 ms, and a fresh gateway's tier-up
 * storms (60 functions compiled in a second) no longer held requests up by 20-40 ms. But a
 * saturated event loop then starves the compiler: over a fresh process's first ten seconds the
 * cached path served 27 % fewer requests a second, its code waiting for optimization. So it is off
 * unless asked for.
 *
 * Linux only: there setpriority(2) on a thread id sets that thread's niceness alone, and raising
 * a thread's niceness needs no privilege (lowering it back does). Elsewhere nothing changes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { ConfigError } from '../config/load.ts';

export const V8_WORKER_THREAD = 'V8Worker';
/** This process's threads, one directory each. */
const TASKS = '/proc/self/task';

export type PriorityOutcome = {
  threads: number;
  niceness: number;
  /** Why nothing was changed, when nothing was. */
  skipped?: string;
};

/**
 * `setting`: NUMTRUST_V8_WORKER_NICENESS, 1-19 (19: about 1.5 % of a CPU the event loop also
 * wants, CFS weights 15 against 1024, and all of it while the event loop waits); unset, "0" or
 * "off" leaves the threads alone.
 */
export function lowerBackgroundThreads(setting: string | undefined): PriorityOutcome {
  const niceness = nicenessOf(setting);
  if (niceness === 0) return { threads: 0, niceness, skipped: 'turned off' };
  if (process.platform !== 'linux') return { threads: 0, niceness, skipped: `not on ${process.platform}` };
  let threads = 0;
  try {
    for (const tid of readdirSync(TASKS)) {
      if (threadName(tid) !== V8_WORKER_THREAD) continue;
      setPriority(Number(tid), niceness);
      threads++;
    }
  } catch (error) {
    return { threads, niceness, skipped: (error as Error).message };
  }
  return { threads, niceness };
}

function threadName(tid: string): string | undefined {
  try {
    return readFileSync(`${TASKS}/${tid}/comm`, 'utf8').trim();
  } catch {
    return undefined; // the thread ended between listing and reading
  }
}

function nicenessOf(setting: string | undefined): number {
  if (setting === undefined || setting.trim() === '' || setting.trim().toLowerCase() === 'off') return 0;
  const niceness = Number(setting);
  if (!Number.isInteger(niceness) || niceness < 0 || niceness > 19) {
    throw new ConfigError(`NUMTRUST_V8_WORKER_NICENESS must be a whole number from 0 to 19, or "off" (got "${setting}")`);
  }
  return niceness;
}
