/**
 * The reference works as-is: every operation's default example, sent as Swagger UI's "Try it out"
 * sends it, succeeds against the gateway as `npm start` runs it (built, with its
 * embedded mock carriers, on ephemeral ports), and its answer is the documented one: the
 * documented success status, a body valid under its schema and equal to the documented example
 * but for what differs on every run (ids, times, latencies, which provider answered). Every
 * schema, property and parameter says what it is; every example is valid under its own schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twilioSignature } from '../../src/routes/voice/twilio-signature.ts';
import { validate } from '../mocks/support/openapi.ts';
import { browseAsDevice } from '../support/device-browser.ts';
import { killStartedGateways, startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';
import { operationsOf, resolvePointer, type Json } from './support.ts';

const API_KEY = 'nt_dev_examples_0123456789abcdefghij';
const TWILIO_AUTH_TOKEN = '0123456789abcdef0123456789abcdef';
/** The data session of +447700900502, the Number Verification example's line (mocks/world/scenarios/default.json). */
const EXAMPLE_LINE_IP = '100.64.20.2';

/**
 * Pages a browser opens from a link the API answered (no API client calls them, and their ids and
 * signed tokens cannot be fixed in a document): reached here through those links.
 */
const BROWSER_OPERATIONS = new Set(['showAgentScreen', 'recordOutcomeFromAgentScreen', 'startNumberVerificationOnDevice', 'numberVerificationCallback']);

/** What differs from run to run: not compared with the documented example. */
const VOLATILE = new Set([
  'assessmentId',
  'sessionId',
  'correlator',
  'assessedAt',
  'expiresAt',
  'createdAt',
  'recordedAt',
  'completedAt',
  'lastStatusTime',
  'latencyMs',
  'ageSeconds',
  'cached',
  'provider',
  'agentScreenUrl',
  'authorizationUrl',
  'version',
]);

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([key]) => !VOLATILE.has(key)).map(([key, child]) => [key, stable(child)]));
  }
  return value;
}

interface Sent {
  operation: Json;
  response: Response;
  text: string;
}

let gateway: GatewayProcess;
let doc: Json;
const answers = new Map<string, Json>();

beforeAll(async () => {
  gateway = await startGatewayProcess({ NUMTRUST_API_KEY: API_KEY, NUMTRUST_TWILIO_AUTH_TOKEN: TWILIO_AUTH_TOKEN });
  doc = await (await fetch(`${gateway.gateway}/openapi.json`)).json();
}, 60_000);

afterAll(() => killStartedGateways());

/** The operation that answers with the value a link gives `operationId`'s parameter `name`, and the expression. */
function linkTo(operationId: string, name: string): { from: string; expression: string } | undefined {
  for (const [, , operation] of operationsOf(doc)) {
    for (const response of Object.values(operation.responses as Json)) {
      for (const link of Object.values((response.links ?? {}) as Json)) {
        if (link.operationId === operationId && link.parameters?.[name]) return { from: operation.operationId, expression: link.parameters[name] };
      }
    }
  }
  return undefined;
}

/** A runtime expression `$response.body#/pointer` over an answer. */
function evaluate(expression: string, body: Json): string {
  const pointer = /^\$response\.body#(\/.*)$/.exec(expression)?.[1];
  if (!pointer) throw new Error(`unsupported link expression ${expression}`);
  return String(resolvePointer(body, `#${pointer}`));
}

/** The request Swagger UI builds from the operation's defaults, with links followed; undefined until its links' sources have answered. */
async function requestOf(method: string, path: string, operation: Json): Promise<Request | undefined> {
  let url = path;
  const headers = new Headers();
  const query = new URLSearchParams();
  for (const parameter of operation.parameters as Json[]) {
    if (parameter.$ref) continue;
    if (parameter.in === 'path') {
      const link = linkTo(operation.operationId, parameter.name);
      let value = parameter.example as string | undefined;
      if (link) {
        const source = answers.get(link.from);
        if (!source) return undefined;
        value = evaluate(link.expression, source);
      }
      expect(value, `${operation.operationId}: path parameter ${parameter.name} has neither an example nor a link`).toBeDefined();
      url = url.replace(`{${parameter.name}}`, encodeURIComponent(value!));
    } else if (parameter.in === 'query' && parameter.required) {
      expect(parameter.example, `${operation.operationId}: required query parameter ${parameter.name} has no example`).toBeDefined();
      query.set(parameter.name, parameter.example);
    }
  }
  if (operation.security === undefined) headers.set('authorization', `Bearer ${API_KEY}`);
  const target = `${gateway.gateway}${url}${query.size > 0 ? `?${query}` : ''}`;
  let body: string | undefined;
  const content = operation.requestBody?.content as Json | undefined;
  if (content) {
    const [mediaType, media] = Object.entries(content)[0]!;
    headers.set('content-type', mediaType);
    if (mediaType === 'application/json') body = JSON.stringify(media.example);
    else {
      const form = new URLSearchParams(media.example as Record<string, string>);
      body = form.toString();
      // Twilio's webhook: signed as Twilio signs it, under the embedded tenant's auth token.
      if ((operation.parameters as Json[]).some((parameter) => parameter.name === 'X-Twilio-Signature')) {
        headers.set('x-twilio-signature', await twilioSignature(TWILIO_AUTH_TOKEN, target, form));
      }
    }
  }
  return new Request(target, { method: method.toUpperCase(), headers, body, redirect: 'manual' });
}

/** Sends every API operation's default example, each after the operations its links read from. */
async function sendEveryExample(): Promise<Map<string, Sent>> {
  const sent = new Map<string, Sent>();
  let waiting = operationsOf(doc).filter(([, , operation]) => !BROWSER_OPERATIONS.has(operation.operationId));
  while (waiting.length > 0) {
    const next: typeof waiting = [];
    for (const [method, path, operation] of waiting) {
      const request = await requestOf(method, path, operation);
      if (!request) {
        next.push([method, path, operation]);
        continue;
      }
      const response = await fetch(request);
      const text = await response.text();
      if (response.headers.get('content-type')?.startsWith('application/json') && text) answers.set(operation.operationId, JSON.parse(text));
      sent.set(operation.operationId, { operation, response, text });
    }
    expect(next.length, `operations whose links never resolve: ${next.map(([, , operation]) => operation.operationId).join(', ')}`).toBeLessThan(waiting.length);
    waiting = next;
  }
  return sent;
}

function successOf(operation: Json): [string, Json] {
  return Object.entries(operation.responses as Json).find(([status]) => Number(status) < 400)!;
}

describe("every operation's default example against the embedded default gateway", () => {
  let sent: Map<string, Sent>;
  beforeAll(async () => {
    sent = await sendEveryExample();
  }, 60_000);

  it('covers every operation: by its example, or (a browser page) through the link the API answered', () => {
    const ids = operationsOf(doc).map(([, , operation]) => operation.operationId as string);
    for (const id of ids) expect(sent.has(id) || BROWSER_OPERATIONS.has(id), id).toBe(true);
    for (const id of BROWSER_OPERATIONS) expect(ids).toContain(id);
  });

  it('answers each with its documented success status, media type and body', () => {
    for (const { operation, response, text } of sent.values()) {
      const where = `${operation.operationId}: ${text.slice(0, 300)}`;
      const [status, documented] = successOf(operation);
      expect(response.status, where).toBe(Number(status));
      const type = response.headers.get('content-type')?.split(';')[0] ?? '';
      const media = documented.content?.[type];
      expect(media, `${where} (${type} not documented)`).toBeDefined();
      if (type === 'application/json' && media.example !== undefined) {
        const body = JSON.parse(text);
        expect(validate(doc, media.schema, body, { closed: true }), where).toEqual([]);
        expect(stable(body), where).toEqual(stable(media.example));
      } else if (type === 'text/xml') {
        expect(text, where).toBe(media.example);
      }
    }
  });

  it("opens the agent's screen from agentScreenUrl and posts its form there", async () => {
    const verdict = answers.get('createAssessment')!;
    const page = await fetch(verdict.agentScreenUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const form = doc.paths['/agent/calls/{id}'].post.requestBody.content['application/x-www-form-urlencoded'].example;
    const prescreened = answers.get('ivrPrescreen')!;
    const posted = await fetch(prescreened.agentScreenUrl, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });
    expect(posted.status).toBe(303);
  });

  it("takes the device through authorizationUrl, the operator and the callback, as the device's browser goes", async () => {
    const start = await fetch(answers.get('createNumberVerificationSession')!.authorizationUrl, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const created = await fetch(`${gateway.gateway}/v1/number-verification/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(doc.paths['/v1/number-verification/sessions'].post.requestBody.content['application/json'].example),
    });
    const trip = await browseAsDevice((await created.json()).authorizationUrl, { gateway: gateway.gateway, mocks: gateway.mocks }, EXAMPLE_LINE_IP);
    expect(trip.visited.some((url) => url.pathname === '/v1/number-verification/callback')).toBe(true);
    expect(trip.last.status).toBe(200);
    expect(trip.lastBody).toMatch(/The check is complete/);
  });
});

describe('the document describes itself', () => {
  /** Every schema reachable from `schema` that is an object's property, with where it is. */
  function* properties(schema: Json, where: string, seen = new Set<Json>()): Generator<[string, Json]> {
    if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
    seen.add(schema);
    for (const [name, child] of Object.entries((schema.properties ?? {}) as Json)) {
      yield [`${where}.${name}`, child];
      yield* properties(child, `${where}.${name}`, seen);
    }
    for (const key of ['items', 'additionalProperties']) if (typeof schema[key] === 'object') yield* properties(schema[key], `${where}[]`, seen);
    for (const key of ['anyOf', 'oneOf', 'allOf']) for (const part of (schema[key] ?? []) as Json[]) yield* properties(part, where, seen);
  }

  const described = (schema: Json) => Boolean(schema.description) || (typeof schema.$ref === 'string' && Boolean((resolvePointer(doc, schema.$ref) as Json)?.description));

  it('every component schema, every property of every schema and every parameter has a description', () => {
    const missing: string[] = [];
    for (const [name, schema] of Object.entries(doc.components.schemas as Json)) {
      if (!schema.description) missing.push(name);
      for (const [where, property] of properties(schema, name)) if (!described(property)) missing.push(where);
    }
    for (const [method, path, operation] of operationsOf(doc)) {
      for (const parameter of operation.parameters as Json[]) {
        const resolved = parameter.$ref ? (resolvePointer(doc, parameter.$ref) as Json) : parameter;
        if (!resolved.description) missing.push(`${method} ${path} parameter ${resolved.name}`);
      }
      for (const [status, response] of Object.entries(operation.responses as Json)) {
        for (const [type, media] of Object.entries((response.content ?? {}) as Json)) {
          if (!described(media.schema)) missing.push(`${method} ${path} ${status} ${type}`);
          for (const [where, property] of properties(media.schema, `${method} ${path} ${status}`)) if (!described(property)) missing.push(where);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('every request body and every JSON answer has an example, valid under its own schema', () => {
    const problems: string[] = [];
    for (const [method, path, operation] of operationsOf(doc)) {
      for (const [type, media] of Object.entries((operation.requestBody?.content ?? {}) as Json)) {
        const where = `${method} ${path} request ${type}`;
        if (media.example === undefined) problems.push(`${where}: no example`);
        else problems.push(...validate(doc, media.schema, media.example).map((error) => `${where}: ${error}`));
      }
      for (const [status, response] of Object.entries(operation.responses as Json)) {
        const media = response.content?.['application/json'];
        if (!media) continue;
        const where = `${method} ${path} ${status}`;
        const examples = media.example !== undefined ? [media.example] : Object.values((media.examples ?? {}) as Json).map((example) => example.value);
        // The OpenAPI document itself is its own example.
        if (examples.length === 0 && operation.operationId !== 'openApiDocument') problems.push(`${where}: no example`);
        for (const example of examples) problems.push(...validate(doc, media.schema, example, { closed: true }).map((error) => `${where}: ${error}`));
      }
    }
    expect(problems).toEqual([]);
  });
});
