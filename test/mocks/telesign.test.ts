import { beforeAll, describe, expect, it } from 'vitest';
import { PHONEID_ENDPOINT, TELESIGN_CARRIER_ID } from '../../mocks/carriers/telesign/carrier.ts';
import { TELESIGN_DEV_API_KEY, TELESIGN_DEV_CUSTOMER_ID } from '../../mocks/carriers/telesign/dev-credentials.ts';
import { NonceMemory } from '../../mocks/carriers/telesign/nonce-memory.ts';
import { authenticate } from '../../mocks/carriers/telesign/auth.ts';
import type { RunningMockNetwork } from '../../mocks/network.ts';
import { ABORTED } from '../../mocks/stats.ts';
import { useHarness } from './support/harness.ts';
import { callPhoneId, referenceSignature, type PhoneIdCall } from '../adapters/telesign-reference.ts';

const h = useHarness();
let net: RunningMockNetwork;
let base: string;

beforeAll(() => {
  net = h.net;
  base = h.base(TELESIGN_CARRIER_ID);
});

const DEV = { customerId: TELESIGN_DEV_CUSTOMER_ID, apiKey: TELESIGN_DEV_API_KEY };
const ALL_ADDONS = { sim_swap: {}, call_forward_detection: {}, active_call_status: {} };
const CONSENT = { method: 1, timestamp: '2026-01-01T00:00:00Z' };
const MINUTE_MS = 60_000;

function phoneId(digits: string | undefined, overrides: Partial<PhoneIdCall> = {}) {
  return callPhoneId({ baseUrl: base, ...DEV, digits, body: { addons: { sim_swap: {} } }, ...overrides });
}

function expectRefused(reply: { status: number; json: any }, code: number, statusCode = 501): void {
  expect(reply.status).toBe(401);
  expect(reply.json).toEqual({
    status: { code: statusCode, description: expect.any(String), updated_on: expect.any(String) },
    errors: [{ code, description: expect.any(String) }],
  });
}

describe('authentication', () => {
  describe('the verifier accepts the signatures published in the Telesign Python SDK tests', () => {
    const customerId = 'FFFFFFFF-EEEE-DDDD-1234-AB1234567890';
    const apiKey = 'EXAMPLE----TE8sTgg45yusumoN6BYsBVkh+yRJ5czgsnCehZaOYldPJdmFh6NeX8kunZ2zU1YWaUw/0wV6xfw==';
    const date = 'Wed, 14 Dec 2016 18:20:12 GMT';

    it.each([
      ['POST', 'application/x-www-form-urlencoded', 'test=param', '2xVlmbrxLjYrrPun3G3WMNG6Jon4yKcTeOoK9DjXJ/Q='],
      ['GET', undefined, '', 'aUm7I+9GKl3ww7PNeeJntCT0iS7b+EmRKEE4LnRzChQ='],
    ])('%s %s %j', (method, contentType, body, signature) => {
      const headers: Record<string, string> = {
        authorization: `TSA ${customerId}:${signature}`,
        date,
        'x-ts-auth-method': 'HMAC-SHA256',
        'x-ts-nonce': 'A1592C6F-E384-4CDB-BC42-C3AB970369E9',
        ...(contentType ? { 'content-type': contentType } : {}),
      };
      const verify = (resource: string) =>
        authenticate(
          { method, resource, body, header: (name) => headers[name], headers: Object.entries(headers) },
          { accounts: new Map([[customerId, apiKey]]), nonces: new NonceMemory(), now: Date.parse(date), dateToleranceMs: 900_000, requireTsa: false },
        );
      expect(verify('/v1/resource')).toEqual({ ok: true, customerId, scheme: 'tsa' });
      expect(verify('/v1/other')).toMatchObject({ ok: false, error: { code: -30006 } });
    });
  });

  it('accepts a digest (TSA) signature made the way the SDKs document it', async () => {
    const reply = await phoneId('447700900002');
    expect(reply.status).toBe(200);
    expect(reply.json.status.code).toBe(300);
  });

  it('accepts Basic customerId:apiKey', async () => {
    const reply = await phoneId('447700900002', { auth: 'basic' });
    expect(reply.status).toBe(200);
  });

  it('accepts the date in x-ts-date (signed with an empty Date line and x-ts-date among the x-ts headers)', async () => {
    const date = new Date().toUTCString();
    const nonce = 'e2c3b7d8-1f4a-4d6e-9b0a-5c8f7e6d5a4b';
    const body = JSON.stringify({ addons: { sim_swap: {} } });
    const { createHmac } = await import('node:crypto');
    const message = ['POST', 'application/json', '', 'x-ts-auth-method:HMAC-SHA256', `x-ts-date:${date}`, `x-ts-nonce:${nonce}`, body, '/v1/phoneid/447700900002'].join('\n');
    const signature = createHmac('sha256', Buffer.from(TELESIGN_DEV_API_KEY, 'base64')).update(message).digest('base64');
    const reply = await phoneId('447700900002', {
      auth: 'none',
      body,
      headers: { authorization: `TSA ${TELESIGN_DEV_CUSTOMER_ID}:${signature}`, 'x-ts-auth-method': 'HMAC-SHA256', 'x-ts-nonce': nonce, 'x-ts-date': date },
    });
    expect(reply.status).toBe(200);
  });

  it('refuses Basic when the account requires TSA (−30005), still accepting TSA', async () => {
    net.carrier(TELESIGN_CARRIER_ID).settings.update({ requireTsa: true });
    expectRefused(await phoneId('447700900002', { auth: 'basic' }), -30005);
    expect((await phoneId('447700900002')).status).toBe(200);
  });

  it('−30004 without Authorization', async () => {
    expectRefused(await phoneId('447700900002', { auth: 'none' }), -30004);
  });

  it.each([
    ['Bearer abc'],
    ['TSA no-colon-here'],
    ['Basic bm8tY29sb24='],
  ])('−30005 for Authorization %s', async (authorization) => {
    expectRefused(await phoneId('447700900002', { headers: { authorization } }), -30005);
  });

  it('−30000 for an unknown customer id (TSA and Basic)', async () => {
    expectRefused(await phoneId('447700900002', { customerId: '00000000-0000-4000-8000-000000000000' }), -30000);
    expectRefused(await phoneId('447700900002', { auth: 'basic', customerId: 'nobody' }), -30000);
  });

  it('−30015 for a wrong API key with Basic', async () => {
    expectRefused(await phoneId('447700900002', { auth: 'basic', apiKey: 'wrong' }), -30015);
  });

  it('−30006 for a signature made with another key', async () => {
    expectRefused(await phoneId('447700900002', { apiKey: Buffer.from('another key').toString('base64') }), -30006);
  });

  it('−30006 when the body, the resource or the content type signed differ from the ones sent', async () => {
    expectRefused(await phoneId('447700900002', { signedBody: '{"addons":{}}' }), -30006);
    expectRefused(await phoneId('447700900002', { signedResource: '/v1/phoneid/447700900001' }), -30006);
    const date = new Date().toUTCString();
    const nonce = 'f0e1d2c3-b4a5-4968-8776-655443322110';
    const body = JSON.stringify({ addons: { sim_swap: {} } });
    const signature = referenceSignature(TELESIGN_DEV_API_KEY, {
      method: 'POST', contentType: 'application/x-www-form-urlencoded', date, nonce, body, resource: '/v1/phoneid/447700900002',
    });
    const reply = await phoneId('447700900002', {
      auth: 'none',
      body,
      headers: { authorization: `TSA ${TELESIGN_DEV_CUSTOMER_ID}:${signature}`, date, 'x-ts-auth-method': 'HMAC-SHA256', 'x-ts-nonce': nonce },
    });
    expectRefused(reply, -30006);
  });

  it('−30007 without Date, −30009 for a Date that is not RFC 822', async () => {
    expectRefused(await phoneId('447700900002', { headers: { date: undefined } }), -30007);
    expectRefused(await phoneId('447700900002', { date: '2026-01-01T00:00:00Z' }), -30009);
    expectRefused(await phoneId('447700900002', { date: 'yesterday' }), -30009);
  });

  it('−30010 for a Date more than 15 minutes off either way; 14 minutes is fine', async () => {
    const now = net.world.now().getTime();
    expectRefused(await phoneId('447700900002', { dateMs: now - 16 * MINUTE_MS }), -30010);
    expectRefused(await phoneId('447700900002', { dateMs: now + 16 * MINUTE_MS }), -30010);
    expect((await phoneId('447700900002', { dateMs: now - 14 * MINUTE_MS })).status).toBe(200);
  });

  it('honours the date tolerance setting', async () => {
    net.carrier(TELESIGN_CARRIER_ID).settings.update({ dateToleranceSeconds: 60 });
    expectRefused(await phoneId('447700900002', { dateMs: net.world.now().getTime() - 2 * MINUTE_MS }), -30010);
  });

  it('−30012 for a nonce used again, even correctly signed; −30011 for one too short', async () => {
    const nonce = '6a1f1a4e-4a7c-4c55-9a53-3b8e2b1c0d9e';
    expect((await phoneId('447700900002', { nonce })).status).toBe(200);
    expectRefused(await phoneId('447700900002', { nonce }), -30012);
    expectRefused(await phoneId('447700900002', { nonce: 'abc' }), -30011);
  });

  it('does not spend a nonce on a refused request', async () => {
    const nonce = '0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e';
    expectRefused(await phoneId('447700900002', { nonce, signedBody: 'tampered' }), -30006);
    expect((await phoneId('447700900002', { nonce })).status).toBe(200);
  });

  it('−30008 (transaction not attempted) for another x-ts-auth-method', async () => {
    expectRefused(await phoneId('447700900002', { headers: { 'x-ts-auth-method': 'HMAC-SHA1' } }), -30008, 500);
  });

  it('−20002 for an add-on the account does not have', async () => {
    net.carrier(TELESIGN_CARRIER_ID).settings.update({ enabledAddons: ['sim_swap'] });
    expectRefused(await phoneId('447700900002', { body: { addons: { active_call_status: {} } } }), -20002);
    expectRefused(await phoneId('447700900002', { body: { addons: { contact: {} } } }), -20002);
  });
});

describe('PhoneID answer', () => {
  it('has the base blocks for a known line', async () => {
    const reply = await phoneId('447700900002', { body: {} });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.json).toMatchObject({
      reference_id: expect.stringMatching(/^[0-9A-F]{32}$/),
      status: { code: 300, description: 'Transaction successfully completed', updated_on: expect.any(String) },
      numbering: {
        original: { complete_phone_number: '447700900002', country_code: '44', phone_number: '7700900002' },
        cleansing: { call: { country_code: '44', phone_number: '7700900002', cleansed_code: 100 } },
      },
      phone_type: { code: '2', description: 'MOBILE' },
      location: { country: { iso2: 'GB', iso3: 'GBR', name: 'United Kingdom' } },
      carrier: { name: 'Albion Mobile' },
      errors: [],
    });
    expect(Number.isNaN(Date.parse(reply.json.status.updated_on))).toBe(false);
  });

  it('answers a number the world does not know as phone type 8 INVALID, add-ons without data', async () => {
    const reply = await phoneId('447700900990', { body: { addons: ALL_ADDONS, consent: CONSENT } });
    expect(reply.status).toBe(200);
    expect(reply.json.phone_type).toEqual({ code: '8', description: 'INVALID' });
    expect(reply.json.status.code).toBe(301);
    for (const addon of Object.keys(ALL_ADDONS)) expect(reply.json[addon].status.code).toBe(2805);
  });

  it('answers 2803 out of coverage for every add-on on a line that is not mobile (IoT, VoIP)', async () => {
    const voip = await phoneId('447700900010', { body: { addons: ALL_ADDONS, consent: CONSENT } });
    for (const addon of Object.keys(ALL_ADDONS)) expect(voip.json[addon].status.code).toBe(2803);
    const reply = await phoneId('447700900008', { body: { addons: ALL_ADDONS, consent: CONSENT } });
    for (const addon of Object.keys(ALL_ADDONS)) expect(reply.json[addon].status.code).toBe(2803);
  });

  it.each([
    ['442079460001', '1', 'FIXED_LINE'],
    ['447700900010', '5', 'VOIP'],
    ['447700900011', '5', 'VOIP'],
    ['448081570001', '4', 'TOLL_FREE'],
    ['449098790001', '9', 'RESTRICTED_PREMIUM'],
    ['447700900012', '10', 'PERSONAL'],
    ['447700900013', '11', 'VOICEMAIL'],
    ['447700900014', '6', 'PAGER'],
    ['447700900015', '20', 'OTHER'],
    // Telesign has no IoT class: an M2M SIM is a mobile line.
    ['447700900008', '2', 'MOBILE'],
  ])('classifies %s as phone type %s %s, in every answer (no add-on needed)', async (digits, code, description) => {
    const reply = await phoneId(digits, { body: {} });
    expect(reply.json.phone_type).toEqual({ code, description });
  });

  it('takes the number in the body at POST /v1/phoneid', async () => {
    const reply = await phoneId(undefined, { body: { phone_number: '12025550101', addons: { sim_swap: {} } } });
    expect(reply.status).toBe(200);
    expect(reply.json.carrier.name).toBe('Liberty Wireless');
    expect(reply.json.location.country.iso2).toBe('US');
  });

  it('gives a form body the base answer (a form cannot carry add-ons)', async () => {
    const reply = await phoneId('447700900002', { contentType: 'application/x-www-form-urlencoded', body: 'account_lifecycle_event=create' });
    expect(reply.status).toBe(200);
    expect(reply.json.sim_swap).toBeUndefined();
  });

  it.each([
    ['a "+" in the path', '%2B447700900002', { addons: {} }, 'application/json'],
    ['letters in the path', '4477009000ab', { addons: {} }, 'application/json'],
    ['a body that is not JSON', '447700900002', '{"addons":', 'application/json'],
    ['a JSON body sent as text/plain', '447700900002', { addons: {} }, 'text/plain'],
    ['a consent without timestamp', '447700900002', { addons: {}, consent: { method: 1 } }, 'application/json'],
  ])('400 in Telesign form for %s', async (_label, digits, body, contentType) => {
    const reply = await phoneId(digits, { body, contentType });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ status: { code: 500 }, errors: [{ code: -40006 }] });
  });

  it('405 for other methods, not counted', async () => {
    const before = net.stats.get(TELESIGN_CARRIER_ID, PHONEID_ENDPOINT);
    const reply = await fetch(`${base}/v1/phoneid/447700900002`);
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe('POST');
    expect(net.stats.get(TELESIGN_CARRIER_ID, PHONEID_ENDPOINT)).toBe(before);
  });
});

describe('sim_swap', () => {
  it.each([
    ['447700900001', '3 hours ago', 4],
    ['447700900501', '2 days ago', 3],
    ['447700900007', '10 days ago', 2],
    ['447700900503', '30 days ago', 1],
  ])('%s swapped %s → risk_indicator %i, swap_date and swap_time of the change', async (digits, _age, risk) => {
    const reply = await phoneId(digits);
    const changed = new Date(net.world.get(`+${digits}`)!.simChangedAt!).toISOString();
    expect(reply.json.sim_swap).toEqual({
      swap_date: changed.slice(0, 10),
      swap_time: changed.slice(11, 19),
      risk_indicator: risk,
      status: { code: 2800, description: 'Request successfully completed.' },
    });
  });

  it('never swapped → risk 1 and no date', async () => {
    const reply = await phoneId('447700900002');
    expect(reply.json.sim_swap).toMatchObject({ swap_date: null, swap_time: null, risk_indicator: 1 });
  });

  it('leaves swap_time out when the setting says the time is not available', async () => {
    net.carrier(TELESIGN_CARRIER_ID).settings.update({ reportSwapTime: false });
    const reply = await phoneId('447700900001');
    expect(reply.json.sim_swap.swap_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect('swap_time' in reply.json.sim_swap).toBe(false);
  });
});

describe('call_forward_detection', () => {
  const forwarding = (digits: string) => phoneId(digits, { body: { addons: { call_forward_detection: {} }, consent: CONSENT } });

  it.each([
    ['447700900004', { call_forward_enabled: 'true', call_forward_type: 'unconditional', call_forward_condition: null }],
    ['447700900503', { call_forward_enabled: 'true', call_forward_type: 'conditional', call_forward_condition: 'busy,no_answer' }],
    ['447700900009', { call_forward_enabled: 'true', call_forward_type: 'conditional', call_forward_condition: 'not_reachable' }],
    ['447700900002', { call_forward_enabled: 'false', call_forward_type: null, call_forward_condition: null }],
  ])('%s → %o', async (digits, expected) => {
    const reply = await forwarding(digits);
    expect(reply.json.call_forward_detection).toEqual({ ...expected, status: { code: 2800, description: 'Request successfully completed.' } });
    expect(reply.json.status.code).toBe(300);
  });

  it('unconditional forwarding dominates conditional services set beneath it', async () => {
    net.world.put('+447700900002', { ...net.world.get('+447700900002')!, forwarding: ['conditional_busy', 'unconditional'] });
    expect((await forwarding('447700900002')).json.call_forward_detection).toMatchObject({ call_forward_type: 'unconditional' });
  });

  it('requires the consent block: without it the add-on fails (2801) and the transaction is partial (301)', async () => {
    const reply = await phoneId('447700900004', { body: { addons: { call_forward_detection: {}, sim_swap: {} } } });
    expect(reply.json.call_forward_detection).toEqual({ status: { code: 2801, description: expect.any(String) } });
    expect(reply.json.sim_swap.status.code).toBe(2800);
    expect(reply.json.status).toMatchObject({ code: 301, description: 'Transaction partially completed' });
  });
});

describe('active_call_status', () => {
  const callStatus = (digits: string) => phoneId(digits, { body: { addons: { active_call_status: {} } } });

  it('the subscriber placing a call → calling, with its duration', async () => {
    const reply = await callStatus('447700900005');
    expect(reply.json.active_call_status).toMatchObject({ is_call_active: true, call_direction: 'calling', status: { code: 2800 } });
    expect(reply.json.active_call_status.call_duration).toBeGreaterThanOrEqual(30);
    expect(reply.json.active_call_status.call_duration).toBeLessThan(300);
  });

  it('the subscriber receiving a call → called', async () => {
    expect((await callStatus('447700900006')).json.active_call_status).toMatchObject({ is_call_active: true, call_direction: 'called' });
  });

  it('no call → inactive, direction and duration null', async () => {
    expect((await callStatus('447700900002')).json.active_call_status).toEqual({
      is_call_active: false,
      call_direction: null,
      call_duration: null,
      status: { code: 2800, description: 'Request successfully completed.' },
    });
  });

  it('out of coverage (2803) outside the covered countries; the setting widens them', async () => {
    expect((await callStatus('12025550101')).json.active_call_status.status.code).toBe(2803);
    net.carrier(TELESIGN_CARRIER_ID).settings.update({ activeCallStatusCountries: ['GB', 'US'] });
    expect((await callStatus('12025550101')).json.active_call_status.status.code).toBe(2800);
  });
});

describe('faults and counters', () => {
  it('check_error answers the add-on named with the code given; others are unaffected', async () => {
    net.faults.add({ carrier: TELESIGN_CARRIER_ID, endpoint: PHONEID_ENDPOINT, kind: 'check_error', check: 'sim_swap', code: 2811, times: 1 });
    const reply = await phoneId('447700900005', { body: { addons: { sim_swap: {}, active_call_status: {} } } });
    expect(reply.status).toBe(200);
    expect(reply.json.sim_swap).toEqual({ status: { code: 2811, description: 'Request processing timeout.' } });
    expect(reply.json.active_call_status.status.code).toBe(2800);
    expect(reply.json.status.code).toBe(301);
  });

  it('check_error without a check or code: every add-on times out (2811)', async () => {
    net.faults.add({ carrier: TELESIGN_CARRIER_ID, kind: 'check_error', phoneNumber: '+447700900002', times: 1 });
    const reply = await phoneId('447700900002', { body: { addons: ALL_ADDONS, consent: CONSENT } });
    for (const addon of Object.keys(ALL_ADDONS)) expect(reply.json[addon].status.code).toBe(2811);
  });

  it('status faults answer in Telesign form, with Retry-After when asked', async () => {
    net.faults.add({ carrier: TELESIGN_CARRIER_ID, endpoint: PHONEID_ENDPOINT, kind: 'status', status: 429, retryAfter: 3, times: 1 });
    const limited = await phoneId('447700900002');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.json).toMatchObject({ status: { code: 500 }, errors: [{ code: -90001 }] });
    net.faults.add({ carrier: TELESIGN_CARRIER_ID, kind: 'status', status: 503, phoneNumber: '+12025550101', times: 1 });
    expect((await phoneId('447700900002')).status).toBe(200);
    expect((await phoneId(undefined, { body: { phone_number: '12025550101' } })).status).toBe(503);
  });

  it('counts every PhoneID request, refused and faulted ones too, and hangs as aborted', async () => {
    net.stats.reset();
    await phoneId('447700900002');
    await phoneId('447700900002', { auth: 'none' });
    net.faults.add({ carrier: TELESIGN_CARRIER_ID, kind: 'hang', times: 1 });
    const controller = new AbortController();
    const hanging = fetch(`${base}/v1/phoneid/447700900002`, { method: 'POST', signal: controller.signal }).catch(() => undefined);
    await expect.poll(() => net.stats.get(TELESIGN_CARRIER_ID, PHONEID_ENDPOINT)).toBe(3);
    controller.abort();
    await hanging;
    await expect.poll(() => net.stats.get(TELESIGN_CARRIER_ID, ABORTED)).toBe(1);
  });

  it('is listed with every world operator and describes its credentials', () => {
    const info = net.carriers.find((carrier) => carrier.id === TELESIGN_CARRIER_ID)!;
    expect(info).toMatchObject({ kind: 'telesign', basePath: '/carriers/telesign' });
    expect([...info.operators].sort()).toEqual([...net.world.operators.keys()].sort());
    const described = new Map(net.carrier(TELESIGN_CARRIER_ID).describe());
    expect(described.get('customer_id')).toBe(TELESIGN_DEV_CUSTOMER_ID);
    expect(described.get('api_key')).toBe(TELESIGN_DEV_API_KEY);
  });
});
