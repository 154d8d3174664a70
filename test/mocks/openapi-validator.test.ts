import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, responseSchema, NEEDS_SPECS, specsAvailable, validate } from './support/openapi.ts';

/** The small validator the mock tests rely on must catch what the official schemas forbid. */
describe.skipIf(!specsAvailable)(`OpenAPI subset validator over the official sim-swap YAML (${NEEDS_SPECS})`, () => {
  // Loaded lazily: a skipped suite still runs its body to collect tests.
  let doc: ReturnType<typeof loadSpec>;
  beforeAll(() => {
    doc = loadSpec('sim-swap/2.1.0/sim-swap.yaml');
  });

  it('accepts valid bodies', () => {
    expect(validate(doc, responseSchema(doc, '/check', 200)!, { swapped: true }, { closed: true })).toEqual([]);
    expect(validate(doc, responseSchema(doc, '/retrieve-date', 200)!, { latestSimChange: null, monitoredPeriod: 7 })).toEqual([]);
    expect(validate(doc, responseSchema(doc, '/retrieve-date', 200)!, { latestSimChange: '2024-09-18T07:37:53.471-05:00' })).toEqual([]);
  });

  it.each([
    ['/check', 200, { swapped: 'yes' }],
    ['/check', 200, {}],
    ['/check', 200, { swapped: true, extra: 1 }],
    ['/retrieve-date', 200, { latestSimChange: '2024-09-18' }],
    ['/retrieve-date', 200, { latestSimChange: '2024-09-18T07:37:53' }],
    ['/retrieve-date', 200, { latestSimChange: null, monitoredPeriod: 7.5 }],
    ['/check', 400, { status: 400, code: 'UNAUTHENTICATED', message: 'x' }],
    ['/check', 422, { status: 422, code: 'NOT_SUPPORTED', message: 'x' }],
    ['/check', 401, { status: 401, code: 'UNAUTHENTICATED' }],
  ])('rejects %s %i %j', (path, status, body) => {
    expect(validate(doc, responseSchema(doc, path, status)!, body, { closed: true })).not.toEqual([]);
  });

  it('knows which statuses are documented', () => {
    expect(responseSchema(doc, '/check', 503)).toBeUndefined();
    expect(responseSchema(loadSpec('sim-swap/1.0.0/sim-swap.yaml'), '/check', 503)).toBeDefined();
  });
});
