import { startGateway, startMocks, stopAll } from './lib/processes.ts';
import { benchConfig, post, AUTH } from './lib/world.ts';
import { wrk } from './lib/wrk.ts';
const mocks = await startMocks({ cpu: 1 });
try {
  const gw = await startGateway(benchConfig(mocks.url, 3600), { cpu: 0, cpuProfileDir: '/tmp/prof1' });
  const url = `${gw.url}/v1/assessments`;
  const body = { phoneNumber: '+447700900502', context: { channel: 'ivr', riskTier: 'high', inboundCall: false } };
  await post(url, body); await post(url, body);
  const r = await wrk({ url, method: 'POST', headers: AUTH, body: JSON.stringify(body), connections: 50, seconds: 6, cpu: 1 });
  console.log(r.requestsPerSecond);
  await gw.stop();
} finally { await stopAll(); }
