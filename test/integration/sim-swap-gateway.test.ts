/**
 * The foundation end to end: client → gateway (real HTTP) → CAMARA adapter → mock operators
 * (real HTTP) over the simulated world, and back as CAMARA answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

let t: TestGateway;

beforeAll(async () => {
  t = await startTestGateway({ operatorsOnly: true });
});
afterAll(async () => {
  await t?.close();
});

describe('SIM Swap through the gateway, per operator and grant flow', () => {
  it.each([
    ['albion (CIBA, client_secret_basic)', '+447700900001', true],
    ['albion (CIBA, client_secret_basic)', '+447700900002', false],
    ['brightwave (client credentials, client_secret_post)', '+447700900501', true],
    ['brightwave (client credentials, client_secret_post)', '+447700900502', false],
    ['liberty (CIBA, private_key_jwt)', '+12025550101', true],
    ['liberty (CIBA, private_key_jwt)', '+12025550102', false],
  ])('%s: check %s with maxAge 72 → swapped %s', async (_operator, phoneNumber, swapped) => {
    const response = await t.post('/sim-swap/v2/check', { phoneNumber, maxAge: 72 });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ swapped });
  });

  it('answers swapped true for a SIM swapped hours ago with maxAge 24, false with the 6-month-old change', async () => {
    expect((await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900001', maxAge: 24 })).body).toEqual({ swapped: true });
    expect((await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900003', maxAge: 24 })).body).toEqual({ swapped: false });
  });

  it('applies the default maxAge of 240 hours when none is sent, which a 7-day operator refuses', async () => {
    expect((await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900001' })).body).toEqual({ swapped: true });
    expect((await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900003' })).body).toEqual({ swapped: false });
    const shortWindow = await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900501' });
    expect(shortWindow.status).toBe(400);
    expect(shortWindow.body.code).toBe('OUT_OF_RANGE');
  });

  it('retrieve-date returns the date the world holds, on each operator', async () => {
    for (const phoneNumber of ['+447700900001', '+447700900501', '+12025550101']) {
      const response = await t.post('/sim-swap/v2/retrieve-date', { phoneNumber });
      expect(response.status).toBe(200);
      const held = t.network.world.get(phoneNumber)!.simChangedAt!;
      expect(Date.parse(response.body.latestSimChange)).toBe(Date.parse(held));
      expect(response.body).not.toHaveProperty('monitoredPeriod');
    }
  });

  it('retrieve-date gives the activation date when never swapped at a full-history operator', async () => {
    const response = await t.post('/sim-swap/v2/retrieve-date', { phoneNumber: '+447700900002' });
    expect(Date.parse(response.body.latestSimChange)).toBe(Date.parse(t.network.world.get('+447700900002')!.activatedAt!));
  });

  it('retrieve-date gives null with the monitored period when the change is outside the operator window', async () => {
    const response = await t.post('/sim-swap/v2/retrieve-date', { phoneNumber: '+447700900503' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ latestSimChange: null, monitoredPeriod: 7 });
  });
});

describe('CAMARA errors', () => {
  it('404 IDENTIFIER_NOT_FOUND for a number no operator knows in a served range', async () => {
    const response = await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900499', maxAge: 24 });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ status: 404, code: 'IDENTIFIER_NOT_FOUND' });
  });

  it('422 SERVICE_NOT_APPLICABLE for a number outside every configured range: a gap in our coverage, not an unknown number', async () => {
    const response = await t.post('/sim-swap/v2/check', { phoneNumber: '+33612345678', maxAge: 24 });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ status: 422, code: 'SERVICE_NOT_APPLICABLE' });
    expect(response.body.message).toMatch(/No provider of this gateway covers/);
  });

  it.each([
    ['a number without +', { phoneNumber: '447700900001' }],
    ['a number with letters', { phoneNumber: '+44770090000A' }],
    ['a number too long', { phoneNumber: '+4477009000011234' }],
    ['maxAge 0', { phoneNumber: '+447700900001', maxAge: 0 }],
    ['maxAge 2401', { phoneNumber: '+447700900001', maxAge: 2401 }],
    ['maxAge as a string', { phoneNumber: '+447700900001', maxAge: '24' }],
    ['maxAge not an integer', { phoneNumber: '+447700900001', maxAge: 1.5 }],
    ['an unknown property', { phoneNumber: '+447700900001', color: 'blue' }],
    ['an array body', [1, 2]],
  ])('400 INVALID_ARGUMENT for %s', async (_case, body) => {
    const response = await t.post('/sim-swap/v2/check', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' });
    expect(JSON.stringify(response.body)).not.toMatch(/447700900001/);
  });

  it('400 INVALID_ARGUMENT for a body that is not JSON or is empty', async () => {
    for (const body of ['{"phoneNumber":', '']) {
      const response = await t.post('/sim-swap/v2/retrieve-date', body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVALID_ARGUMENT');
    }
  });

  it('400 OUT_OF_RANGE when maxAge exceeds the serving operator window', async () => {
    const response = await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900501', maxAge: 200 });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 400, code: 'OUT_OF_RANGE' });
  });

  it('422 MISSING_IDENTIFIER without a phone number, 422 SERVICE_NOT_APPLICABLE for an IoT line', async () => {
    const missing = await t.post('/sim-swap/v2/check', { maxAge: 24 });
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('MISSING_IDENTIFIER');
    const iot = await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900008', maxAge: 24 });
    expect(iot.status).toBe(422);
    expect(iot.body.code).toBe('SERVICE_NOT_APPLICABLE');
  });

  it('401 UNAUTHENTICATED without a key, with a malformed one and with an unknown one', async () => {
    for (const authorization of [undefined, 'Bearer', 'Basic abc', 'Bearer nt_dev_unknownkeyunknownkey']) {
      const response = await fetch(`${t.url}/sim-swap/v2/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ phoneNumber: '+447700900001' }),
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  it('echoes x-correlator on success and on errors, generates one when absent, refuses a malformed one', async () => {
    const ok = await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900002' }, { 'x-correlator': 'b4333c46-49c0-4f62-80d7-f0ef930f1c46' });
    expect(ok.headers.get('x-correlator')).toBe('b4333c46-49c0-4f62-80d7-f0ef930f1c46');
    const error = await t.post('/sim-swap/v2/check', { phoneNumber: 'nope' }, { 'x-correlator': 'abc:123;{x}' });
    expect(error.headers.get('x-correlator')).toBe('abc:123;{x}');
    const generated = await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900002' });
    expect(generated.headers.get('x-correlator')).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900002' }, { 'x-correlator': 'has spaces in it' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_ARGUMENT');
    expect(bad.headers.get('x-correlator')).not.toBe('has spaces in it');
  });

  it('405 for a wrong method, 404 for an unknown path, 415 for a non-JSON content type', async () => {
    const auth = { authorization: `Bearer ${t.apiKey}` };
    const wrongMethod = await fetch(`${t.url}/sim-swap/v2/check`, { headers: auth });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
    const unknown = await fetch(`${t.url}/sim-swap/v9/check`, { method: 'POST', headers: auth });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'NOT_FOUND' });
    const form = await t.post('/sim-swap/v2/check', 'phoneNumber=%2B447700900001', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('413 for a body over the size limit', async () => {
    const response = await t.post('/sim-swap/v2/check', { phoneNumber: '+447700900002', pad: 'x'.repeat(40_000) });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('CONTENT_TOO_LARGE');
  });

  it('serves /health without a key', async () => {
    const response = await fetch(`${t.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });
});

describe('logs', () => {
  it('hold no phone number after all the traffic above', () => {
    expect(t.logLines.length).toBeGreaterThan(10);
    const output = t.logLines.join('\n');
    for (const { phoneNumber } of t.network.world.list()) {
      expect(output).not.toContain(phoneNumber.slice(1));
    }
    expect(output).not.toMatch(/\+\d{7,15}/);
  });
});
