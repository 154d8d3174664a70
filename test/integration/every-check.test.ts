/**
 * Every (operation, provider) pair the default world offers, answered as the world says, both
 * through the CAMARA-compatible routes (pinned to the provider with x-numtrust-provider) and
 * through the engine; flipping the world flips the answer. Caching is off so each answer is fresh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../../src/auth/api-keys.ts';
import { embeddedConfig } from '../../src/runtime/embedded.ts';
import { offeredPairs as offeredPairsOf, SUBJECT, subjectOf, TRUTH } from '../support/every-check-table.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ cacheTtlSeconds: 0 });
});
afterAll(() => t?.close());

const offeredPairs = () => offeredPairsOf(embeddedConfig('http://127.0.0.1:9', generateApiKey()));

describe.each(offeredPairs())('%s × %s', (provider, operation) => {
  for (const answer of ['yes', 'no'] as const) {
    it(`answers as the world says (${answer})`, async () => {
      const phoneNumber = subjectOf(provider, operation);
      const { state, camara, engine } = TRUTH[operation][answer];
      const world = t.network.world.put(phoneNumber, { ...t.network.world.get(phoneNumber)!, ...state });

      const signal = await t.gateway.engine.run(
        'default',
        { operation, phoneNumber, params: operation.endsWith('.check') ? { maxAgeHours: 24 } : {} },
        { signal: AbortSignal.timeout(8_000), provider },
      );
      expect(signal, JSON.stringify({ problem: signal.problem, latencyMs: signal.latencyMs })).toMatchObject({ status: 'ok', provider });
      engine(signal.value, world);

      if (camara) {
        const response = await t.post(camara.path, camara.body(phoneNumber), { 'x-numtrust-provider': provider });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        expect(response.headers.get('x-numtrust-provider')).toBe(provider);
        camara.expect(response.body, world);
      }
    });
  }
});

it('covers every operation of every provider in the embedded config', () => {
  const tenant = t.gateway.engine.tenant('default')!;
  const tested = new Set(offeredPairs().map(([provider, operation]) => `${provider}:${operation}`));
  for (const provider of Object.keys(SUBJECT)) {
    for (const operation of tenant.adapterFor(provider)!.operations) {
      if (operation === 'number_verification.verify') continue;
      expect(tested).toContain(`${provider}:${operation}`);
    }
  }
  expect(tested.size).toBeGreaterThanOrEqual(40);
});
