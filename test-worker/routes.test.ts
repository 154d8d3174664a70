/**
 * Every route of the Worker, inside workerd, against the mock carriers on 127.0.0.1: the CAMARA
 * routes, assessments, the Number Verification session and device routes, /health, the API
 * reference (/openapi.json, /docs), and the CAMARA errors (401, 400, 404, 405, 415, 422, 429, and
 * 503 when the bindings are wrong).
 */
import { SELF } from 'cloudflare:test';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { browseAsDevice } from '../test/support/device-browser.ts';
import { mockWorld } from './support/mock-world.ts';
import { answerOf, WORKER_ORIGIN, workerClient } from './support/worker-client.ts';

const world = mockWorld();
const worker = workerClient();
const logLines: string[] = [];

beforeAll(() => {
  // The Worker logs through console.log; keep the lines to check them for numbers.
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void logLines.push(String(line)));
});
afterEach(async () => {
  await world.clearFaults();
  await world.reset();
});
afterAll(() => vi.restoreAllMocks());

describe('CAMARA routes', () => {
  it.each([
    ['/sim-swap/v2/check', { phoneNumber: '+447700900001', maxAge: 72 }, { swapped: true }],
    ['/sim-swap/v2/check', { phoneNumber: '+12025550102', maxAge: 72 }, { swapped: false }],
    ['/device-swap/v1/check', { phoneNumber: '+447700900502', maxAge: 24 }, { swapped: expect.any(Boolean) }],
    ['/call-forwarding-signal/v0.4/unconditional-call-forwardings', { phoneNumber: '+447700900002' }, { active: expect.any(Boolean) }],
    ['/device-reachability-status/v1/retrieve', { device: { phoneNumber: '+447700900502' } }, { reachable: expect.any(Boolean) }],
    ['/device-roaming-status/v1/retrieve', { device: { phoneNumber: '+447700900502' } }, { roaming: expect.any(Boolean) }],
  ])('POST %s %j answers 200 with the CAMARA body', async (path, body, expected) => {
    const response = await worker.post(path, body);
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject(expected);
    expect(response.headers.get('x-numtrust-provider')).toBeTruthy();
  });

  it('retrieve-date answers the dates the world holds', async () => {
    for (const [path, field, worldField] of [
      ['/sim-swap/v2/retrieve-date', 'latestSimChange', 'simChangedAt'],
      ['/device-swap/v1/retrieve-date', 'latestDeviceChange', 'deviceChangedAt'],
    ] as const) {
      const held = await world.update('+447700900502', { [worldField]: '3 hours ago' });
      const response = await worker.post(path, { phoneNumber: '+447700900502' });
      expect(response.status, response.text).toBe(200);
      expect(Date.parse(response.body[field])).toBe(Date.parse(held[worldField]));
    }
  });

  it('call-forwardings lists the active services', async () => {
    await world.update('+447700900002', { forwarding: ['unconditional', 'conditional_busy'] });
    const response = await worker.post('/call-forwarding-signal/v0.4/call-forwardings', { phoneNumber: '+447700900002' });
    expect(response.status).toBe(200);
    expect([...(response.body as string[])].sort((a, b) => a.localeCompare(b))).toEqual(['conditional_busy', 'unconditional']);
  });

  it('answers through SELF.fetch, with the bindings miniflare holds (the deployed shape)', async () => {
    const response = await answerOf(
      await SELF.fetch(`${WORKER_ORIGIN}/sim-swap/v2/check`, {
        method: 'POST',
        headers: { authorization: `Bearer ${inject('numtrust').apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ phoneNumber: '+447700900501', maxAge: 72 }),
      }),
    );
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({ swapped: true });
  });
});

describe('assessments', () => {
  it('POST /v1/assessments scores the signals under one deadline', async () => {
    // Time for the number's first CIBA flows at albion (~1.1 s), which an IVR's default second does not cover.
    const response = await worker.post(
      '/v1/assessments',
      { phoneNumber: '+447700900002', context: { channel: 'ivr', riskTier: 'medium', inboundCall: true }, deadlineMs: 4_000 },
      { 'x-correlator': 'ivr-call-7' },
    );
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ correlator: 'ivr-call-7', degraded: false });
    expect(['very_low', 'low', 'medium', 'high']).toContain(response.body.level);
    expect(response.body.signals.every((signal: { status: string }) => signal.status === 'ok')).toBe(true);
  });

  it("links the verdict to the agent's screen, which the Worker renders (no key, strict CSP) and refuses forged", async () => {
    const answer = await worker.post('/v1/assessments', { phoneNumber: '+447700900001', context: { channel: 'agent', action: 'change_address' }, deadlineMs: 4_000 });
    expect(answer.status, answer.text).toBe(200);
    const page = await worker.fetch(answer.body.agentScreenUrl);
    const html = await page.text();
    expect(page.status, html).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(html).toContain('Refuse this request');
    expect(html).toContain('••••••••01');
    expect(html).not.toContain('7700900');
    expect((await worker.fetch(answer.body.agentScreenUrl.replace(/\?t=.*/, '?t=1.x'))).status).toBe(404);
  });

  it('400 INVALID_ARGUMENT for an assessment without context', async () => {
    const response = await worker.post('/v1/assessments', { phoneNumber: '+447700900002' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' });
  });
});

describe("Twilio's voice webhook", () => {
  const { twilioCall } = inject('numtrust');
  const send = (signature: string) =>
    worker.fetch(twilioCall.path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: twilioCall.body });

  it('checks the signature with Web Crypto (the twilio package signed it) and answers TwiML for the verdict', async () => {
    const response = await send(twilioCall.signature);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const twiml = await response.text();
    // The verdict, or the fallback if the IVR's second ran out: TwiML either way.
    expect(twiml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Say>numtrust (recommends \w+|could not assess this call)/);
    if (twiml.includes('recommends')) expect(response.headers.get('x-numtrust-assessment-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await send((twilioCall.signature.startsWith('A') ? 'B' : 'A') + twilioCall.signature.slice(1))).status).toBe(403);
  });
});

describe('Number Verification', () => {
  const ALBION = { number: '+447700900002', ip: '100.64.10.2' };
  const browse = (start: string, deviceIp: string) =>
    browseAsDevice(start, { gateway: WORKER_ORIGIN, mocks: world.url }, deviceIp, (url, init) =>
      url.origin === WORKER_ORIGIN ? worker.fetch(url, init) : fetch(url, init),
    );

  it('creates a session, runs the device flow through the operator and reads the verdict', async () => {
    const created = await worker.post('/v1/number-verification/sessions', { phoneNumber: ALBION.number });
    expect(created.status, created.text).toBe(201);
    const { sessionId, authorizationUrl } = created.body;
    expect(authorizationUrl).toBe(`${WORKER_ORIGIN}/v1/number-verification/sessions/${sessionId}/start`);
    expect((await worker.get(`/v1/number-verification/sessions/${sessionId}`)).body).toMatchObject({ status: 'pending' });

    const trip = await browse(authorizationUrl, ALBION.ip);
    expect(trip.visited.map((url) => url.pathname)).toEqual([
      `/v1/number-verification/sessions/${sessionId}/start`,
      '/carriers/albion/authorize',
      '/v1/number-verification/callback',
    ]);
    expect(trip.last.status).toBe(200);
    expect((await worker.get(`/v1/number-verification/sessions/${sessionId}`)).body).toMatchObject({ sessionId, status: 'verified', provider: 'albion' });
  });

  it('not_verified when the device is on another line', async () => {
    const created = await worker.post('/v1/number-verification/sessions', { phoneNumber: '+447700900001' });
    await browse(created.body.authorizationUrl, ALBION.ip);
    expect((await worker.get(`/v1/number-verification/sessions/${created.body.sessionId}`)).body.status).toBe('not_verified');
  });

  it("verifies a liberty line through Nokia NaC (liberty offers none): NaC's authorization server, the operator's hop, NaC's /verify", async () => {
    const created = await worker.post('/v1/number-verification/sessions', { phoneNumber: '+12025550102' });
    expect(created.status, created.text).toBe(201);
    const trip = await browse(created.body.authorizationUrl, '100.64.30.2');
    expect(trip.visited.map((url) => url.pathname)).toContain('/carriers/nokia/camara/oauth2/v1/authorize');
    expect((await worker.get(`/v1/number-verification/sessions/${created.body.sessionId}`)).body).toMatchObject({ status: 'verified', provider: 'nokia' });
  });

  it('404 IDENTIFIER_NOT_FOUND for a number no route covers, 404 for an unknown session', async () => {
    const unrouted = await worker.post('/v1/number-verification/sessions', { phoneNumber: '+33612345678' });
    expect(unrouted.status).toBe(404);
    expect(unrouted.body.code).toBe('IDENTIFIER_NOT_FOUND');
    const unknown = await worker.get('/v1/number-verification/sessions/nv_unknownunknownunknown');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404 });
  });
});

describe('health and errors', () => {
  it('serves /health without a key', async () => {
    const response = await answerOf(await worker.fetch('/health'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok' });
  });

  it('serves the OpenAPI document and the API reference page without a key', async () => {
    const document = await answerOf(await worker.fetch('/openapi.json'));
    expect(document.status).toBe(200);
    expect(document.body.openapi).toMatch(/^3\.1/);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/sim-swap/v2/check', '/v1/assessments', '/health']));
    const page = await worker.fetch('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toBeTruthy();
    await page.body?.cancel();
  });

  it('401 UNAUTHENTICATED without a key and with an unknown one', async () => {
    for (const authorization of [undefined, 'Bearer nt_dev_unknownkeyunknownkey']) {
      const response = await answerOf(
        await worker.fetch('/sim-swap/v2/check', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify({ phoneNumber: '+447700900001' }),
        }),
      );
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  it.each([
    ['a number without +', { phoneNumber: '447700900001' }],
    ['maxAge as a string', { phoneNumber: '+447700900001', maxAge: '24' }],
    ['an unknown property', { phoneNumber: '+447700900001', color: 'blue' }],
    ['a body that is not JSON', '{"phoneNumber":'],
  ])('400 INVALID_ARGUMENT for %s', async (_case, body) => {
    const response = await worker.post('/sim-swap/v2/check', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' });
  });

  it('413 CONTENT_TOO_LARGE for a body over the size limit', async () => {
    const response = await worker.post('/sim-swap/v2/check', { phoneNumber: '+447700900002', pad: 'x'.repeat(40_000) });
    expect(response.body).toMatchObject({ status: 413, code: 'CONTENT_TOO_LARGE' });
  });

  it('messages name the field in a sentence; the number under another spelling gets its hint', async () => {
    const flat = await worker.post('/device-roaming-status/v1/retrieve', { phoneNumber: '+447700900002' });
    expect(flat.body).toEqual({ status: 400, code: 'INVALID_ARGUMENT', message: expect.stringContaining('send it as device.phoneNumber.') });
    const missing = await worker.post('/v1/assessments', { context: { channel: 'ivr', action: 'change_address' } });
    expect(missing.body).toEqual({ status: 422, code: 'MISSING_IDENTIFIER', message: expect.stringMatching(/^phoneNumber is required/) });
  });

  it('400 OUT_OF_RANGE beyond the operator window', async () => {
    // Pinned: unpinned, a refusal by the operator falls over to an aggregator with a longer window.
    const response = await worker.post('/sim-swap/v2/check', { phoneNumber: '+447700900501', maxAge: 200 }, { 'x-numtrust-provider': 'brightwave' });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('OUT_OF_RANGE');
  });

  it('404 for an unknown path and IDENTIFIER_NOT_FOUND for an unknown number, 405 for a wrong method, 415 for a form', async () => {
    const unknownPath = await worker.post('/sim-swap/v9/check', {});
    expect(unknownPath.status).toBe(404);
    expect(unknownPath.body.code).toBe('NOT_FOUND');
    const unknownNumber = await worker.post('/sim-swap/v2/check', { phoneNumber: '+447700900499', maxAge: 24 });
    expect(unknownNumber.status).toBe(404);
    expect(unknownNumber.body).toMatchObject({ status: 404, code: 'IDENTIFIER_NOT_FOUND' });
    const wrongMethod = await worker.get('/sim-swap/v2/check');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.code).toBe('METHOD_NOT_ALLOWED');
    const listAssessments = await worker.get('/v1/assessments');
    expect(listAssessments.status).toBe(405);
    expect(listAssessments.headers.get('allow')).toBe('POST');
    const form = await worker.post('/sim-swap/v2/check', 'phoneNumber=%2B447700900001', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
  });

  it('422 MISSING_IDENTIFIER without a number, SERVICE_NOT_APPLICABLE for an IoT line', async () => {
    expect((await worker.post('/sim-swap/v2/check', { maxAge: 24 })).body).toMatchObject({ status: 422, code: 'MISSING_IDENTIFIER' });
    expect((await worker.post('/sim-swap/v2/check', { phoneNumber: '+447700900008', maxAge: 24 })).body).toMatchObject({ status: 422, code: 'SERVICE_NOT_APPLICABLE' });
  });

  it('429 TOO_MANY_REQUESTS with Retry-After past the tenant rate limit (per isolate)', async () => {
    const limited = workerClient({
      configure: (config) => ({ ...config, tenants: config.tenants.map((tenant) => ({ ...tenant, rateLimit: { requestsPerSecond: 0.1, burst: 2 } })) }),
    });
    const statuses: number[] = [];
    let refused;
    for (let i = 0; i < 3; i++) {
      const response = await limited.post('/sim-swap/v2/check', { phoneNumber: '+447700900502', maxAge: 24 });
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(refused?.body).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('503 UNAVAILABLE in the CAMARA shape when the bindings are missing or wrong, never a 500', async () => {
    for (const bindings of [{ NUMTRUST_CONFIG: undefined }, { NUMTRUST_CONFIG: '{not json' }, { NUMTRUST_CONFIG: '{"providers": []}' }, { NUMTRUST_API_KEY: undefined }]) {
      const broken = workerClient({ bindings });
      if (bindings.NUMTRUST_CONFIG === undefined && 'NUMTRUST_CONFIG' in bindings) delete broken.bindings.NUMTRUST_CONFIG;
      const response = await broken.post('/sim-swap/v2/check', { phoneNumber: '+447700900502' });
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    }
  });
});

describe('logs', () => {
  it('hold no phone number after all the traffic above', () => {
    expect(logLines.length).toBeGreaterThan(10);
    const output = logLines.join('\n');
    expect(output).not.toMatch(/\+\d{7,15}/);
    expect(output).not.toMatch(/447700900\d{3}|12025550\d{3}/);
  });
});
