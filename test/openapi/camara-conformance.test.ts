/**
 * Our CAMARA-compatible operations, as /openapi.json describes them, against the official
 * definitions (camara-specs/official-files.ts; skipped without them): the same path after the
 * server base path, the same operationId, the same request and response fields (names, types,
 * required, limits) and the same error codes per status, except the differences listed, with
 * reasons, in camara-differences.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAMARA_SPEC_MANIFEST } from '../../camara-specs/manifest.ts';
import { CAMARA_ROUTES } from '../../src/app.ts';
import { loadSpec, NEEDS_SPECS, specsAvailable } from '../mocks/support/openapi.ts';
import { declaredDifferences } from './camara-differences.ts';
import { flatten, shapeDifferences, shapeOf } from './schema-shape.ts';
import { documentedErrors, referenceApp, type Json, type ReferenceApp } from './support.ts';

/** The official file of a route: the manifest entry whose base path starts the route's path. */
function officialOf(path: string) {
  const entry = CAMARA_SPEC_MANIFEST.find((candidate) => path.startsWith(`${candidate.basePath}/`));
  if (!entry) throw new Error(`${path}: no official definition in camara-specs/manifest.ts`);
  return { entry, doc: loadSpec(entry.file), path: path.slice(entry.basePath.length) };
}

/** The official operation's error codes as `status CODE`: the code enum, or the examples' codes where it has none. */
function officialErrors(doc: Json, operation: Json): string[] {
  return Object.entries(operation.responses as Json)
    .filter(([status]) => Number(status) >= 400)
    .flatMap(([status, response]) => {
      const media = flatten(doc, response).content['application/json'];
      const codes: string[] =
        flatten(doc, media.schema).properties?.code?.enum ??
        Object.values((media.examples ?? {}) as Json).map((example) => flatten(doc, example).value.code);
      return codes.map((code) => `${status} ${code}`);
    });
}

describe.skipIf(!specsAvailable)(`CAMARA-compatible routes against the official definitions (${NEEDS_SPECS})`, () => {
  let ref: ReferenceApp;
  let ours: Json;
  beforeAll(async () => {
    ref = await referenceApp();
    ours = await ref.document();
  });
  afterAll(() => ref?.close());

  it('each manifest entry names the base path of its official file', () => {
    for (const entry of CAMARA_SPEC_MANIFEST) {
      const doc = loadSpec(entry.file);
      expect(doc.servers[0].url, entry.file).toBe(`{apiRoot}${entry.basePath}`);
      expect(doc.info.version, entry.file).toBe(entry.version);
    }
  });

  it.each(CAMARA_ROUTES.map((route) => [route.path]))('%s: the official path, operationId and x-correlator', (path) => {
    const official = officialOf(path);
    const operation = official.doc.paths[official.path]?.post;
    expect(operation, `POST ${official.path} in ${official.entry.file}`).toBeDefined();
    const mine = ours.paths[path].post;
    expect(mine.operationId).toBe(operation.operationId);
    expect(operation.parameters.map((parameter: Json) => flatten(official.doc, parameter).name)).toContain('x-correlator');
    expect(mine.parameters[0]).toEqual({ $ref: '#/components/parameters/x-correlator' });
  });

  it('request fields, response fields and error codes match, but for the deliberate differences', () => {
    const differences: string[] = [];
    for (const { path } of CAMARA_ROUTES) {
      const official = officialOf(path);
      const theirs = official.doc.paths[official.path].post;
      const mine = ours.paths[path].post;
      const requestSchema = (doc: Json, operation: Json) => flatten(doc, operation.requestBody).content['application/json'].schema;
      const okSchema = (doc: Json, operation: Json) => flatten(doc, operation.responses['200']).content['application/json'].schema;
      const compare = (what: string, mineSchema: Json, theirSchema: Json) =>
        shapeDifferences(shapeOf(ours, mineSchema), shapeOf(official.doc, theirSchema)).map((line) => `${path} ${what} ${line}`);
      differences.push(...compare('request', requestSchema(ours, mine), requestSchema(official.doc, theirs)));
      differences.push(...compare('response', okSchema(ours, mine), okSchema(official.doc, theirs)));

      const [myErrors, theirErrors] = [documentedErrors(mine), officialErrors(official.doc, theirs)];
      for (const error of myErrors) if (!theirErrors.includes(error)) differences.push(`${path} error ${error} only in numtrust`);
      for (const error of theirErrors) if (!myErrors.includes(error)) differences.push(`${path} error ${error} only in CAMARA`);
    }
    expect(differences.sort()).toEqual(declaredDifferences(CAMARA_ROUTES.map((route) => route.path)).sort());
  });

  it('the comparison catches what it claims to: a missing field, a changed type, a dropped requirement', () => {
    const doc = loadSpec('sim-swap/2.1.0/sim-swap.yaml');
    const official = shapeOf(doc, { $ref: '#/components/schemas/SimSwapInfo' });
    const altered = shapeOf({}, { type: 'object', properties: { latestSimChange: { type: 'string', format: 'date-time' }, extra: { type: 'integer' } } });
    expect(shapeDifferences(altered, official)).toEqual([
      '$.extra: only in numtrust',
      '$.latestSimChange: type [string] here, [null,string] in CAMARA',
      '$.latestSimChange: required only in CAMARA',
      '$.monitoredPeriod: only in CAMARA',
    ]);
  });
});
