/**
 * Node side of the workerd suite: starts the mock carriers and a Node gateway over the same world
 * (both on 127.0.0.1, ephemeral ports) and hands their URLs, the API key and the Worker's
 * NUMTRUST_CONFIG text to the tests through vitest's provide/inject.
 */
import type { TestProject } from 'vitest/node';
import { startNodeGatewayOverMocks } from './support/node-gateway.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const running = await startNodeGatewayOverMocks();
  project.provide('numtrust', running.world);
  return () => running.close();
}
