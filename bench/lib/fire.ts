/**
 * Load generator child for the counting benches: sends FIRE_COUNT POST requests to FIRE_URL with
 * at most FIRE_CONCURRENCY in flight (all at once when equal), FIRE_HEADERS (JSON) and FIRE_BODY
 * ({n} replaced by 1..FIRE_VARY when set). Prints {statuses, elapsedMs} as JSON. Bounded: each
 * request gives up after 30 s.
 */
import { Agent, request } from 'node:http';

const url = new URL(process.env.FIRE_URL!);
const count = Number(process.env.FIRE_COUNT);
const concurrency = Number(process.env.FIRE_CONCURRENCY);
const headers = JSON.parse(process.env.FIRE_HEADERS ?? '{}') as Record<string, string>;
const template = process.env.FIRE_BODY ?? '';
const vary = Number(process.env.FIRE_VARY ?? 0);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function send(n: number): Promise<number> {
  const body = vary > 0 ? template.replaceAll('{n}', String((n % vary) + 1)) : template;
  return new Promise((resolve) => {
    const outgoing = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) }, timeout: 30_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', () => resolve(0));
    outgoing.end(body);
  });
}

const statuses: Record<string, number> = {};
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const status = await send(next++);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }),
);
agent.destroy();
console.log(JSON.stringify({ statuses, elapsedMs: Math.round(performance.now() - started) }));
