/**
 * Fuzzing the northbound routes with fast-check: numbers, bodies, headers, content types, methods
 * and sizes. Every case must end, before a bound, in a valid answer or a CAMARA error whose code
 * matches its status: never a 500, a hang or a crash, and never a phone number in an error message.
 *
 * Runs are bounded and seeded: FUZZ_SEED=<n> replays a run (fast-check prints the seed and path
 * of a failing case), FUZZ_RUNS=<n> changes the number of cases per route.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAMARA_ROUTES } from '../../src/app.ts';
import { CAMARA_CODES } from '../../src/errors.ts';
import { scrubNumbers } from '../../src/contract/number-scrub.ts';
import { PROTOTYPE_NAMES } from '../support/prototype-names.ts';
import { KEYS, startSecurityGateway, twoTenants, validBody, type SecurityGateway } from './support.ts';
import { twilioSignature } from '../../src/routes/voice/twilio-signature.ts';
import { embeddedTwilioWebhook } from '../../src/runtime/embedded.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** Far above the gateway's deadline (configured below): a request still open by then hangs. */
const HANG_MS = 10_000;

// ---------------------------------------------------------------------------------------------
// Generators

const printable = (min: number, max: number) => fc.integer({ min, max }).map((code) => String.fromCharCode(code));
/** What an HTTP header value may carry (no CR, LF or NUL), Latin-1 included. */
const headerText = fc.string({ unit: fc.oneof(printable(0x20, 0x7e), printable(0xa0, 0xff)), maxLength: 300 });

const WORLD_LINES = ['+447700900501', '+447700900502', '+447700900503', '+447700900504', '+447700900002', '+12025550102'];

const phoneNumber = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORLD_LINES) },
  { weight: 2, arbitrary: fc.stringMatching(/^\+[1-9][0-9]{4,14}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^\+4477009005[0-9]{2}$/) },
  { weight: 1, arbitrary: fc.stringMatching(/^\+?[0-9 ().-]{0,20}$/) },
  { weight: 1, arbitrary: fc.constantFrom('+٤٤٧٧٠٠٩٠٠٥٠٢', '+44 7700 900502', '+447700900502\n', ' +447700900502', '+0', '+', '', 'tel:+447700900502') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

const anyValue = fc.oneof(
  { weight: 3, arbitrary: phoneNumber },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, 2_400, 2_401, Number.MAX_SAFE_INTEGER, 1e308, -0) },
  { weight: 1, arbitrary: fc.constantFrom('ivr', 'app', 'low', 'high', 'medium', 'balance_inquiry', 'sim_swap', 'https://app.example/done', 'javascript:alert(1)') },
  // Names every object inherits: wherever a value names something (an action, a tier, a kind), they must be unknown names.
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Mutation = { op: 'set'; path: string[]; value: unknown } | { op: 'delete'; path: string[] };

function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
}

function stringLeavesOf(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value === 'string') return [prefix];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => stringLeavesOf(item, [...prefix, key]));
}

function mutated(base: Json, mutations: Mutation[]): unknown {
  let body: unknown = structuredClone(base);
  for (const mutation of mutations) {
    if (mutation.path.length === 0) {
      body = mutation.op === 'set' ? mutation.value : undefined;
      continue;
    }
    if (typeof body !== 'object' || body === null) body = {};
    // Own data properties only: a "__proto__" segment must land in the body, not in the test's prototypes.
    let node = body as Record<string, unknown>;
    for (const key of mutation.path.slice(0, -1)) {
      const child = Object.hasOwn(node, key) ? node[key] : undefined;
      if (typeof child === 'object' && child !== null) node = child as Record<string, unknown>;
      else node = setOwn(node, key, {}) as Record<string, unknown>;
    }
    const last = mutation.path.at(-1)!;
    if (mutation.op === 'delete') {
      if (Object.hasOwn(node, last)) delete node[last];
    } else setOwn(node, last, mutation.value);
  }
  return body;
}

function setOwn(node: Record<string, unknown>, key: string, value: unknown): unknown {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}

/** Nothing a request carried may end up on a shared prototype. */
function expectNoPrototypePollution(where: string): void {
  for (const prototype of [Object.prototype, Array.prototype, Function.prototype]) {
    const inherited: string[] = [];
    for (const key in prototype) inherited.push(key);
    expect(inherited, where).toEqual([]);
  }
}

/** One of the valid bodies with a few things changed, or something else altogether. */
function bodyFor(bases: readonly Json[]) {
  return fc.constantFrom(...bases).chain(mutatedBodyOf);
}

function mutatedBodyOf(base: Json) {
  const path = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...pathsOf(base)) },
    { weight: 1, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...PROTOTYPE_NAMES, '+447700900502', 'msisdn')), { minLength: 1, maxLength: 3 }) },
  );
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('set' as const), path, value: anyValue }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), path }) },
    // A name the body gives (an action, a channel, a session id) becomes one every object inherits.
    { weight: 2, arbitrary: fc.record({ op: fc.constant('set' as const), path: fc.constantFrom(...stringLeavesOf(base)), value: fc.constantFrom(...PROTOTYPE_NAMES) }) },
  );
  return fc.oneof(
    { weight: 10, arbitrary: fc.array(mutation, { maxLength: 4 }).map((mutations) => JSON.stringify(mutated(base, mutations)) ?? '') },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 5_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 5_000 }).map((depth) => '{"a":'.repeat(depth)) },
    { weight: 1, arbitrary: fc.integer({ min: 15_000, max: 40_000 }).map((size) => JSON.stringify({ ...(base as object), pad: 'x'.repeat(size) })) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', 'null', '""', '0', '[]', '{}', '\uFEFF{}', '{"phoneNumber":"+447700900502"}garbage') },
  );
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/problem+json',
  'application/jsonp',
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json;',
  '',
];

const KEY_HEADERS = [`Bearer ${KEYS.alpha}`, `bearer ${KEYS.alpha}`, `Bearer ${KEYS.beta}`];
const BAD_KEY_HEADERS = ['Bearer', `Bearer ${KEYS.alphaRevoked}`, `Bearer ${KEYS.unknown}`, `Basic ${btoa('a:b')}`];

const headers = fc.record(
  {
    authorization: fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...KEY_HEADERS) },
      { weight: 1, arbitrary: fc.constantFrom(...BAD_KEY_HEADERS) },
      { weight: 1, arbitrary: headerText.map((text) => `Bearer ${text}`) },
    ),
    'content-type': fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: headerText }),
    'x-correlator': fc.oneof(fc.uuid(), headerText, fc.stringMatching(/^[a-zA-Z0-9-_:;./<>{}]{0,300}$/)),
    'x-numtrust-provider': fc.oneof(fc.constantFrom('brightwave', 'albion', 'liberty', 'twilio', 'nokia', 'vonage', 'telesign', 'nobody', ...PROTOTYPE_NAMES), headerText),
    accept: fc.oneof(fc.constantFrom('application/json', 'text/html', '*/*', 'application/xml'), headerText),
    'content-encoding': fc.constantFrom('gzip', 'br', 'identity'),
  },
  { requiredKeys: ['authorization'] },
);

const method = fc.oneof({ weight: 12, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD') });

// ---------------------------------------------------------------------------------------------
// The routes and what a well-formed request of each looks like

type FuzzRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** Signed with alpha's Twilio auth token just before it is sent (over the URL it is sent to). */
  twilioSigned?: boolean;
};

interface FuzzRoute {
  name: string;
  request: fc.Arbitrary<FuzzRequest>;
  /** Run first on every run: each name every object inherits, wherever the route reads a name. */
  corpus: FuzzRequest[];
}

const KEYED = { authorization: `Bearer ${KEYS.alpha}`, 'content-type': 'application/json' };

function postRoute(path: string, ...bases: Json[]): FuzzRoute {
  const named = (base: Json, leaf: string[], name: string) => JSON.stringify(mutated(base, [{ op: 'set', path: leaf, value: name }]));
  return {
    name: `POST ${path}`,
    request: fc.record({ method, path: fc.constant(path), headers, body: bodyFor(bases) }).map((request) =>
      request.method === 'GET' || request.method === 'HEAD' ? { ...request, body: undefined } : request,
    ),
    corpus: PROTOTYPE_NAMES.flatMap((name) => [
      ...bases.flatMap((base) => stringLeavesOf(base).map((leaf) => ({ method: 'POST', path, headers: KEYED, body: named(base, leaf, name) }))),
      { method: 'POST', path, headers: { ...KEYED, 'x-numtrust-provider': name }, body: JSON.stringify(bases[0]) },
    ]),
  };
}

function getRoute(name: string, request: FuzzRoute['request'], pathFor: (name: string) => string): FuzzRoute {
  return { name, request, corpus: PROTOTYPE_NAMES.map((prototypeName) => ({ method: 'GET', path: pathFor(prototypeName), headers: { ...KEYED, accept: 'application/json' } })) };
}

const segment = fc.oneof(fc.stringMatching(/^nv_[A-Za-z0-9_-]{0,40}$/), headerText.map((text) => encodeURIComponent(text)), fc.constantFrom('..', '%2e%2e', '%00', 'nv_' + 'a'.repeat(5_000), ...PROTOTYPE_NAMES));
const queryValue = fc.oneof(headerText, fc.constantFrom('access_denied', 'server_error', '', ...PROTOTYPE_NAMES));
const query = fc
  .dictionary(fc.constantFrom('code', 'state', 'error', 'error_description', 'session', 'x'), queryValue, { maxKeys: 4 })
  .map((params) => new URLSearchParams(params).toString());

const deviceHeaders = fc.record({ accept: fc.oneof(fc.constantFrom('application/json', 'text/html', '*/*'), headerText), 'x-correlator': fc.oneof(fc.uuid(), headerText) }, { requiredKeys: [] });

/** alpha's Twilio webhook token: a signed request gets past the signature, into the assessment and the fallback. */
const TWILIO_TOKEN = 'fuzz0123456789abcdef0123456789ab';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const twilioParam = fc.constantFrom('From', 'To', 'CallSid', 'Direction', 'AccountSid', 'CallStatus', ...PROTOTYPE_NAMES);
const twilioValue = fc.oneof(phoneNumber.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))), fc.constantFrom('inbound', 'outbound-api', 'anonymous', 'client:alice'), headerText);

const twilioRoute: FuzzRoute = {
  name: 'POST /v1/voice/twilio/:tenantId',
  request: fc.record({
    method,
    path: fc.oneof(
      { weight: 4, arbitrary: fc.constant('/v1/voice/twilio/alpha') },
      { weight: 1, arbitrary: fc.constantFrom('/v1/voice/twilio/beta', '/v1/voice/twilio/alpha?action=payment', '/v1/voice/twilio/alpha?action=teleport') },
      { weight: 1, arbitrary: segment.map((tenant) => `/v1/voice/twilio/${tenant}`) },
    ),
    headers: fc.record({ 'content-type': fc.constantFrom(FORM['content-type'], 'application/json', ''), 'x-twilio-signature': fc.oneof(headerText, fc.base64String({ maxLength: 28 })) }, { requiredKeys: [] }),
    body: fc.oneof(
      { weight: 6, arbitrary: fc.array(fc.tuple(twilioParam, twilioValue), { maxLength: 8 }).map((pairs) => new URLSearchParams(pairs).toString()) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
      { weight: 1, arbitrary: fc.integer({ min: 15_000, max: 40_000 }).map((size) => `From=${'9'.repeat(size)}`) },
    ),
    twilioSigned: fc.boolean(),
  }).map((request) => (request.method === 'GET' || request.method === 'HEAD' ? { ...request, body: undefined } : request)),
  corpus: PROTOTYPE_NAMES.flatMap((name) => [
    { method: 'POST', path: `/v1/voice/twilio/${name}`, headers: FORM, body: 'From=%2B447700900502', twilioSigned: true },
    { method: 'POST', path: '/v1/voice/twilio/alpha', headers: FORM, body: `${name}=x&From=${name}`, twilioSigned: true },
    { method: 'POST', path: `/v1/voice/twilio/alpha?action=${name}`, headers: FORM, body: 'From=%2B447700900502&Direction=inbound', twilioSigned: true },
  ]),
};

/** The request as sent to `base`: signed there when it asks to be. */
async function prepared(request: FuzzRequest, base: string): Promise<RequestInit & { url: string }> {
  const headers = { ...request.headers };
  if (request.twilioSigned) headers['x-twilio-signature'] = await twilioSignature(TWILIO_TOKEN, base + request.path, new URLSearchParams(request.body ?? ''));
  return { url: base + request.path, method: request.method, headers, body: request.body };
}

const ROUTES: FuzzRoute[] = [
  ...CAMARA_ROUTES.map((route) => postRoute(route.path, validBody(route, '+447700900502') as Json)),
  postRoute(
    '/v1/assessments',
    { phoneNumber: '+447700900502', context: { channel: 'ivr', riskTier: 'low', inboundCall: false }, maxAge: 24, checks: { include: ['sim_swap'] } },
    { phoneNumber: '+447700900502', context: { channel: 'agent', action: 'balance_inquiry' }, checks: { exclude: ['roaming'] }, numberVerification: { sessionId: 'nv_x' } },
  ),
  postRoute('/v1/number-verification/sessions', { phoneNumber: '+447700900502', redirectUri: 'https://app.example/done' }),
  postRoute('/v1/ivr/prescreen', { callerNumber: '+447700900502', calledNumber: '+442079460000', callId: 'c-1', action: 'balance_inquiry', deadlineMs: 1_000 }),
  twilioRoute,
  { ...postRoute(`/v1/assessments/${crypto.randomUUID()}/outcome`, { outcome: 'fraud_confirmed' }), name: 'POST /v1/assessments/:id/outcome' },
  getRoute(
    'GET /v1/assessments/:id',
    fc.record({ method: fc.constant('GET'), path: fc.oneof(fc.uuid(), segment).map((id) => `/v1/assessments/${id}`), headers }),
    (id) => `/v1/assessments/${id}`,
  ),
  getRoute(
    'GET /v1/number-verification/sessions/:id',
    fc.record({ method: fc.constant('GET'), path: segment.map((id) => `/v1/number-verification/sessions/${id}`), headers }),
    (id) => `/v1/number-verification/sessions/${id}`,
  ),
  getRoute(
    'GET /v1/number-verification/sessions/:id/start',
    fc.record({ method: fc.constant('GET'), path: segment.map((id) => `/v1/number-verification/sessions/${id}/start`), headers: deviceHeaders }),
    (id) => `/v1/number-verification/sessions/${id}/start`,
  ),
  ...agentScreenRoutes(),
  getRoute(
    'GET /v1/number-verification/callback',
    fc.record({ method: fc.constant('GET'), path: query.map((search) => `/v1/number-verification/callback?${search}`), headers: deviceHeaders }),
    (state) => `/v1/number-verification/callback?state=${state}&code=x`,
  ),
];

/** The agent's screen and its form: ids and tokens of every shape, forms of every shape. */
function agentScreenRoutes(): FuzzRoute[] {
  const token = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 1e12 }), fc.stringMatching(/^[A-Za-z0-9_-]{43}$/)).map(([exp, mac]) => `${exp}.${mac}`),
    headerText,
    fc.constantFrom('', '1.', '.', ...PROTOTYPE_NAMES),
  );
  const path = fc.tuple(fc.oneof(fc.uuid(), segment), token).map(([id, t]) => `/agent/calls/${id}?t=${encodeURIComponent(t)}`);
  const form = fc.oneof(
    fc.constantFrom('outcome=genuine', 'outcome=fraud', 'outcome=', '', ...PROTOTYPE_NAMES.map((name) => `outcome=${name}`)),
    headerText,
    fc.string({ unit: 'binary', maxLength: 400 }),
  );
  const formHeaders = fc.record(
    {
      'content-type': fc.oneof(fc.constant('application/x-www-form-urlencoded'), fc.constantFrom(...CONTENT_TYPES), headerText),
      'sec-fetch-site': fc.constantFrom('same-origin', 'cross-site', 'none'),
      accept: fc.constantFrom('text/html', '*/*', 'application/json'),
    },
    { requiredKeys: [] },
  );
  return [
    getRoute('GET /agent/calls/:id', fc.record({ method: fc.constant('GET'), path, headers: deviceHeaders }), (name) => `/agent/calls/${name}?t=${name}`),
    {
      name: 'POST /agent/calls/:id',
      request: fc.record({ method: fc.constant('POST'), path, headers: formHeaders, body: form }),
      corpus: PROTOTYPE_NAMES.map((name) => ({ method: 'POST', path: `/agent/calls/${name}?t=${name}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `outcome=${name}` })),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// What every answer must be

const CODES = CAMARA_CODES as Record<string, number>;
/** TwiML answers seen: the signed cases must get past the signature. */
let twimlAnswers = 0;

function checkAnswer(request: { method: string; path: string }, response: { status: number; headers: Headers; text: string }): void {
  const where = `${request.method} ${request.path.slice(0, 120)} → ${response.status} ${response.text.slice(0, 300)} ${t.logLines.filter((line) => line.includes('"level":"error"')).at(-1) ?? ''}`;
  expect(response.status, where).not.toBe(500);
  // Twilio's webhook: a bare 403 to whatever does not verify, TwiML (a verdict or the fallback) to whatever does.
  // A path the router does not take for it (`%2e%2e`) is any other unknown path: the checks below.
  if (request.path.startsWith('/v1/voice/twilio/') && (response.status === 403 || response.headers.get('content-type')?.startsWith('text/xml'))) {
    if (response.status === 403) {
      expect(response.text, where).toBe('Forbidden');
      return;
    }
    twimlAnswers++;
    expect(response.status, where).toBe(200);
    expect(response.text, where).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response>.*<\/Response>$/s);
    return expectNoPrototypePollution(where);
  }
  const agentScreen = request.path.startsWith('/agent/calls/');
  // The agent's screen adds its own: 403 (a cross-site form), 410 (an expired link).
  expect([200, 201, 302, 400, 401, 404, 405, 409, 413, 415, 422, 429, 502, 503, 504, ...(agentScreen ? [403, 410] : [])], where).toContain(response.status);
  if (request.method === 'HEAD' || response.status === 302) return;
  const type = response.headers.get('content-type') ?? '';
  if (type.startsWith('text/html')) {
    // The browser pages: only the two device routes and the agent's screen answer HTML.
    expect(request.path, where).toMatch(/^\/v1\/number-verification\/(sessions\/[^/]*\/start|callback)|^\/agent\/calls\//);
    expect(scrubNumbers(response.text), where).toBe(response.text);
    return;
  }
  expect(type, where).toMatch(/^application\/json/);
  const body = JSON.parse(response.text);
  if (response.status >= 400) {
    expect(body, where).toEqual({ status: response.status, code: expect.any(String), message: expect.any(String) });
    expect(CODES[body.code], where).toBe(response.status);
    expect(scrubNumbers(body.message), where).toBe(body.message);
  } else {
    expect(typeof body, where).toBe('object');
  }
  expect(response.headers.get('x-correlator'), where).toBeTruthy();
  expectNoPrototypePollution(where);
}

function withinBound<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${HANG_MS} ms: ${what}`)), HANG_MS);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------

let t: SecurityGateway;
beforeAll(async () => {
  t = await startSecurityGateway({
    tenants: twoTenants({ alpha: { voice: { twilio: embeddedTwilioWebhook(TWILIO_TOKEN) } } }),
    configure: (input) => ({ ...input, server: { ...input.server, requestDeadlineMs: 2_000, attemptTimeoutMs: 1_500 } }),
  });
});
afterAll(() => t?.close());

// The seed and the number of cases are in every failure fast-check reports.
describe('fuzzing every northbound route in-process', () => {
  it('the fuzzed routes are every route of the app', () => {
    const registered = new Set(t.gateway.app.routes.filter((route) => route.method !== 'ALL').map((route) => route.path));
    // Methods other than POST on the POST routes are fuzzed with them (the method varies too). Not fuzzed: GET
    // routes that read no input (health, the API document and page; /docs/:file serves only its fixed files, test/openapi).
    const inputless = new Set(['/health', '/openapi.json', '/docs', '/docs/:file']);
    expect(new Set(ROUTES.map((route) => route.name.split(' ')[1]))).toEqual(new Set([...registered].filter((path) => !inputless.has(path))));
  });

  it.each(ROUTES.map((route) => [route.name, route] as const))('%s', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(route.request, async (request) => {
        const { url: _url, ...init } = await prepared(request, 'http://localhost');
        const response = await withinBound(Promise.resolve(t.gateway.app.request(request.path, init)), `${request.method} ${request.path.slice(0, 80)}`);
        const text = await response.text();
        checkAnswer(request, { status: response.status, headers: response.headers, text });
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true, examples: route.corpus.map((request) => [request]) },
    );
    if (route === twilioRoute) expect(twimlAnswers).toBeGreaterThan(RUNS / 4);
    expect(t.logLines.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  }, 120_000);
});

describe('fuzzing over real HTTP', () => {
  let url: string;
  beforeAll(async () => {
    url = await t.listen();
  });

  it.each(ROUTES.map((route) => [route.name, route] as const))('%s', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(route.request, async (request) => {
        const { url: target, ...init } = await prepared(request, url);
        const response = await withinBound(
          fetch(target, { ...init, redirect: 'manual' }),
          `${request.method} ${request.path.slice(0, 80)}`,
        );
        checkAnswer(request, { status: response.status, headers: response.headers, text: await response.text() });
      }),
      { seed: SEED, numRuns: Math.max(1, Math.round(RUNS / 8)), endOnFailure: true },
    );
  }, 60_000);

  it('applies the body limit to a chunked body without content-length', async () => {
    const chunk = new TextEncoder().encode(`{"phoneNumber":"+447700900502","pad":"${'x'.repeat(4_000)}`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(chunk);
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    const response = await fetch(`${url}/sim-swap/v2/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEYS.alpha}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ status: 413, code: 'CONTENT_TOO_LARGE', message: expect.stringMatching(/larger than this gateway accepts/) });
  });

  it('answers a content-length that promises more than the limit before reading it', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = request(`${url}/sim-swap/v2/check`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEYS.alpha}`, 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) },
      });
      outgoing.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        outgoing.destroy();
      });
      outgoing.on('error', reject);
      outgoing.write('{"phoneNumber":');
    });
    expect(status).toBe(413);
  });
});
