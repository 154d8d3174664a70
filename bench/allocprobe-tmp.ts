import { startGateway, startMocks, stopAll } from './lib/processes.ts';
import { benchConfig, post } from './lib/world.ts';
const [workload = 'cached', out = '/tmp/heap.json'] = process.argv.slice(2);
const mocks = await startMocks();
try {
  const cached = workload === 'cached';
  const gw = await startGateway(benchConfig(mocks.url, cached ? 3600 : 0), { nodeFlags: ['--import', '/tmp/tools/heapsample.mjs'], env: { HEAPPROF_OUT: out } });
  const url = cached ? `${gw.url}/v1/assessments` : `${gw.url}/sim-swap/v2/check`;
  const body = (i: number) => cached ? { phoneNumber: '+447700900502', context: { channel: 'ivr', riskTier: 'high', inboundCall: false } } : { phoneNumber: '+447700900501', maxAge: 1 + (i % 168) };
  for (let i = 0; i < 300; i++) await post(url, body(i));
  process.kill(gw.pid, 'SIGUSR2');
  await new Promise((r) => setTimeout(r, 200));
  const N = 2000;
  for (let i = 0; i < N; i += 10) await Promise.all(Array.from({ length: 10 }, (_, j) => post(url, body(i + j))));
  process.kill(gw.pid, 'SIGUSR2');
  await new Promise((r) => setTimeout(r, 1500));
  console.log('requests', N);
} finally { await stopAll(); }
