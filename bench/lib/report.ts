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
  bench()
    .then((result) => console.log(JSON.stringify({ ...result, machine: machine() }, null, 2)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => stopAll());
}
