/**
 * Number Verification end to end: app backend → gateway (API key) → device browser → gateway
 * start → mock operator /authorize over the simulated mobile data session → gateway callback →
 * code exchange and POST /verify at the operator → session result read by the backend.
 *
 * The "browser" follows redirects by hand, as a real one would, and sends the device-IP header
 * (the simulated mobile bearer) only to the operator's /authorize.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { browseAsDevice, type BrowserTrip } from '../support/device-browser.ts';

const OTHER_TENANT_KEY = 'nt_other_tenant_key_0123456789';
const ALBION = { number: '+447700900002', ip: '100.64.10.2' };
const ALBION_OTHER_LINE = '+447700900001';
const BRIGHTWAVE = { number: '+447700900502', ip: '100.64.20.2' };
const APP_DONE = 'https://app.example/nv/done';

let t: TestGateway;

beforeAll(async () => {
  t = await startTestGateway({
    configure: (config) => ({ ...config, tenants: [...config.tenants, { id: 'other', apiKeys: [{ id: 'other', key: OTHER_TENANT_KEY }] }] }),
  });
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  t.network.faults.clear();
  t.network.world.reset();
});

async function api(method: 'GET' | 'POST', path: string, body?: unknown, key = t.apiKey) {
  const response = await fetch(t.url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined, text };
}

async function createSession(phoneNumber: string, redirectUri?: string) {
  const response = await api('POST', '/v1/number-verification/sessions', { phoneNumber, ...(redirectUri ? { redirectUri } : {}) });
  expect(response.status, response.text).toBe(201);
  return response.body as { sessionId: string; authorizationUrl: string; expiresAt: string };
}

/** A browser on the device (see test/support/device-browser.ts). */
function browse(start: string, deviceIp?: string): Promise<BrowserTrip> {
  return browseAsDevice(start, { gateway: t.url, mocks: t.network.url }, deviceIp);
}

async function sessionView(id: string, key = t.apiKey) {
  return api('GET', `/v1/number-verification/sessions/${id}`, undefined, key);
}

describe('the device flow', () => {
  it('verified: the device on the data session of the number it claims', async () => {
    const created = await createSession(ALBION.number);
    expect(created.sessionId).toMatch(/^nv_[\w-]{20,}$/);
    expect(created.authorizationUrl).toBe(`${t.url}/v1/number-verification/sessions/${created.sessionId}/start`);
    expect(Date.parse(created.expiresAt)).toBeGreaterThan(Date.now());
    expect((await sessionView(created.sessionId)).body).toMatchObject({ sessionId: created.sessionId, status: 'pending', provider: 'albion' });

    const trip = await browse(created.authorizationUrl, ALBION.ip);
    expect(trip.visited.map((url) => url.pathname)).toEqual([
      `/v1/number-verification/sessions/${created.sessionId}/start`,
      '/carriers/albion/authorize',
      '/v1/number-verification/callback',
    ]);
    expect(trip.last.status).toBe(200);
    expect(trip.lastBody).toMatch(/return to the app/i);

    const view = await sessionView(created.sessionId);
    expect(view.status).toBe(200);
    expect(view.body).toEqual({
      sessionId: created.sessionId,
      status: 'verified',
      provider: 'albion',
      createdAt: expect.any(String),
      expiresAt: created.expiresAt,
      completedAt: expect.any(String),
    });
    expect(t.network.stats.get('albion', 'number-verification/v2/verify')).toBeGreaterThan(0);
  });

  it('not_verified: the device is on another line of the same operator', async () => {
    const created = await createSession(ALBION_OTHER_LINE);
    const trip = await browse(created.authorizationUrl, ALBION.ip);
    expect(trip.last.status).toBe(200);
    const view = await sessionView(created.sessionId);
    expect(view.body).toMatchObject({ status: 'not_verified', provider: 'albion' });
    expect(view.body).not.toHaveProperty('problem');
  });

  it('failed cleanly without a data session: a clear status and problem code, never not_verified', async () => {
    const created = await createSession(ALBION.number);
    const trip = await browse(created.authorizationUrl); // Wi-Fi: the operator cannot see the line
    expect(trip.last.status).toBe(200);
    expect(trip.lastBody).toMatch(/mobile data/i);
    const view = await sessionView(created.sessionId);
    expect(view.body).toMatchObject({
      status: 'failed',
      provider: 'albion',
      problem: { code: 'USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK', retryable: true, message: expect.any(String) },
    });
    // The operator said access_denied: no code was exchanged, nothing was compared.
    expect(t.network.stats.get('albion', 'authorize')).toBeGreaterThan(0);
  });

  it('failed when the device is a subscriber of another operator', async () => {
    const created = await createSession(ALBION.number);
    await browse(created.authorizationUrl, BRIGHTWAVE.ip);
    expect((await sessionView(created.sessionId)).body).toMatchObject({ status: 'failed', problem: { code: 'USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK' } });
  });

  it('returns the device to the app with ?session=<id> only, at the operator that serves the number', async () => {
    const created = await createSession(BRIGHTWAVE.number, `${APP_DONE}?flow=signup`);
    const trip = await browse(created.authorizationUrl, BRIGHTWAVE.ip);
    expect(trip.visited.map((url) => url.pathname)).toContain('/carriers/brightwave/authorize');
    expect(trip.leftFor?.origin + trip.leftFor!.pathname).toBe(APP_DONE);
    expect(Object.fromEntries(trip.leftFor!.searchParams)).toEqual({ flow: 'signup', session: created.sessionId });
    expect((await sessionView(created.sessionId)).body).toMatchObject({ status: 'verified', provider: 'brightwave' });
  });

  it('an operator failure during the exchange ends the session failed (UNAVAILABLE), never not_verified', async () => {
    const created = await createSession(ALBION.number);
    t.network.faults.add({ carrier: 'albion', endpoint: 'token', kind: 'status', status: 503, times: 1 });
    const trip = await browse(created.authorizationUrl, ALBION.ip);
    expect(trip.last.status).toBe(200);
    expect((await sessionView(created.sessionId)).body).toMatchObject({ status: 'failed', problem: { code: 'UNAVAILABLE', retryable: true } });
  });

  it('a 500 from the operator verify ends the session failed (UNAVAILABLE), not not_verified', async () => {
    const created = await createSession(ALBION.number);
    t.network.faults.add({ carrier: 'albion', endpoint: 'number-verification/v2/verify', kind: 'status', status: 500, times: 1 });
    await browse(created.authorizationUrl, ALBION.ip);
    expect((await sessionView(created.sessionId)).body).toMatchObject({ status: 'failed', problem: { code: 'UNAVAILABLE' } });
  });
});

describe('one session, one answer', () => {
  it('refuses a replayed callback and a second start, and keeps the first result', async () => {
    const created = await createSession(ALBION.number);
    const trip = await browse(created.authorizationUrl, ALBION.ip);
    const callback = trip.visited.at(-1)!;
    expect(callback.pathname).toBe('/v1/number-verification/callback');
    const replay = await fetch(callback, { redirect: 'manual' });
    expect(replay.status).toBe(409);
    const restart = await fetch(created.authorizationUrl, { redirect: 'manual' });
    expect(restart.status).toBe(409);
    expect(restart.headers.get('location')).toBeNull();
    expect((await sessionView(created.sessionId)).body.status).toBe('verified');
  });

  it('a forged error callback needs the state: an unknown one changes nothing', async () => {
    const created = await createSession(ALBION.number);
    const forged = await fetch(`${t.url}/v1/number-verification/callback?error=access_denied&state=guess`, { redirect: 'manual' });
    expect(forged.status).toBe(404);
    expect((await sessionView(created.sessionId)).body.status).toBe('pending');
  });

  it('unknown session links and callbacks answer 404 pages, or the CAMARA shape to a JSON client', async () => {
    const start = await fetch(`${t.url}/v1/number-verification/sessions/nv_unknown/start`, { redirect: 'manual' });
    expect(start.status).toBe(404);
    expect(start.headers.get('content-type')).toMatch(/text\/html/);
    expect(start.headers.get('cache-control')).toBe('no-store');
    const json = await fetch(`${t.url}/v1/number-verification/callback?code=x`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
    expect(await json.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});

describe('the session API', () => {
  it('keeps sessions per tenant: another tenant gets 404 like for an unknown id', async () => {
    const created = await createSession(ALBION.number);
    const foreign = await sessionView(created.sessionId, OTHER_TENANT_KEY);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ status: 404, code: 'NOT_FOUND', message: expect.any(String) });
    const unknown = await sessionView('nv_doesnotexist');
    expect(unknown.body).toEqual(foreign.body);
    expect((await sessionView(created.sessionId)).status).toBe(200);
  });

  it('404 IDENTIFIER_NOT_FOUND for a number outside every routed range', async () => {
    const response = await api('POST', '/v1/number-verification/sessions', { phoneNumber: '+33612345678' });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('IDENTIFIER_NOT_FOUND');
  });

  it('503 UNAVAILABLE when the operator cannot be discovered, for a tenant that has not used it yet', async () => {
    // Albion's chain has no other provider offering it (brightwave's has NaC: number-verification-nokia.test.ts).
    t.network.faults.add({ carrier: 'albion', endpoint: 'discovery', kind: 'status', status: 503, times: 1 });
    const response = await api('POST', '/v1/number-verification/sessions', { phoneNumber: ALBION.number }, OTHER_TENANT_KEY);
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('UNAVAILABLE');
  });

  it.each([
    ['a number without +', { phoneNumber: '447700900002' }],
    ['an unknown property', { phoneNumber: ALBION.number, msisdn: '1' }],
    ['an http redirectUri off loopback', { phoneNumber: ALBION.number, redirectUri: 'http://app.example/done' }],
    ['a javascript: redirectUri', { phoneNumber: ALBION.number, redirectUri: 'javascript:alert(1)' }],
    ['a redirectUri with a fragment', { phoneNumber: ALBION.number, redirectUri: 'https://app.example/done#x' }],
    ['a relative redirectUri', { phoneNumber: ALBION.number, redirectUri: '/done' }],
  ])('400 INVALID_ARGUMENT for %s, without echoing the number', async (_case, body) => {
    const response = await api('POST', '/v1/number-verification/sessions', body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_ARGUMENT');
    expect(response.text).not.toContain('447700900002');
  });

  it('422 MISSING_IDENTIFIER for no number, as on every route', async () => {
    const response = await api('POST', '/v1/number-verification/sessions', {});
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('MISSING_IDENTIFIER');
  });

  it('accepts a private-use scheme redirect (a native app deep link)', async () => {
    const created = await createSession(ALBION.number, 'com.example.app:/nv-done');
    const trip = await browse(created.authorizationUrl, ALBION.ip);
    expect(trip.leftFor?.href).toBe(`com.example.app:/nv-done?session=${created.sessionId}`);
  });

  it('needs the API key for the session endpoints, not for the device endpoints', async () => {
    const create = await fetch(`${t.url}/v1/number-verification/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phoneNumber: ALBION.number }),
    });
    expect(create.status).toBe(401);
    const created = await createSession(ALBION.number);
    expect((await fetch(`${t.url}/v1/number-verification/sessions/${created.sessionId}`)).status).toBe(401);
    const start = await fetch(created.authorizationUrl, { redirect: 'manual' });
    expect(start.status).toBe(302);
    expect(new URL(start.headers.get('location')!).pathname).toBe('/carriers/albion/authorize');
  });

  it('405 for other methods on the sessions collection', async () => {
    const response = await api('GET', '/v1/number-verification/sessions');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});

describe('privacy', () => {
  it('no URL the gateway generated, no answer and no log line holds a phone number, the state or the PKCE verifier', async () => {
    const created = await createSession(ALBION.number, APP_DONE);
    const trip = await browse(created.authorizationUrl, ALBION.ip);
    const operatorUrl = trip.visited[1]!;
    expect(operatorUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(operatorUrl.searchParams.has('code_verifier')).toBe(false);
    expect(operatorUrl.searchParams.has('login_hint')).toBe(false);
    const state = operatorUrl.searchParams.get('state')!;
    const generated = [created.authorizationUrl, ...trip.visited.map((url) => url.href), trip.leftFor!.href].join('\n');
    const view = JSON.stringify((await sessionView(created.sessionId)).body);
    for (const { phoneNumber } of t.network.world.list()) {
      expect(generated).not.toContain(phoneNumber.slice(1));
      expect(view).not.toContain(phoneNumber.slice(1));
    }
    expect(view).not.toContain(state);
    expect(JSON.stringify(created)).not.toContain(state);
    expect(trip.leftFor!.href).not.toContain(state);

    const logs = t.logLines.join('\n');
    expect(logs).toContain('number verification finished');
    expect(logs).not.toMatch(/\+?44770090\d{4}/);
    expect(logs).not.toContain(state);
  });
});
