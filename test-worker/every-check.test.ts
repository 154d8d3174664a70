/**
 * Every (operation, provider) pair of the embedded world, inside workerd, answered as the world
 * says, yes and no (the table is test/support/every-check-table.ts, shared with the Node suite):
 * through the engine of a gateway built in the isolate with the platform's fetch, and through the
 * Worker's CAMARA routes pinned to the provider with x-numtrust-provider. Caching is off.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { GatewayConfig } from '../src/config/schema.ts';
import type { Gateway } from '../src/gateway.ts';
import { withCacheTtl } from '../test/support/config-variants.ts';
import { offeredPairs, SUBJECT, subjectOf, TRUTH } from '../test/support/every-check-table.ts';
import { mockWorld } from './support/mock-world.ts';
import { gatewayInIsolate, workerClient, workerConfig } from './support/worker-client.ts';

const world = mockWorld();
const uncached = (config: GatewayConfig) => withCacheTtl(config, 0);
const worker = workerClient({ configure: uncached });
const config = uncached(workerConfig());

let engineGateway: Gateway | undefined;
const inIsolateGateway = async () => (engineGateway ??= await gatewayInIsolate(config));

afterEach(() => world.reset());
afterAll(() => engineGateway?.close());

describe.each(offeredPairs(config))('%s × %s', (provider, operation) => {
  for (const answer of ['yes', 'no'] as const) {
    it(`answers as the world says (${answer})`, async () => {
      const phoneNumber = subjectOf(provider, operation);
      const { state, camara, engine } = TRUTH[operation][answer];
      const held = await world.update(phoneNumber, state);

      const gateway = await inIsolateGateway();
      const signal = await gateway.engine.run(
        'default',
        { operation, phoneNumber, params: operation.endsWith('.check') ? { maxAgeHours: 24 } : {} },
        { signal: AbortSignal.timeout(8_000), provider },
      );
      // A failure names the problem and its time (one CI run saw `unavailable` after 4.4 s, cause unknown).
      expect(signal, JSON.stringify({ problem: signal.problem, latencyMs: signal.latencyMs })).toMatchObject({ status: 'ok', provider });
      engine(signal.value, held);

      if (camara) {
        const response = await worker.post(camara.path, camara.body(phoneNumber), { 'x-numtrust-provider': provider });
        expect(response.status, response.text).toBe(200);
        expect(response.headers.get('x-numtrust-provider')).toBe(provider);
        camara.expect(response.body, held);
      }
    });
  }
});

it('covers every operation of every provider in the embedded config', () => {
  const tested = new Set(offeredPairs(config).map(([provider, operation]) => `${provider}:${operation}`));
  expect(new Set(offeredPairs(config).map(([provider]) => provider))).toEqual(new Set(Object.keys(SUBJECT)));
  expect(tested.size).toBeGreaterThanOrEqual(40);
});
