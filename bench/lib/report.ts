/**
 * What every bench prints: one result with the baseline and subject figures of the same run,
 * their ratio or difference, the target and whether it was met; plus the helpers to get there
 * (interleaved repetitions, medians) and the machine it ran on.
 */
import { cpus, totalmem } from 'node:os';
import { stopAll } from './processes.ts';

export interface BenchResult {
  id: number;
  name: string;
  /** One line each, for the summary table. */
  baseline: string;
  subject: string;
  figure: string;
  target: string;
  met: boolean;
  /** Every repetition's figures and anything else worth keeping. */
  details: Record<string, unknown>;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export const round = (value: number, digits = 2): number => +value.toFixed(digits);

/** Repetitions interleaved baseline, subject, baseline, subject…, so drift on a noisy machine hits both alike. */
export async function interleaved<T>(repetitions: number, baseline: () => Promise<T>, subject: () => Promise<T>): Promise<{ baseline: T[]; subject: T[] }> {
  const result = { baseline: [] as T[], subject: [] as T[] };
  for (let i = 0; i < repetitions; i++) {
    result.baseline.push(await baseline());
    result.subject.push(await subject());
  }
  return result;
}

/** Median of one field over repetitions. */
export const medianOf = <T>(runs: readonly T[], field: (run: T) => number): number => median(runs.map(field));

export const REPETITIONS = Math.max(3, Number(process.env.BENCH_REPETITIONS ?? 3));

export function machine(): Record<string, string | number> {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
  };
}

/** Runs one bench as a script: prints its result as JSON, stops every child, exit code 0 even when a target is missed. */
export function runAsScript(bench: () => Promise<BenchResult>): void {
  runMain(async () => {
    const result = await bench();
    console.log(JSON.stringify({ ...result, machine: machine() }, null, 2));
  });
}

/** Runs a script's main: an error is printed with exit code 1, and every child is stopped either way. */
export function runMain(main: () => Promise<void>): void {
  void (async () => {
    try {
      await main();
    } catch (error) {
      console.error(error);
      process.exitCode = 1;
    } finally {
      await stopAll();
    }
  })();
}

/** Medians over repetitions of the baseline's and the subject's p50 and p99. */
export function medianLatencies(runs: { baseline: Array<{ p50: number; p99: number }>; subject: Array<{ p50: number; p99: number }> }) {
  const of = (list: Array<{ p50: number; p99: number }>) => ({ p50: medianOf(list, (run) => run.p50), p99: medianOf(list, (run) => run.p99) });
  return { baseline: of(runs.baseline), subject: of(runs.subject) };
}

/** How the gateway logs during every bench (bench/lib/processes.ts startGateway). */
export const GATEWAY_LOG = 'info level as npm start: one access-log line a request, to a file';

/** Every repetition of a latency bench, with the median CPU time the serving processes spent a request. */
export function runDetails(runs: { baseline: Array<{ cpuUsPerRequest: number }>; subject: Array<{ cpuUsPerRequest: number }> }, names: [string, string]) {
  return {
    [`${names[0]}CpuUsPerRequest`]: medianOf(runs.baseline, (run) => run.cpuUsPerRequest),
    [`${names[1]}CpuUsPerRequest`]: medianOf(runs.subject, (run) => run.cpuUsPerRequest),
    [names[0]]: runs.baseline,
    [names[1]]: runs.subject,
    gatewayLog: GATEWAY_LOG,
  };
}
