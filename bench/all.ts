/**
 * `npm run bench`: the six performance measurements of issue 7, the first-second bench of issue 11 and the shared-state costs of issue 14, one after the other, each with its
 * own fresh processes, then a summary table (and every result as JSON in BENCH_RESULTS, default
 * bench-results.json in the system's temporary directory). BENCH_ONLY=1,3 runs some of them.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assessmentLatency } from './assessment-latency.ts';
import { breakerFailFast } from './breaker-fail-fast.ts';
import { cacheHitThroughput } from './cache-hit-throughput.ts';
import { firstSecond } from './first-second.ts';
import { machine, runMain, type BenchResult } from './lib/report.ts';
import { missLatency } from './miss-latency.ts';
import { sharedStateCosts } from './shared-state.ts';
import { singleFlight } from './single-flight.ts';
import { tokenReuse } from './token-reuse.ts';

const BENCHES: Array<[number, () => Promise<BenchResult>]> = [
  [1, cacheHitThroughput],
  [2, missLatency],
  [3, assessmentLatency],
  [4, singleFlight],
  [5, tokenReuse],
  [6, breakerFailFast],
  [7, firstSecond],
  [8, sharedStateCosts],
];

function table(results: BenchResult[]): string {
  const rows = [['#', 'measurement', 'baseline', 'subject', 'figure', 'target', 'met']];
  for (const result of results) rows.push([String(result.id), result.name, result.baseline, result.subject, result.figure, result.target, result.met ? 'yes' : 'NO']);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')).join('\n');
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map(Number);
  const results: BenchResult[] = [];
  for (const [id, bench] of BENCHES) {
    if (only && !only.includes(id)) continue;
    process.stderr.write(`bench ${id}…\n`);
    results.push(await bench());
  }
  const path = process.env.BENCH_RESULTS ?? join(tmpdir(), 'bench-results.json');
  writeFileSync(path, JSON.stringify({ machine: machine(), results }, null, 2));
  console.log(`${table(results)}\n\n${JSON.stringify(machine())}\nevery figure: ${path}`);
}

runMain(main);
