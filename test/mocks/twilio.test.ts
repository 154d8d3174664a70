/** The mock Twilio Lookup v2 carrier: wire format, auth, packages over the World, faults. */
import { describe, expect, it } from 'vitest';
import { TWILIO_DEV_CREDENTIALS } from '../../mocks/carriers/twilio/dev-credentials.ts';
import { getJson, send, useHarness, type JsonReply } from './support/harness.ts';

const h = useHarness();

const { accountSid, authToken, apiKeySid, apiKeySecret } = TWILIO_DEV_CREDENTIALS;

function basicAuth(username: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

const ACCOUNT = basicAuth(accountSid, authToken);
const HOUR_MS = 3_600_000;

function lookupUrl(pathNumber: string, query = 'Fields=sim_swap,call_forwarding,line_status'): string {
  return `${h.base('twilio')}/v2/PhoneNumbers/${pathNumber}${query ? `?${query}` : ''}`;
}

function lookup(pathNumber: string, query?: string, headers: Record<string, string> = ACCOUNT): Promise<JsonReply> {
  return getJson(lookupUrl(pathNumber, query), headers);
}

function expectTwilioError(reply: JsonReply, status: number, code: number): void {
  expect(reply.status).toBe(status);
  expect(reply.body).toEqual({ code, message: expect.any(String), more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

describe('the lookup resource', () => {
  it('answers the basic lookup and every requested package, keys in Twilio order, unrequested packages null', async () => {
    const reply = await lookup('+447700900001');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(reply.body)).toEqual([
      'calling_country_code',
      'country_code',
      'phone_number',
      'national_format',
      'valid',
      'validation_errors',
      'caller_name',
      'sim_swap',
      'call_forwarding',
      'line_status',
      'line_type_intelligence',
      'identity_match',
      'reassigned_number',
      'sms_pumping_risk',
      'phone_number_quality_score',
      'pre_fill',
      'url',
    ]);
    const simChangedAt = h.net.world.get('+447700900001')!.simChangedAt!;
    expect(reply.body).toMatchObject({
      calling_country_code: '44',
      country_code: 'GB',
      phone_number: '+447700900001',
      national_format: '07700 900001',
      valid: true,
      validation_errors: null,
      caller_name: null,
      sim_swap: {
        last_sim_swap: { last_sim_swap_date: new Date(simChangedAt).toISOString(), swapped_period: 'PT48H', swapped_in_period: true },
        carrier_name: 'Albion Mobile',
        mobile_country_code: '234',
        mobile_network_code: '97',
        error_code: null,
      },
      call_forwarding: { call_forwarding_enabled: false, error_code: null },
      line_status: { status: 'Reachable', error_code: null },
      line_type_intelligence: null,
      url: `${h.base('twilio')}/v2/PhoneNumbers/+447700900001`,
    });
  });

  it('takes the number with a literal +, as %2B, or in national format with CountryCode', async () => {
    const literal = await lookup('+447700900501');
    const encoded = await lookup('%2B447700900501');
    const national = await lookup('07700900501', 'Fields=sim_swap,call_forwarding,line_status&CountryCode=GB');
    expect(literal.status).toBe(200);
    expect(encoded.body).toEqual(literal.body);
    expect(national.body).toEqual(literal.body);
  });

  it('without Fields answers only the free basic lookup', async () => {
    const reply = await lookup('+12025550101', '');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ phone_number: '+12025550101', national_format: '(202) 555-0101', country_code: 'US', valid: true });
    expect([reply.body.sim_swap, reply.body.call_forwarding, reply.body.line_status]).toEqual([null, null, null]);
  });

  it('refuses an unknown Fields value with 400 in the Twilio error shape', async () => {
    expectTwilioError(await lookup('+447700900001', 'Fields=sim_swap,carrier'), 400, 20001);
  });

  it('answers an invalid number with 200, valid false, validation_errors and every package null', async () => {
    for (const [number, reason] of [
      ['+447700900990', 'INVALID_BUT_POSSIBLE'], // the fiction range, unassigned in the World
      ['+4477009009901234', 'TOO_LONG'],
      ['+44770', 'TOO_SHORT'],
    ] as const) {
      const reply = await lookup(number);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        calling_country_code: null,
        country_code: null,
        phone_number: number,
        national_format: null,
        valid: false,
        validation_errors: [reason],
        sim_swap: null,
        call_forwarding: null,
        line_status: null,
      });
    }
  });

  it('answers other methods with 405 and unknown paths with 404, Twilio-shaped and uncounted', async () => {
    h.net.stats.reset();
    expectTwilioError(await send('POST', lookupUrl('+447700900001'), {}), 405, 20004);
    const missing = await getJson(`${h.base('twilio')}/v2/PhoneNumber/+447700900001`, ACCOUNT);
    expectTwilioError(missing, 404, 20404);
    expect(missing.body.message).toBe('The requested resource /v2/PhoneNumber/+447700900001 was not found');
    expect(h.net.stats.total('twilio')).toBe(0);
  });

  it('counts every lookup under the endpoint "lookup", refused ones too', async () => {
    h.net.stats.reset();
    await lookup('+447700900001');
    await lookup('+447700900001', undefined, {});
    expect(h.net.stats.get('twilio', 'lookup')).toBe(2);
  });
});

describe('HTTP Basic', () => {
  it('accepts AccountSid:AuthToken and ApiKeySid:ApiKeySecret', async () => {
    expect((await lookup('+447700900001', undefined, ACCOUNT)).status).toBe(200);
    expect((await lookup('+447700900001', undefined, basicAuth(apiKeySid, apiKeySecret))).status).toBe(200);
  });

  it.each([
    ['no credentials', {}],
    ['a wrong token', basicAuth(accountSid, 'wrong')],
    ['the account SID with the API key secret', basicAuth(accountSid, apiKeySecret)],
    ['a bearer token', { authorization: `Bearer ${authToken}` }],
    ['garbled base64', { authorization: 'Basic %%%' }],
  ])('answers 401 code 20003 with a Basic challenge for %s', async (_label, headers) => {
    const reply = await lookup('+447700900001', undefined, headers);
    expectTwilioError(reply, 401, 20003);
    expect(reply.headers.get('www-authenticate')).toBe('Basic realm="Twilio API"');
  });
});

describe('sim_swap', () => {
  it('shares the date where the carrier does, and computes swapped_in_period over the account window', async () => {
    const swapped = (await lookup('+12025550101', 'Fields=sim_swap')).body.sim_swap.last_sim_swap; // 1 day ago
    expect(swapped).toEqual({
      last_sim_swap_date: new Date(h.net.world.get('+12025550101')!.simChangedAt!).toISOString(),
      swapped_period: 'PT48H',
      swapped_in_period: true,
    });
    h.net.carrier('twilio').settings.update({ swappedPeriodHours: 12 });
    const narrower = (await lookup('+12025550101', 'Fields=sim_swap')).body.sim_swap.last_sim_swap;
    expect(narrower).toMatchObject({ swapped_period: 'PT12H', swapped_in_period: false });
  });

  it('answers the activation date for a line never swapped (activation binds the number to a SIM)', async () => {
    const reply = await lookup('+447700900002', 'Fields=sim_swap');
    expect(reply.body.sim_swap.last_sim_swap).toEqual({
      last_sim_swap_date: new Date(h.net.world.get('+447700900002')!.activatedAt!).toISOString(),
      swapped_period: 'PT48H',
      swapped_in_period: false,
    });
  });

  it('withholds the date at brightwave while swapped_in_period still answers', async () => {
    const recent = (await lookup('+447700900501', 'Fields=sim_swap')).body.sim_swap; // 2 days ago: just outside 48 h
    expect(recent).toMatchObject({
      last_sim_swap: { last_sim_swap_date: null, swapped_period: 'PT48H', swapped_in_period: false },
      carrier_name: 'Brightwave',
      error_code: null,
    });
    h.net.world.put('+447700900501', { ...h.net.world.get('+447700900501')!, simChangedAt: '5 hours ago' });
    expect((await lookup('+447700900501', 'Fields=sim_swap')).body.sim_swap.last_sim_swap).toEqual({
      last_sim_swap_date: null,
      swapped_period: 'PT48H',
      swapped_in_period: true,
    });
  });

  it('moves with the world clock', async () => {
    h.net.world.put('+447700900002', { ...h.net.world.get('+447700900002')!, simChangedAt: '47 hours ago' });
    expect((await lookup('+447700900002', 'Fields=sim_swap')).body.sim_swap.last_sim_swap.swapped_in_period).toBe(true);
    h.advance(2 * HOUR_MS);
    expect((await lookup('+447700900002', 'Fields=sim_swap')).body.sim_swap.last_sim_swap.swapped_in_period).toBe(false);
  });

  it('can share the date at brightwave and withhold it elsewhere (settings)', async () => {
    h.net.carrier('twilio').settings.update({ simSwapDateWithheldBy: ['albion'] });
    expect((await lookup('+447700900501', 'Fields=sim_swap')).body.sim_swap.last_sim_swap.last_sim_swap_date).not.toBeNull();
    expect((await lookup('+447700900001', 'Fields=sim_swap')).body.sim_swap.last_sim_swap.last_sim_swap_date).toBeNull();
  });
});

describe('call_forwarding', () => {
  it.each([
    ['+447700900004', true], // unconditional
    ['+447700900503', false], // busy + no answer only: not reported
    ['+447700900009', false], // conditional when not reachable only
    ['+447700900001', false],
  ])('reports unconditional forwarding of the GB line %s as %s', async (number, enabled) => {
    expect((await lookup(number, 'Fields=call_forwarding')).body.call_forwarding).toEqual({
      call_forwarding_enabled: enabled,
      error_code: null,
    });
  });

  it('is null outside the UK, even with unconditional forwarding (not offered, not billed)', async () => {
    const reply = await lookup('+12025550101', 'Fields=call_forwarding');
    expect(reply.status).toBe(200);
    expect(reply.body.call_forwarding).toBeNull();
  });
});

describe('line_status', () => {
  it('answers Reachable for a line with connectivity, Unreachable for one without', async () => {
    expect((await lookup('+447700900001', 'Fields=line_status')).body.line_status).toEqual({ status: 'Reachable', error_code: null });
    expect((await lookup('+447700900009', 'Fields=line_status')).body.line_status).toEqual({ status: 'Unreachable', error_code: null });
  });

  it('answers in lowercase at liberty, as in Twilio’s OpenAPI examples', async () => {
    expect((await lookup('+12025550101', 'Fields=line_status')).body.line_status.status).toBe('reachable');
    h.net.world.put('+12025550101', { ...h.net.world.get('+12025550101')!, reachable: [] });
    expect((await lookup('+12025550101', 'Fields=line_status')).body.line_status.status).toBe('unreachable');
  });

  it('answers Inactive for a valid number no subscriber holds', async () => {
    const reply = await lookup('+447400123456');
    expect(reply.body).toMatchObject({ valid: true, country_code: 'GB', line_status: { status: 'Inactive', error_code: null } });
    expect(reply.body.sim_swap).toMatchObject({ last_sim_swap: null, error_code: 60610 });
    expect(reply.body.call_forwarding).toEqual({ call_forwarding_enabled: null, error_code: 60610 });
  });
});

describe('line_type_intelligence', () => {
  const lti = async (number: string) => (await lookup(number, 'Fields=line_type_intelligence')).body.line_type_intelligence;

  it('classifies a mobile line with its carrier, MCC and MNC', async () => {
    expect(await lti('+447700900002')).toEqual({
      type: 'mobile',
      carrier_name: 'Albion Mobile',
      mobile_country_code: '234',
      mobile_network_code: '97',
      error_code: null,
    });
  });

  it.each([
    ['+442079460001', 'landline'],
    ['+447700900010', 'nonFixedVoip'],
    ['+447700900011', 'fixedVoip'],
    ['+447700900014', 'pager'],
    ['+12025550110', 'nonFixedVoip'],
    // Twilio has no IoT class: an M2M SIM sits in a mobile range.
    ['+447700900008', 'mobile'],
  ])('answers %s as %s, with the carrier but no MNC off mobile lines', async (number, type) => {
    const pkg = await lti(number);
    expect(pkg).toMatchObject({ type, error_code: null });
    expect(pkg.carrier_name).not.toBeNull();
    if (type !== 'mobile') expect(pkg.mobile_network_code).toBeNull();
  });

  it.each([
    ['+448081570001', 'tollFree'],
    ['+449098790001', 'premium'],
    ['+447700900012', 'personal'],
    ['+447700900013', 'voicemail'],
    ['+447700900015', 'unknown'],
  ])('answers %s as %s with no carrier data, as Twilio does for that type', async (number, type) => {
    expect(await lti(number)).toEqual({ type, carrier_name: null, mobile_country_code: null, mobile_network_code: null, error_code: null });
  });

  it('follows the world, and answers 60610 for a valid number no subscriber holds', async () => {
    h.net.world.put('+447700900002', { ...h.net.world.get('+447700900002')!, lineType: 'toll_free' });
    expect((await lti('+447700900002')).type).toBe('tollFree');
    expect(await lti('+447400123456')).toMatchObject({ type: null, error_code: 60610 });
  });

  it('classifies lines of operators Twilio has no carrier agreement with (numbering data, not a carrier query)', async () => {
    h.net.carrier('twilio').settings.update({ disabledPackages: [] });
    expect((await lti('+447700900502')).type).toBe('mobile');
  });
});

describe('the packages the mock does not simulate', () => {
  it('answers each as Twilio answers a package the account is not enabled for: its object with error_code 60606, never null', async () => {
    const reply = await lookup('+447700900002', 'Fields=caller_name,identity_match,reassigned_number,sms_pumping_risk,phone_number_quality_score,pre_fill,validation');
    expect(reply.status).toBe(200);
    expect(reply.body.caller_name).toEqual({ caller_name: null, caller_type: null, error_code: 60606 });
    expect(reply.body.identity_match).toMatchObject({ summary_score: null, error_code: 60606 });
    // Twilio types reassigned_number's error_code as a string.
    expect(reply.body.reassigned_number).toEqual({ last_verified_date: null, is_number_reassigned: null, error_code: '60606' });
    for (const name of ['sms_pumping_risk', 'phone_number_quality_score', 'pre_fill']) expect(reply.body[name]).toMatchObject({ error_code: 60606 });
    expect([reply.body.sim_swap, reply.body.line_type_intelligence]).toEqual([null, null]);
  });
});

describe('coverage errors inside a 200', () => {
  it('answers 60612 (not mobile) for every mobile-only package on an IoT line', async () => {
    const reply = await lookup('+447700900008');
    expect(reply.status).toBe(200);
    expect(reply.body.sim_swap).toEqual({
      last_sim_swap: null,
      carrier_name: null,
      mobile_country_code: null,
      mobile_network_code: null,
      error_code: 60612,
    });
    expect(reply.body.call_forwarding).toEqual({ call_forwarding_enabled: null, error_code: 60612 });
    expect(reply.body.line_status).toEqual({ status: null, error_code: 60612 });
  });

  it('answers 60607 for sim_swap in a country without covered carriers, 60610 for its line status', async () => {
    const reply = await lookup('+33612345678');
    expect(reply.body).toMatchObject({ valid: true, country_code: 'FR' });
    expect(reply.body.sim_swap.error_code).toBe(60607);
    expect(reply.body.call_forwarding).toBeNull();
    expect(reply.body.line_status).toEqual({ status: null, error_code: 60610 });
  });

  it('answers 60606 for a package the account is not enabled for', async () => {
    h.net.carrier('twilio').settings.update({ disabledPackages: ['sim_swap'] });
    const reply = await lookup('+447700900001');
    expect(reply.body.sim_swap.error_code).toBe(60606);
    expect(reply.body.line_status).toEqual({ status: 'Reachable', error_code: null });
  });
});

describe('faults', () => {
  it('check_error sets the named package’s error_code (default 60608) and leaves the others alone', async () => {
    h.net.faults.add({ carrier: 'twilio', kind: 'check_error', check: 'sim_swap', code: 60620, times: 1 });
    const first = await lookup('+447700900001');
    expect(first.status).toBe(200);
    expect(first.body.sim_swap).toMatchObject({ last_sim_swap: null, error_code: 60620 });
    expect(first.body.line_status).toEqual({ status: 'Reachable', error_code: null });

    h.net.faults.add({ carrier: 'twilio', kind: 'check_error', times: 1 });
    const second = await lookup('+447700900001');
    expect([second.body.sim_swap.error_code, second.body.call_forwarding.error_code, second.body.line_status.error_code]).toEqual([
      60608, 60608, 60608,
    ]);
  });

  it('check_error on line_status with a word answers that word as the status', async () => {
    h.net.faults.add({ carrier: 'twilio', kind: 'check_error', check: 'line_status', code: 'Unknown', times: 1 });
    expect((await lookup('+447700900001', 'Fields=line_status')).body.line_status).toEqual({ status: 'Unknown', error_code: null });
  });

  it('targets a number however the path spells it', async () => {
    h.net.faults.add({ carrier: 'twilio', endpoint: 'lookup', phoneNumber: '+447700900501', kind: 'status', status: 503 });
    expectTwilioError(await lookup('%2B447700900501'), 503, 20503);
    expectTwilioError(await lookup('07700900501', 'Fields=sim_swap&CountryCode=GB'), 503, 20503);
    expect((await lookup('+447700900502')).status).toBe(200);
  });

  it('answers 429 with code 20429, and Retry-After only when the rule sets one', async () => {
    h.net.faults.add({ carrier: 'twilio', kind: 'status', status: 429, times: 1 });
    const bare = await lookup('+447700900001');
    expectTwilioError(bare, 429, 20429);
    expect(bare.headers.get('retry-after')).toBeNull();
    h.net.faults.add({ carrier: 'twilio', kind: 'status', status: 429, retryAfter: 3, times: 1 });
    expect((await lookup('+447700900001')).headers.get('retry-after')).toBe('3');
  });
});

describe('settings', () => {
  it('validates updates and lists the defaults', async () => {
    const carrier = h.net.carrier('twilio');
    expect(carrier.settings.get()).toEqual({
      swappedPeriodHours: 48,
      simSwapDateWithheldBy: ['brightwave'],
      lowercaseLineStatusAt: ['liberty'],
      disabledPackages: [],
    });
    expect(() => carrier.settings.update({ swappedPeriodHours: 0 })).toThrow();
    expect(() => carrier.settings.update({ disabledPackages: ['caller_name'] })).toThrow();
    expect(() => carrier.settings.update({ unknown: true })).toThrow();
  });

  it('describes itself with its credentials', () => {
    const lines = Object.fromEntries(h.net.carrier('twilio').describe());
    expect(lines).toMatchObject({ AccountSid: accountSid, AuthToken: authToken, ApiKeySid: apiKeySid, ApiKeySecret: apiKeySecret });
  });
});
