/**
 * Node/Worker parity for the same world: every request of test-worker/support/parity.ts sent to
 * the Node gateway (real HTTP, undici) and to the Worker (SELF.fetch, platform fetch) gives the
 * same status, provider and body, per-request fields aside. Both gateways run the same config
 * with caching off, so neither answers from an older state of the world.
 */
import { SELF } from 'cloudflare:test';
import { beforeAll, expect, inject, it } from 'vitest';
import { comparable, PARITY_REQUESTS, parityRequest } from './support/parity.ts';
import { mockWorld } from './support/mock-world.ts';
import { WORKER_ORIGIN } from './support/worker-client.ts';

const { nodeGatewayUrl, apiKey } = inject('numtrust');

beforeAll(async () => {
  const world = mockWorld();
  await world.clearFaults();
  await world.reset();
});

it.each(PARITY_REQUESTS.map((request) => [request.name, request] as const))('%s: same answer from Node and the Worker', async (_name, request) => {
  const node = await comparable(await fetch(parityRequest(nodeGatewayUrl, apiKey, request)));
  const worker = await comparable(await SELF.fetch(parityRequest(WORKER_ORIGIN, apiKey, request)));
  expect(worker).toEqual(node);
  expect(node.status).not.toBe(500);
});
