/**
 * Sends `count` JSON POSTs, `concurrency` at a time, and keeps each one's status, latency and
 * parsed answer (the benches that judge what came back, not only how fast). Bounded: each request
 * gives up after 30 s. Runs in the bench's own process; the gateway is a child on its own CPU.
 */
import { Agent, request } from 'node:http';

export interface TimedAnswer {
  status: number;
  ms: number;
  body: any;
}

export async function timedPosts(run: { url: string; headers: Record<string, string>; body: (n: number) => unknown; count: number; concurrency: number }): Promise<TimedAnswer[]> {
  const url = new URL(run.url);
  const agent = new Agent({ keepAlive: true, maxSockets: run.concurrency });
  const send = (n: number): Promise<TimedAnswer> => {
    const body = JSON.stringify(run.body(n));
    const started = performance.now();
    return new Promise((resolve) => {
      const outgoing = request(url, { method: 'POST', agent, headers: { ...run.headers, 'content-length': Buffer.byteLength(body) }, timeout: 30_000 }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: response.statusCode ?? 0, ms: performance.now() - started, body: text ? JSON.parse(text) : undefined });
        });
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
      outgoing.on('error', () => resolve({ status: 0, ms: performance.now() - started, body: undefined }));
      outgoing.end(body);
    });
  };
  const answers: TimedAnswer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(run.concurrency, run.count) }, async () => {
      while (next < run.count) answers.push(await send(next++));
    }),
  );
  agent.destroy();
  return answers;
}

/** The q-quantile of latencies (nearest rank), ms. */
export function percentile(answers: readonly TimedAnswer[], q: number): number {
  const sorted = answers.map((answer) => answer.ms).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}
