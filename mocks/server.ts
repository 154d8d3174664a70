/**
 * `npm run mocks`: the mock network on 127.0.0.1.
 *   MOCKS_PORT      port (default 8081; 0 = ephemeral)
 *   MOCKS_SCENARIO  path of a scenario JSON file (default mocks/world/scenarios/default.json)
 */
import { readFileSync } from 'node:fs';
import { startMockNetwork } from './network.ts';

async function main(): Promise<void> {
  const port = Number(process.env.MOCKS_PORT ?? 8081);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`MOCKS_PORT "${process.env.MOCKS_PORT}" is not a port`);
  const scenarioPath = process.env.MOCKS_SCENARIO;
  const scenario = scenarioPath ? JSON.parse(readFileSync(scenarioPath, 'utf8')) : undefined;

  const network = await startMockNetwork({ port, scenario });
  const lines = [
    `numtrust mock network on ${network.url}  (scenario "${network.world.scenario.name}", ${network.world.list().length} subscribers)`,
    `admin API: ${network.url}/_world  (see mocks/README.md)`,
    '',
  ];
  for (const info of network.carriers) {
    lines.push(`${info.id}  [${info.kind}]  ${info.baseUrl}  operators: ${info.operators.join(', ')}`);
    for (const [label, value] of network.carrier(info.id).describe()) lines.push(`    ${label}: ${value}`);
    // Only the CAMARA operators run an OIDC authorization server.
    if (info.kind === 'camara') lines.push(`    discovery: ${info.baseUrl}/.well-known/openid-configuration`);
    lines.push('');
  }
  console.log(lines.join('\n'));

  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: closing the mock network`);
    network.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
