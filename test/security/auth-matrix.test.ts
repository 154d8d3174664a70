/**
 * One auth matrix over the app's own route list: every route but the public ones answers the same
 * 401 to no key, malformed keys, unknown keys and a revoked key (no oracle, no upstream call), and
 * no route lets one tenant reach another's data. A route added without a row here fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAMARA_ROUTES } from '../../src/app.ts';
import { KEYS, startSecurityGateway, validBody, type SecurityGateway } from './support.ts';

const LINE = '+447700900502';
/** Asked only through /v1/assessments, so neither tenant has it cached from the other rows. */
const ASSESSED_LINE = '+447700900503';

/** Routes served without an API key, and why that is safe. */
const PUBLIC_ROUTES: Record<string, string> = {
  'GET /health': 'liveness probe: no tenant data',
  'GET /openapi.json': 'the API description (routes and schemas): no tenant data',
  'GET /docs': 'the reference page over /openapi.json: no tenant data; trying a route still needs a key',
  'GET /docs/:file': "the reference page's fixed files (Swagger UI): no tenant data",
  'GET /v1/number-verification/sessions/:id/start': "followed by the device's browser: the unguessable session id is the credential",
  'GET /v1/number-verification/callback': 'the operator sends the device back here: the unguessable state is the credential',
  'GET /agent/calls/:id': "the agent's browser opens this link: its HMAC-signed, expiring token for this tenant and id is the credential (an agent holds no API key); the page shows the masked number only",
  'POST /agent/calls/:id': "the agent's screen's outcome form: the same signed token is the credential (and CSRF token); cross-site posts refused",
  'POST /v1/voice/twilio/:tenantId': "Twilio's webhook: its X-Twilio-Signature under the tenant's auth token is the credential (test/integration/voice-twilio.test.ts)",
};

type Call = SecurityGateway['call'];

interface RouteCase {
  /** `METHOD /path` exactly as the app registers it. */
  route: string;
  /** A well-formed request of this route, made with `key`. */
  send(call: Call, key: string | null, headers?: Record<string, string>): ReturnType<Call>;
  /** Tenant beta tries to reach what tenant alpha has behind this route; fails the test if it can. */
  otherTenant: (call: Call) => Promise<void>;
}


function camaraCases(): RouteCase[] {
  return CAMARA_ROUTES.flatMap((route): RouteCase[] => {
    const body = validBody(route, LINE);
    const post: RouteCase = {
      route: `POST ${route.path}`,
      send: (call, key, headers) => call('POST', route.path, { key, body, headers }),
      async otherTenant(call) {
        const first = await call('POST', route.path, { key: KEYS.alpha, body });
        expect(first.status, first.text).toBe(200);
        const again = await call('POST', route.path, { key: KEYS.alpha, body });
        expect(again.headers.get('x-numtrust-cache')).toBe('hit');
        const other = await call('POST', route.path, { key: KEYS.beta, body });
        expect(other.headers.get('x-numtrust-cache')).toBe('miss');
      },
    };
    return [post];
  });
}

const SESSIONS = '/v1/number-verification/sessions';

async function createSession(call: Call, key: string, phoneNumber = LINE): Promise<string> {
  const created = await call('POST', SESSIONS, { key, body: { phoneNumber } });
  expect(created.status, created.text).toBe(201);
  return created.json.sessionId as string;
}

const assessment = (sessionId?: string) => ({
  phoneNumber: ASSESSED_LINE,
  context: { channel: 'app', riskTier: 'medium' },
  ...(sessionId ? { numberVerification: { sessionId } } : {}),
});

/** alpha's session behind GET /sessions/:id, created on first use. */
let ownSession: string | undefined;

/** alpha's assessment behind GET /v1/assessments/:id and its outcome, made on first use. */
let ownAssessment: string | undefined;

async function assessmentOf(call: Call, key: string): Promise<string> {
  const answered = await call('POST', '/v1/assessments', { key, body: assessment() });
  expect(answered.status, answered.text).toBe(200);
  return answered.json.assessmentId as string;
}

const prescreen = { callerNumber: ASSESSED_LINE, action: 'balance_inquiry' };

async function prescreenOf(call: Call, key: string): Promise<string> {
  const answered = await call('POST', '/v1/ivr/prescreen', { key, body: prescreen });
  expect(answered.status, answered.text).toBe(200);
  return answered.json.assessmentId as string;
}

/** Another tenant's record answers exactly as a missing one, for reading and for telling its outcome. */
async function recordIsForeign(call: Call, send: (id: string, key: string) => ReturnType<Call>, made = assessmentOf): Promise<void> {
  const id = await made(call, KEYS.alpha);
  const foreign = await send(id, KEYS.beta);
  const missing = await send(crypto.randomUUID(), KEYS.beta);
  expect(foreign.status).toBe(404);
  expect(foreign.json).toEqual(missing.json);
  expect((await send(id, KEYS.alpha)).status).toBe(200);
}

function otherCases(): RouteCase[] {
  return [
    {
      route: 'POST /v1/assessments',
      send: (call, key, headers) => call('POST', '/v1/assessments', { key, body: assessment(), headers }),
      async otherTenant(call) {
        const sessionId = await createSession(call, KEYS.alpha, ASSESSED_LINE);
        await call('POST', '/v1/assessments', { key: KEYS.alpha, body: assessment() });
        const own = await call('POST', '/v1/assessments', { key: KEYS.alpha, body: assessment(sessionId) });
        expect(own.json.signals.some((signal: { cached: boolean }) => signal.cached)).toBe(true);
        const other = await call('POST', '/v1/assessments', { key: KEYS.beta, body: assessment(sessionId) });
        expect(other.status).toBe(200);
        expect(other.json.signals.map((signal: { cached: boolean }) => signal.cached)).not.toContain(true);
        const verification = other.json.unanswered.filter((gap: { signal: string }) => gap.signal === 'number_verification');
        expect(verification.map((gap: { message: string }) => gap.message).join()).toMatch(/unknown or has expired/);
      },
    },
    {
      route: `POST ${SESSIONS}`,
      send: (call, key, headers) => call('POST', SESSIONS, { key, body: { phoneNumber: LINE }, headers }),
      async otherTenant(call) {
        const sessionId = await createSession(call, KEYS.alpha);
        expect((await call('GET', `${SESSIONS}/${sessionId}`, { key: KEYS.beta })).status).toBe(404);
      },
    },
    {
      route: `GET ${SESSIONS}/:id`,
      async send(call, key, headers) {
        ownSession ??= await createSession(call, KEYS.alpha);
        return call('GET', `${SESSIONS}/${ownSession}`, { key, headers });
      },
      async otherTenant(call) {
        const sessionId = await createSession(call, KEYS.alpha);
        expect((await call('GET', `${SESSIONS}/${sessionId}`, { key: KEYS.alpha })).status).toBe(200);
        const foreign = await call('GET', `${SESSIONS}/${sessionId}`, { key: KEYS.beta });
        const missing = await call('GET', `${SESSIONS}/nv_${'x'.repeat(22)}`, { key: KEYS.beta });
        expect(foreign.status).toBe(404);
        expect(foreign.json).toEqual(missing.json);
      },
    },
    {
      route: 'GET /v1/assessments/:id',
      async send(call, key, headers) {
        ownAssessment ??= await assessmentOf(call, KEYS.alpha);
        return call('GET', `/v1/assessments/${ownAssessment}`, { key, headers });
      },
      otherTenant: (call) => recordIsForeign(call, (id, key) => call('GET', `/v1/assessments/${id}`, { key })),
    },
    {
      route: 'POST /v1/assessments/:id/outcome',
      async send(call, key, headers) {
        ownAssessment ??= await assessmentOf(call, KEYS.alpha);
        return call('POST', `/v1/assessments/${ownAssessment}/outcome`, { key, body: { outcome: 'genuine' }, headers });
      },
      otherTenant: (call) => recordIsForeign(call, (id, key) => call('POST', `/v1/assessments/${id}/outcome`, { key, body: { outcome: 'fraud_confirmed' } })),
    },
    {
      route: 'POST /v1/ivr/prescreen',
      send: (call, key, headers) => call('POST', '/v1/ivr/prescreen', { key, body: prescreen, headers }),
      otherTenant: (call) => recordIsForeign(call, (id, key) => call('GET', `/v1/assessments/${id}`, { key }), prescreenOf),
    },
  ];
}

const CASES: RouteCase[] = [...camaraCases(), ...otherCases()];

/** Every way of not holding a valid key; each must get the very same answer. */
const BAD_CREDENTIALS: Array<[name: string, authorization: string | null]> = [
  ['no key', null],
  ['an empty header', ''],
  ['Bearer without a key', 'Bearer'],
  ['another scheme', `Basic ${btoa(`alpha:${KEYS.alpha}`)}`],
  ['a key too short', 'Bearer abc'],
  ['a key too long', `Bearer ${'k'.repeat(300)}`],
  ['a key with a forbidden character', `Bearer ${KEYS.alpha.slice(0, -1)}!`],
  ['two keys', `Bearer ${KEYS.alpha} ${KEYS.beta}`],
  ['an unknown key', `Bearer ${KEYS.unknown}`],
  ["a near miss of alpha's key", `Bearer ${KEYS.alpha.slice(0, -1)}0`],
  ['a revoked key', `Bearer ${KEYS.alphaRevoked}`],
];

let t: SecurityGateway;
beforeAll(async () => {
  t = await startSecurityGateway();
});
afterAll(() => t?.close());

describe('the auth matrix', () => {
  it("covers exactly the app's routes: each is in the matrix or public with a reason", () => {
    const registered = new Set(t.gateway.app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`));
    const covered = [...CASES.map((entry) => entry.route), ...Object.keys(PUBLIC_ROUTES)];
    expect(new Set(covered).size).toBe(covered.length);
    expect(new Set(covered)).toEqual(registered);
  });

  it.each(CASES.map((entry) => [entry.route, entry] as const))('%s: the same 401 for every bad credential, before any upstream call', async (_route, entry) => {
    const call: Call = (method, path, options = {}) => t.call(method, path, options);
    const accepted = await entry.send(call, KEYS.alpha);
    expect(accepted.status, accepted.text).not.toBe(401);
    expect(accepted.status).toBeLessThan(500);

    const upstreamBefore = JSON.stringify(t.network.stats.snapshot());
    const answers = [];
    for (const [name, authorization] of BAD_CREDENTIALS) {
      const headers: Record<string, string> = authorization === null ? {} : { authorization };
      const response = await entry.send(call, null, headers);
      expect(response.status, name).toBe(401);
      expect(response.headers.get('www-authenticate'), name).toBe('Bearer');
      expect(response.json, name).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
      answers.push(response.text);
    }
    expect(JSON.stringify(t.network.stats.snapshot())).toBe(upstreamBefore);
    expect(new Set(answers).size).toBe(1);
  });

  it.each(CASES.map((entry) => [entry.route, entry] as const))("%s: another tenant's data stays out of reach", async (_route, entry) => {
    await entry.otherTenant((method, path, options) => t.call(method, path, options));
  });

  it('the public routes need no key', async () => {
    expect((await t.call('GET', '/health', { key: null })).status).toBe(200);
    expect((await t.call('GET', '/openapi.json', { key: null })).status).toBe(200);
    expect((await t.call('GET', '/docs', { key: null })).status).toBe(200);
    const start = await t.call('GET', `${SESSIONS}/nv_unknown/start`, { key: null });
    expect(start.status).toBe(404);
    const callback = await t.call('GET', '/v1/number-verification/callback?state=unknown&code=x', { key: null });
    expect(callback.status).toBe(404);
    const screen = await t.call('GET', `/agent/calls/${crypto.randomUUID()}?t=1.x`, { key: null });
    expect(screen.status).toBe(404);
    expect(screen.headers.get('content-type')).toMatch(/^text\/html/);
    const webhook = await t.gateway.app.request('/v1/voice/twilio/alpha', { method: 'POST', body: 'From=%2B447700900502' });
    expect([webhook.status, await webhook.text()]).toEqual([403, 'Forbidden']);
  });
});
