import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAMARA_ROUTES } from '../../src/app.ts';
import { CAMARA_CODES } from '../../src/errors.ts';
import { responseSchema, validate } from '../mocks/support/openapi.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { documentedErrors, openApiPath, operationsOf, referenceApp, refsIn, resolvePointer, type Json, type ReferenceApp } from './support.ts';

describe('GET /openapi.json', () => {
  let ref: ReferenceApp;
  let doc: Json;
  beforeAll(async () => {
    ref = await referenceApp();
    doc = await ref.document();
  });
  afterAll(() => ref.close());

  it('is served as JSON without an API key, the same document on every request', async () => {
    const response = await ref.request('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-correlator')).toBeTruthy();
    expect(await response.text()).toBe(JSON.stringify(doc));
  });

  it('has the shape of an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'numtrust', version: expect.any(String) });
    expect(doc.components.securitySchemes.apiKey).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(doc.security).toEqual([{ apiKey: [] }]);
    const ids = operationsOf(doc).map(([, , operation]) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every $ref resolves, and no schema carries its own $id or $schema', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const pointer of refs) expect(resolvePointer(doc, pointer), pointer).toBeDefined();
    for (const [name, schema] of Object.entries(doc.components.schemas as Json)) {
      expect(schema, name).not.toHaveProperty('$id');
      expect(schema, name).not.toHaveProperty('$schema');
    }
  });

  it('every operation has responses, each with a description; every path parameter is declared', () => {
    for (const [method, path, operation] of operationsOf(doc)) {
      const where = `${method.toUpperCase()} ${path}`;
      const statuses = Object.keys(operation.responses ?? {});
      expect(statuses.some((status) => Number(status) < 400), where).toBe(true);
      for (const status of statuses) expect(operation.responses[status].description, `${where} ${status}`).toBeTruthy();
      const declared = (operation.parameters as Json[]).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
      expect(declared, where).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]));
      expect(operation.parameters[0], where).toEqual({ $ref: '#/components/parameters/x-correlator' });
    }
  });

  it('every error answer is CAMARA ErrorInfo with the codes of its status; 429 carries Retry-After; every answer x-correlator', () => {
    for (const [method, path, operation] of operationsOf(doc)) {
      for (const [status, response] of Object.entries(operation.responses as Json)) {
        const where = `${method.toUpperCase()} ${path} ${status}`;
        expect(response.headers?.['x-correlator'], where).toEqual({ $ref: '#/components/headers/x-correlator' });
        if (Number(status) < 400) continue;
        const schema = response.content['application/json'].schema;
        expect(schema.required, where).toEqual(['status', 'code', 'message']);
        expect(schema.properties.status.const, where).toBe(Number(status));
        for (const code of schema.properties.code.enum) expect(CAMARA_CODES[code as keyof typeof CAMARA_CODES], `${where} ${code}`).toBe(Number(status));
        if (status === '429') expect(response.headers['retry-after'], where).toBeDefined();
      }
    }
  });

  it('documents every route the app mounts; the other methods on its paths answer 405', async () => {
    const documented = new Set(operationsOf(doc).map(([method, path]) => `${method.toUpperCase()} ${path}`));
    const mounted = ref.gateway.app.routes.filter((route) => route.method !== 'ALL');
    for (const route of mounted) {
      const key = `${route.method} ${openApiPath(route.path)}`;
      if (documented.has(key)) continue;
      const response = await ref.request(route.path, { method: route.method, headers: { authorization: `Bearer ${ref.apiKey}` } });
      expect(response.status, `${key} is neither documented nor a 405`).toBe(405);
      expect(response.headers.get('allow')).toBeTruthy();
    }
    const mountedKeys = new Set(mounted.map((route) => `${route.method} ${openApiPath(route.path)}`));
    for (const key of documented) expect(mountedKeys.has(key), `${key} is documented but not mounted`).toBe(true);
    for (const path of ['/health', '/metrics', '/openapi.json', '/docs', '/v1/assessments', '/v1/number-verification/sessions/{id}', '/sim-swap/v2/check']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('says which operations need the API key, as the app enforces it', async () => {
    for (const [method, path, operation] of operationsOf(doc)) {
      const response = await ref.request(path.replace(/\{\w+\}/g, 'x'), { method: method.toUpperCase() });
      const needsKey = operation.security === undefined;
      expect(response.status === 401, `${method.toUpperCase()} ${path} without a key`).toBe(needsKey);
    }
  });

  it('leaves /metrics out where the runtime serves none (Workers)', async () => {
    const worker = await referenceApp({ node: false });
    try {
      const workerDoc = await worker.document();
      expect(workerDoc.paths['/metrics']).toBeUndefined();
      expect(Object.keys(workerDoc.paths)).toHaveLength(Object.keys(doc.paths).length - 1);
    } finally {
      await worker.close();
    }
  });
});

/** Real answers, from a gateway in front of the mock carriers: each is documented for its operation. */
describe('the answers the routes really give are documented', () => {
  let gw: TestGateway;
  let doc: Json;
  beforeAll(async () => {
    gw = await startTestGateway();
    doc = await (await fetch(`${gw.url}/openapi.json`)).json();
  });
  afterAll(() => gw.close());

  const documented = (method: string, path: string) => documentedErrors(doc.paths[path][method]);
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(gw.url + path, { method: 'POST', headers: { authorization: `Bearer ${gw.apiKey}`, 'content-type': 'application/json', ...headers }, body });

  it.each([
    ['/sim-swap/v2/check', '{"phoneNumber":"+447700900001","maxAge":0}'],
    ['/sim-swap/v2/check', 'not json'],
    ['/sim-swap/v2/check', '{"maxAge":24}'],
    ['/sim-swap/v2/check', '{"phoneNumber":"+15555550100"}'],
    ['/sim-swap/v2/check', '{"phoneNumber":"+447700900001"}', { authorization: 'Bearer nope' }],
    ['/sim-swap/v2/check', '{"phoneNumber":"+447700900001"}', { 'content-type': 'text/plain' }],
    ['/sim-swap/v2/check', '{"phoneNumber":"+447700900001"}', { 'x-correlator': 'no spaces allowed' }],
    ['/sim-swap/v2/check', '{"phoneNumber":"+447700900001"}', { 'x-numtrust-provider': 'nobody' }],
    ['/device-roaming-status/v1/retrieve', '{"device":{"ipv6Address":"2001:db8::1"}}'],
    ['/device-roaming-status/v1/retrieve', '{}'],
    ['/v1/assessments', '{"phoneNumber":"+447700900001","context":{"channel":"ivr","action":"no_such_action"}}'],
    ['/v1/number-verification/sessions', '{"phoneNumber":"+15555550100"}'],
  ] as Array<[string, string, Record<string, string>?]>)('POST %s %s %j', async (path, body, headers) => {
    const response = await post(path, body, headers);
    const answer = await response.json();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(documented('post', path)).toContain(`${answer.status} ${answer.code}`);
  });

  it.each([503, 401])('POST /sim-swap/v2/check when the provider answers %i', async (upstreamStatus) => {
    gw.network.faults.add({ carrier: 'albion', endpoint: 'sim-swap/v2/check', kind: 'status', status: upstreamStatus });
    try {
      const response = await post('/sim-swap/v2/check', '{"phoneNumber":"+447700900002","maxAge":12}', { 'x-numtrust-provider': 'albion' });
      const answer = await response.json();
      expect(answer.status).toBeGreaterThanOrEqual(500);
      expect(documented('post', '/sim-swap/v2/check')).toContain(`${answer.status} ${answer.code}`);
    } finally {
      gw.network.faults.clear();
    }
  });

  const LINE = '+447700900001';
  const bodyFor = (path: string) =>
    path.endsWith('/retrieve') ? { device: { phoneNumber: LINE, ipv6Address: '2001:db8::1' } } : { phoneNumber: LINE, ...(path.endsWith('/check') ? { maxAge: 24 } : {}) };

  /** The validator of the mock tests, with unknown properties flagged: enough for objects, arrays, enums and required fields. */
  const expectAnswerDocumented = (method: 'get' | 'post', path: string, status: number, body: unknown) => {
    const schema = responseSchema(doc, path, status, method);
    expect(schema, `${method} ${path} ${status} documented`).toBeDefined();
    expect(validate(doc, schema!, body, { closed: true }), `${method} ${path}`).toEqual([]);
  };

  it.each(CAMARA_ROUTES.map((route) => [route.path]))('the answer of POST %s matches its documented schema', async (path) => {
    const response = await post(path, JSON.stringify(bodyFor(path)));
    expect(response.status).toBe(200);
    expectAnswerDocumented('post', path, 200, await response.json());
  });

  it('the answers of POST /v1/assessments, the Number Verification session routes and the pre-screen match their documented schemas', async () => {
    const assessment = await post('/v1/assessments', JSON.stringify({ phoneNumber: LINE, context: { channel: 'ivr', action: 'change_address', inboundCall: true } }));
    expectAnswerDocumented('post', '/v1/assessments', 200, await assessment.json());
    const created = await post('/v1/number-verification/sessions', JSON.stringify({ phoneNumber: LINE }));
    const session = await created.json();
    expectAnswerDocumented('post', '/v1/number-verification/sessions', 201, session);
    const read = await fetch(`${gw.url}/v1/number-verification/sessions/${session.sessionId}`, { headers: { authorization: `Bearer ${gw.apiKey}` } });
    expectAnswerDocumented('get', '/v1/number-verification/sessions/{id}', 200, await read.json());
    const prescreen = await post('/v1/ivr/prescreen', JSON.stringify({ callerNumber: LINE, action: 'change_address', callId: 'c-1' }));
    expectAnswerDocumented('post', '/v1/ivr/prescreen', 200, await prescreen.json());
  });

  it('GET /v1/number-verification/sessions/{id} of an unknown session', async () => {
    const response = await fetch(`${gw.url}/v1/number-verification/sessions/nv_unknown`, { headers: { authorization: `Bearer ${gw.apiKey}` } });
    const answer = await response.json();
    expect(documented('get', '/v1/number-verification/sessions/{id}')).toContain(`${answer.status} ${answer.code}`);
  });
});
