/**
 * The same mistake gets the same answer on every route, in a sentence that names the field: a
 * table of bad inputs (not JSON, empty, an array, an unknown property, too large, no number, the
 * number of the wrong type or under another route's spelling, out of range, a bad enum) sent to
 * every route that takes a JSON body, each built from the route's own documented example; and a
 * wrong method on every documented path, with and without a key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { METHODS, operationsOf, type Json } from '../openapi/support.ts';
import { RAW_VALIDATION_TEXT } from '../support/raw-validation-text.ts';

let t: TestGateway;
let doc: Json;
beforeAll(async () => {
  t = await startTestGateway();
  doc = await (await fetch(`${t.url}/openapi.json`)).json();
});
afterAll(() => t?.close());

/** Every JSON-body route of the document, with its example and where it takes the number. */
function jsonRoutes(): Array<{ path: string; example: Json; identifier?: string }> {
  return operationsOf(doc)
    .filter(([method, , operation]) => method === 'post' && operation.requestBody?.content?.['application/json'])
    .map(([, path, operation]) => {
      const example = operation.requestBody.content['application/json'].example as Json;
      const identifier = ['phoneNumber', 'callerNumber', 'device'].find((name) => name in example);
      return { path: path.replace('{id}', '00000000-0000-4000-8000-000000000000'), example, identifier: identifier === 'device' ? 'device.phoneNumber' : identifier };
    });
}

const send = (path: string, body: string) =>
  fetch(t.url + path, { method: 'POST', headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' }, body });

async function expectError(path: string, body: string, status: number, code: string, message: RegExp | string): Promise<void> {
  const response = await send(path, body);
  const answer = await response.json();
  const where = `${path} ${body.slice(0, 120)}`;
  expect(answer, where).toEqual({ status, code, message: expect.any(String) });
  expect(response.status, where).toBe(status);
  if (typeof message === 'string') expect(answer.message, where).toContain(message);
  else expect(answer.message, where).toMatch(message);
  expect(answer.message, where).toMatch(/^[A-Za-z].*\.$/s);
  expect(answer.message, where).not.toMatch(RAW_VALIDATION_TEXT);
}

function without(example: Json, field: string): Json {
  const { [field]: _dropped, ...rest } = example;
  return rest;
}

/** The number's value put where `identifier` says. */
function withNumber(example: Json, identifier: string, value: unknown): Json {
  if (identifier === 'device.phoneNumber') return { ...example, device: { ...example.device, phoneNumber: value } };
  return { ...example, [identifier]: value };
}

/** Out of range and bad enum values, where the route has such a field: [body change, field named in the message]. */
const ROUTE_SPECIFIC: Record<string, Array<[name: string, change: (example: Json) => Json, message: string]>> = {
  '/sim-swap/v2/check': [['out of range', (e) => ({ ...e, maxAge: 0 }), 'maxAge must be at least 1 (hours).']],
  '/device-swap/v1/check': [['out of range', (e) => ({ ...e, maxAge: 2401 }), 'maxAge must be at most 2400 (hours).']],
  '/v1/assessments': [
    ['out of range', (e) => ({ ...e, deadlineMs: 20 }), 'deadlineMs must be at least 50 (milliseconds).'],
    ['a bad enum', (e) => ({ ...e, context: { ...e.context, channel: 'fax' } }), 'context.channel must be one of "ivr", "agent", "app" or "callback".'],
    ['a bad enum in an array', (e) => ({ ...e, checks: { include: ['horoscope'] } }), 'checks.include[0] must be one of'],
  ],
  '/v1/ivr/prescreen': [['out of range', (e) => ({ ...e, deadlineMs: 99_999 }), 'deadlineMs must be at most 10000 (milliseconds).']],
  '/v1/assessments/00000000-0000-4000-8000-000000000000/outcome': [['a bad enum', () => ({ outcome: 'maybe' }), 'outcome must be one of']],
  '/v1/number-verification/sessions': [['a wrong type', (e) => ({ ...e, redirectUri: 42 }), 'redirectUri must be a string.']],
};

describe('bad bodies, the same answer on every route', () => {
  it('covers every route that takes JSON: the CAMARA checks, assessments and their outcome, the pre-screen, Number Verification', () => {
    expect(jsonRoutes().map((route) => route.path)).toHaveLength(12);
  });

  it('not JSON, an empty body, an array, an unknown property: 400 INVALID_ARGUMENT, said in a sentence', async () => {
    for (const { path, example } of jsonRoutes()) {
      await expectError(path, '{"phoneNumber":', 400, 'INVALID_ARGUMENT', 'The request body is not valid JSON.');
      await expectError(path, '', 400, 'INVALID_ARGUMENT', 'A JSON request body is required.');
      await expectError(path, '[1,2]', 400, 'INVALID_ARGUMENT', 'The request body must be a JSON object, not an array.');
      await expectError(path, JSON.stringify({ ...example, colour: 'blue' }), 400, 'INVALID_ARGUMENT', 'The request body has an unknown property "colour".');
    }
  });

  it('a body over the limit: 413 CONTENT_TOO_LARGE', async () => {
    for (const { path, example } of jsonRoutes()) {
      await expectError(path, JSON.stringify({ ...example, padding: 'x'.repeat(20_000) }), 413, 'CONTENT_TOO_LARGE', /larger than this gateway accepts/);
    }
  });

  it('no number: 422 MISSING_IDENTIFIER naming where the route takes it', async () => {
    const routes = jsonRoutes().filter((route) => route.identifier);
    expect(routes.length).toBeGreaterThanOrEqual(11);
    for (const { path, example, identifier } of routes) {
      const body = without(example, identifier!.split('.')[0]!);
      await expectError(path, JSON.stringify(body), 422, 'MISSING_IDENTIFIER', `${identifier} is required`);
    }
  });

  it('the number of the wrong type, or malformed: 400 naming its path', async () => {
    for (const { path, example, identifier } of jsonRoutes().filter((route) => route.identifier)) {
      await expectError(path, JSON.stringify(withNumber(example, identifier!, 447700900502)), 400, 'INVALID_ARGUMENT', `${identifier} must be a string.`);
      await expectError(path, JSON.stringify(withNumber(example, identifier!, '07700 900502')), 400, 'INVALID_ARGUMENT', `${identifier} must be a string in E.164 format`);
    }
  });

  it("the number under another route's spelling: 400 with the hint where to send it", async () => {
    for (const { path, example, identifier } of jsonRoutes().filter((route) => route.identifier)) {
      const rest = without(example, identifier!.split('.')[0]!);
      const elsewhere = identifier === 'phoneNumber' ? { ...rest, device: { phoneNumber: '+447700900502' } } : { ...rest, phoneNumber: '+447700900502' };
      await expectError(path, JSON.stringify(elsewhere), 400, 'INVALID_ARGUMENT', `send it as ${identifier}.`);
    }
  });

  it.each(Object.entries(ROUTE_SPECIFIC).flatMap(([path, cases]) => cases.map(([name, change, message]) => [path, name, change, message] as const)))(
    '%s, %s: 400 naming the field',
    async (path, _name, change, message) => {
      const route = jsonRoutes().find((candidate) => candidate.path === path);
      expect(route, path).toBeDefined();
      await expectError(path, JSON.stringify(change(route!.example)), 400, 'INVALID_ARGUMENT', message);
    },
  );
});

describe('form bodies over the limit: 413 as well', () => {
  const oversizedForm = new URLSearchParams({ From: '+447700900506', Direction: 'inbound', padding: 'x'.repeat(20_000) }).toString();
  const post = (path: string) => fetch(t.url + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: oversizedForm });

  it("Twilio's webhook: a CAMARA 413 before any signature is checked", async () => {
    const response = await post('/v1/voice/twilio/default');
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ status: 413, code: 'CONTENT_TOO_LARGE' });
  });

  it("the agent's screen form, under a valid link: a 413 page", async () => {
    const verdict = await t.post('/v1/assessments', { phoneNumber: '+447700900506', context: { channel: 'app', riskTier: 'low' } });
    const response = await post(new URL(verdict.body.agentScreenUrl).pathname + new URL(verdict.body.agentScreenUrl).search);
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('a wrong method on every documented path', () => {
  it('405 METHOD_NOT_ALLOWED with Allow listing the documented methods, with or without a key', async () => {
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      const served = METHODS.filter((method) => item[method]).map((method) => method.toUpperCase());
      const allow = [...served, ...(served.includes('GET') ? ['HEAD'] : [])].sort().join(', ');
      const url = t.url + path.replace(/\{\w+\}/g, 'x');
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((candidate) => !served.includes(candidate))) {
        for (const headers of [{}, { authorization: `Bearer ${t.apiKey}` }] as Array<Record<string, string>>) {
          const response = await fetch(url, { method, headers });
          const where = `${method} ${path}`;
          expect(response.status, where).toBe(405);
          expect(response.headers.get('allow'), where).toBe(allow);
          expect(await response.json(), where).toEqual({ status: 405, code: 'METHOD_NOT_ALLOWED', message: `${method} is not allowed on ${path}; use ${allow.replace(/, (?=[^,]*$)/, ' or ')}.` });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
