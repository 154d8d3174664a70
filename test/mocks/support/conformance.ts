/** "This answer is what the official YAML documents": status documented, body matching its schema, x-correlator echoed. */
import { expect } from 'vitest';
import type { JsonReply } from './harness.ts';
import { loadSpec, responseSchema, specsAvailable, validate } from './openapi.ts';

export const CORRELATOR_0_6 = /^[a-zA-Z0-9-_:;./<>{}]{0,256}$/;
export const CORRELATOR_0_5 = /^[a-zA-Z0-9-]{0,55}$/;

/**
 * `spec` is a path under the official CAMARA files (e.g. `device-swap/1.0.0/device-swap.yaml`);
 * null for definitions that are not among them. Without the files only the header half runs (the
 * suites name the reason in a skipped test).
 */
export function expectDocumented(spec: string | null, path: string, response: JsonReply, correlator = CORRELATOR_0_6): void {
  const echoed = response.headers.get('x-correlator');
  expect(echoed).toBeTruthy();
  expect(echoed).toMatch(correlator);
  if (spec === null || !specsAvailable) return;
  const doc = loadSpec(spec);
  const schema = responseSchema(doc, path, response.status);
  expect(schema, `status ${response.status} documented for ${spec} ${path}`).toBeDefined();
  expect(validate(doc, schema!, response.body, { closed: true })).toEqual([]);
}
