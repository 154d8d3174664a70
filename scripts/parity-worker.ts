/**
 * Node/Worker parity against the real local Worker: starts the mock carriers and a Node gateway
 * in this process, `wrangler dev` (workerd) with the same config and secrets from an env file in a
 * temp dir (the Worker's shared state in the Durable Objects of wrangler.toml, the Node gateway's
 * in its memory), sends every request of test-worker/support/parity.ts to both and compares status,
 * provider and body (per-request fields aside). Exit 1 on any difference. Everything listens on
 * 127.0.0.1; wrangler is started directly and stopped by its PID.
 *
 *   npm run parity:worker
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { startNodeGatewayOverMocks } from '../test-worker/support/node-gateway.ts';
import { comparable, PARITY_REQUESTS, parityRequest } from '../test-worker/support/parity.ts';
import { withDurableObjects } from '../test-worker/support/world-info.ts';
import { devVarsText } from './worker-dev-vars.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const STARTUP_LIMIT_MS = 30_000;

/** No telemetry, no update check (it rides on the banner) and no Request.cf download from workers.cloudflare.com. */
const OFFLINE_WRANGLER = { WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

/** A port free on 127.0.0.1 right now (asked of the OS, then released for wrangler to take). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

function startWranglerDev(envFile: string, stateDir: string, port: number, inspectorPort: number): ChildProcess {
  const args = ['dev', '--config', join(ROOT, 'wrangler.toml'), '--ip', '127.0.0.1', '--port', String(port)];
  args.push('--inspector-ip', '127.0.0.1', '--inspector-port', String(inspectorPort), '--env-file', envFile);
  args.push('--persist-to', stateDir, '--show-interactive-dev-session=false', '--log-level', 'warn');
  return spawn(join(BIN, 'wrangler'), args, {
    cwd: ROOT,
    env: { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH}`, ...OFFLINE_WRANGLER },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function waitForHealth(url: string, wrangler: ChildProcess): Promise<void> {
  const until = Date.now() + STARTUP_LIMIT_MS;
  let last = 'no answer';
  while (Date.now() < until) {
    if (wrangler.exitCode !== null) throw new Error(`wrangler dev exited with ${wrangler.exitCode}`);
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`wrangler dev did not answer /health within ${STARTUP_LIMIT_MS / 1000} s (last: ${last})`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((done) => child.once('exit', done));
  process.kill(child.pid, 'SIGTERM');
  const killer = setTimeout(() => child.exitCode === null && process.kill(child.pid!, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}

async function main(): Promise<number> {
  const node = await startNodeGatewayOverMocks();
  const temp = mkdtempSync(join(tmpdir(), 'numtrust-parity-'));
  let wrangler: ChildProcess | undefined;
  try {
    const envFile = join(temp, 'worker.env');
    // The Worker as deployed, its shared state in Durable Objects (wrangler dev runs them locally, under --persist-to).
    const workerVars = { NUMTRUST_CONFIG: withDurableObjects(node.world.configText), ...node.world.secrets };
    writeFileSync(envFile, devVarsText(workerVars, { forEnvFileFlag: true }), { mode: 0o600 });
    const port = await freePort();
    wrangler = startWranglerDev(envFile, join(temp, 'state'), port, await freePort());
    const workerUrl = `http://127.0.0.1:${port}`;
    await waitForHealth(workerUrl, wrangler);
    console.log(`mocks ${node.world.mocksUrl}, Node gateway ${node.world.nodeGatewayUrl}, Worker (wrangler dev, pid ${wrangler.pid}) ${workerUrl}`);

    let differences = 0;
    for (const request of PARITY_REQUESTS) {
      const fromNode = await comparable(await fetch(parityRequest(node.world.nodeGatewayUrl, node.world.apiKey, request)));
      const fromWorker = await comparable(await fetch(parityRequest(workerUrl, node.world.apiKey, request)));
      const same = isDeepStrictEqual(fromNode, fromWorker);
      if (!same) differences++;
      console.log(`${same ? 'same' : 'DIFF'}  ${String(fromNode.status).padEnd(4)} ${request.method.padEnd(4)} ${request.path}  (${request.name})`);
      if (!same) console.log(`  node:   ${JSON.stringify(fromNode)}\n  worker: ${JSON.stringify(fromWorker)}`);
    }
    console.log(`${PARITY_REQUESTS.length - differences}/${PARITY_REQUESTS.length} requests answered the same by Node and the Worker`);
    return differences === 0 ? 0 : 1;
  } finally {
    if (wrangler) await stop(wrangler);
    await node.close();
    rmSync(temp, { recursive: true, force: true });
  }
}

process.exitCode = await main();
