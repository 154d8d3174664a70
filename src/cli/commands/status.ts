import { positionals } from '../arguments.ts';
import type { ActionCommand, CommandOutput, Services } from '../command.ts';
import { EXIT } from '../errors.ts';
import { JsonService } from '../http.ts';
import { maskKey } from '../target.ts';
import { pairs } from '../table.ts';

/** What answered, or why nothing did: status reports instead of failing. */
async function probe(service: JsonService, path: string): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; error: string }> {
  try {
    return { ok: true, body: ((await service.call('GET', path)).body ?? {}) as Record<string, unknown> };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

async function report({ info }: Services): Promise<CommandOutput> {
  const health = await probe(new JsonService('gateway', info.gatewayUrl), '/health');
  const world = await probe(new JsonService('mock carriers', info.mocksUrl), '/_world');
  const json = {
    mode: info.mode,
    gateway: { url: info.gatewayUrl, ...(health.ok ? { health: health.body } : { error: health.error }) },
    apiKey: maskKey(info.apiKey),
    mocks: { url: info.mocksUrl, ...(world.ok ? { scenario: world.body.scenario } : { error: world.error }) },
  };
  const text = pairs([
    ['mode', info.mode],
    ['gateway', info.gatewayUrl],
    ['  health', health.ok ? `${String(health.body.status)} (version ${String(health.body.version)})` : health.error],
    ['API key', maskKey(info.apiKey)],
    ['mock carriers', info.mocksUrl],
    ['  world', world.ok ? `scenario "${String(world.body.scenario)}"` : world.error],
  ]);
  return { json, text, ...(health.ok ? {} : { exitCode: EXIT.unreachable }) };
}

export const statusCommand: ActionCommand = {
  name: 'status',
  summary: 'which gateway and mock carriers the CLI talks to, and whether they answer',
  synopsis: '',
  details: ["Asks GET /health (no key needed) and the mocks' GET /_world. The API key is shown masked.", 'Exits 3 when the gateway does not answer.'],
  prepare({ args }) {
    positionals(args, [], 'status');
    return report;
  },
};
