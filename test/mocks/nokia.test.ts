/**
 * The mock Nokia Network as Code: RapidAPI's refusals in front, NaC's CAMARA answers behind,
 * validated against the official YAML where the spec documents the answer.
 */
import { describe, expect, it } from 'vitest';
import { NAC_DEV_RAPIDAPI_KEY, NAC_LISTING_HOST, NAC_UNSUBSCRIBED_RAPIDAPI_KEY } from '../../mocks/carriers/nokia/dev-credentials.ts';
import { RAPIDAPI_MESSAGES } from '../../mocks/carriers/nokia/auth.ts';
import { loadSpec, responseSchema, NEEDS_SPECS, specsAvailable, validate } from './support/openapi.ts';
import { postJson, send, useHarness, type JsonReply } from './support/harness.ts';

const h = useHarness();

const BRIGHTWAVE_NEVER_SWAPPED = '+447700900502';
const BRIGHTWAVE_SWAPPED_2_DAYS_AGO = '+447700900501';
const BRIGHTWAVE_FORWARDING_BUSY_NO_ANSWER = '+447700900503';
const LIBERTY_SWAPPED_1_DAY_AGO = '+12025550101';
const LIBERTY_ROAMING_MX_SMS_ONLY = '+12025550103';
const ALBION_LINE = '+447700900001';
const ALBION_ROAMING_FR = '+447700900007';
const UNKNOWN = '+447700900990';

const SIM_SWAP = '/passthrough/camara/v1/sim-swap/sim-swap/v0';
const DEVICE_SWAP = '/passthrough/camara/v1/device-swap/device-swap/v1';
const CFS = '/passthrough/camara/v1/call-forwarding-signal/call-forwarding-signal/v0.3';
const REACHABILITY = '/device-status/device-reachability-status/v1/retrieve';
const ROAMING = '/device-status/device-roaming-status/v1/retrieve';

const RAPIDAPI = { 'x-rapidapi-key': NAC_DEV_RAPIDAPI_KEY, 'x-rapidapi-host': NAC_LISTING_HOST };

function nac(path: string, body: unknown, headers: Record<string, string> = RAPIDAPI): Promise<JsonReply> {
  return postJson(`${h.base('nokia')}${path}`, body, headers);
}

/** Official definition each NaC path follows (NaC's CFS is 0.3; 0.4.0 is the released file with the same shapes). */
const SPEC_OF: Array<[prefix: string, file: string, specPath: (path: string) => string]> = [
  [SIM_SWAP, 'sim-swap/0.4.0/sim_swap.yaml', (p) => p.slice(SIM_SWAP.length)],
  [DEVICE_SWAP, 'device-swap/1.0.0/device-swap.yaml', (p) => p.slice(DEVICE_SWAP.length)],
  [CFS, 'call-forwarding-signal/0.4.0/call-forwarding-signal.yaml', (p) => p.slice(CFS.length)],
  [REACHABILITY, 'device-reachability-status/1.1.0/device-reachability-status.yaml', () => '/retrieve'],
  [ROAMING, 'device-roaming-status/1.1.0/device-roaming-status.yaml', () => '/retrieve'],
];

/** A CAMARA answer: x-correlator echoed, and the body as the official YAML documents it for this status. */
function expectConforms(path: string, response: JsonReply): void {
  expect(response.headers.get('x-correlator')).toMatch(/^[a-zA-Z0-9-_:;./<>{}]{1,256}$/);
  if (!specsAvailable) return;
  const [, file, specPath] = SPEC_OF.find(([prefix]) => path.startsWith(prefix))!;
  const doc = loadSpec(file);
  const schema = responseSchema(doc, specPath(path), response.status);
  expect(schema, `status ${response.status} documented for ${path}`).toBeDefined();
  expect(validate(doc, schema!, response.body, { closed: true })).toEqual([]);
}

it.skipIf(!specsAvailable)(`checks answers against the official YAML (${NEEDS_SPECS})`, () => {
  for (const [, file] of SPEC_OF) expect(loadSpec(file).paths).toBeDefined();
});

describe('RapidAPI in front of NaC', () => {
  const check = `${SIM_SWAP}/check`;
  const body = { phoneNumber: BRIGHTWAVE_NEVER_SWAPPED, maxAge: 72 };

  it.each([
    ['no x-rapidapi-key', { 'x-rapidapi-host': NAC_LISTING_HOST }, 401, RAPIDAPI_MESSAGES.missingKey],
    ['an unknown key', { 'x-rapidapi-key': 'someone-elses-key', 'x-rapidapi-host': NAC_LISTING_HOST }, 403, RAPIDAPI_MESSAGES.invalidKey],
    ['no x-rapidapi-host', { 'x-rapidapi-key': NAC_DEV_RAPIDAPI_KEY }, 404, RAPIDAPI_MESSAGES.unknownApi],
    [
      "the URL's host instead of the listing",
      { 'x-rapidapi-key': NAC_DEV_RAPIDAPI_KEY, 'x-rapidapi-host': 'network-as-code.p-eu.rapidapi.com' },
      404,
      RAPIDAPI_MESSAGES.unknownApi,
    ],
    [
      'a key without a NaC subscription',
      { 'x-rapidapi-key': NAC_UNSUBSCRIBED_RAPIDAPI_KEY, 'x-rapidapi-host': NAC_LISTING_HOST },
      403,
      RAPIDAPI_MESSAGES.notSubscribed,
    ],
  ])('%s → %i with RapidAPI\'s own body, before NaC sees it', async (_case, headers, status, message) => {
    const response = await nac(check, body, headers);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ message });
    expect(response.headers.get('x-correlator')).toBeNull();
    expect(response.headers.get('server')).toBe('RapidAPI-1.2.8');
    expect(h.net.stats.get('nokia', 'sim-swap/check')).toBe(1);
  });

  it('checks the key before the host (no key, no host → 401)', async () => {
    const response = await nac(check, body, {});
    expect(response.status).toBe(401);
  });

  it('reads the host header case-insensitively and the header names in any case', async () => {
    const response = await nac(check, body, { 'X-RapidAPI-Key': NAC_DEV_RAPIDAPI_KEY, 'X-RapidAPI-Host': NAC_LISTING_HOST.toUpperCase() });
    expect(response.status).toBe(200);
  });

  it('refuses a request without a key even when a fault is aimed at it (RapidAPI answers first)', async () => {
    h.net.faults.add({ carrier: 'nokia', endpoint: 'sim-swap/check', kind: 'status', status: 503 });
    const response = await nac(check, body, { 'x-rapidapi-host': NAC_LISTING_HOST });
    expect(response.status).toBe(401);
  });

  it('answers an endpoint the listing lacks (or another method) with RapidAPI\'s 404, behind the key checks', async () => {
    const missing = await nac('/passthrough/camara/v1/sim-swap/sim-swap/v9/check', body);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: "Endpoint '/passthrough/camara/v1/sim-swap/sim-swap/v9/check' does not exist" });
    const get = await send('GET', `${h.base('nokia')}${check}`);
    expect(get.status).toBe(401);
    const getWithKey = await fetch(`${h.base('nokia')}${check}`, { headers: RAPIDAPI });
    expect(getWithKey.status).toBe(404);
    expect(await getWithKey.json()).toEqual({ message: `Endpoint '${check}' does not exist` });
  });
});

describe('SIM Swap 0.4 (brightwave 7-day window, liberty 90 days)', () => {
  it.each([
    [BRIGHTWAVE_SWAPPED_2_DAYS_AGO, 72, true],
    [BRIGHTWAVE_SWAPPED_2_DAYS_AGO, 24, false],
    [BRIGHTWAVE_NEVER_SWAPPED, 168, false],
    [LIBERTY_SWAPPED_1_DAY_AGO, 48, true],
  ])('check %s maxAge %i → swapped %s', async (phoneNumber, maxAge, swapped) => {
    const response = await nac(`${SIM_SWAP}/check`, { phoneNumber, maxAge });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ swapped });
    expectConforms(`${SIM_SWAP}/check`, response);
  });

  it('accepts a number without "+" (0.4 pattern ^\\+?[0-9]{5,15}$)', async () => {
    const response = await nac(`${SIM_SWAP}/check`, { phoneNumber: BRIGHTWAVE_SWAPPED_2_DAYS_AGO.slice(1), maxAge: 72 });
    expect(response.body).toEqual({ swapped: true });
  });

  it('retrieve-date answers the change within the window, null beyond it (0.4 has no monitoredPeriod)', async () => {
    const recent = await nac(`${SIM_SWAP}/retrieve-date`, { phoneNumber: BRIGHTWAVE_SWAPPED_2_DAYS_AGO });
    expect(recent.status).toBe(200);
    const expected = Date.parse(h.net.world.get(BRIGHTWAVE_SWAPPED_2_DAYS_AGO)!.simChangedAt!);
    expect(Date.parse(recent.body.latestSimChange)).toBe(expected);
    expectConforms(`${SIM_SWAP}/retrieve-date`, recent);

    const old = await nac(`${SIM_SWAP}/retrieve-date`, { phoneNumber: BRIGHTWAVE_NEVER_SWAPPED });
    expect(old.status).toBe(200);
    // 0.4.0 does not mark latestSimChange nullable; NaC answers null anyway (no change it may disclose).
    expect(old.body).toEqual({ latestSimChange: null });
  });

  it('maxAge beyond the operator window → 400 OUT_OF_RANGE; the default 240 h too at a 7-day operator', async () => {
    const explicit = await nac(`${SIM_SWAP}/check`, { phoneNumber: BRIGHTWAVE_NEVER_SWAPPED, maxAge: 169 });
    expect(explicit.status).toBe(400);
    expect(explicit.body.code).toBe('OUT_OF_RANGE');
    const defaulted = await nac(`${SIM_SWAP}/check`, { phoneNumber: BRIGHTWAVE_NEVER_SWAPPED });
    expect(defaulted.body.code).toBe('OUT_OF_RANGE');
    const liberty = await nac(`${SIM_SWAP}/check`, { phoneNumber: LIBERTY_SWAPPED_1_DAY_AGO });
    expect(liberty.body).toEqual({ swapped: true });
  });

  it.each([
    [{ maxAge: 72 }, 'phoneNumber missing'],
    [{ phoneNumber: 'not-a-number' }, 'bad pattern'],
    [{ phoneNumber: BRIGHTWAVE_NEVER_SWAPPED, maxAge: 0 }, 'maxAge below 1'],
    [{ phoneNumber: BRIGHTWAVE_NEVER_SWAPPED, maxAge: 2401 }, 'maxAge above 2400'],
    [{ phoneNumber: BRIGHTWAVE_NEVER_SWAPPED, extra: true }, 'unknown property'],
    ['{"phoneNumber":', 'not JSON'],
  ] as Array<[unknown, string]>)('%j → 400 INVALID_ARGUMENT (%s)', async (body, _why) => {
    const response = await nac(`${SIM_SWAP}/check`, body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' });
    expectConforms(`${SIM_SWAP}/check`, response);
  });
});

describe('coverage: who NaC can ask', () => {
  it.each([
    ['an unknown number', UNKNOWN],
    ['a line of an operator without a NaC agreement (albion)', ALBION_LINE],
  ])('%s → 404 IDENTIFIER_NOT_FOUND on every API', async (_case, phoneNumber) => {
    for (const [path, body] of [
      [`${SIM_SWAP}/check`, { phoneNumber, maxAge: 24 }],
      [`${DEVICE_SWAP}/retrieve-date`, { phoneNumber }],
      [`${CFS}/unconditional-call-forwardings`, { phoneNumber }],
      [REACHABILITY, { device: { phoneNumber } }],
      [ROAMING, { device: { phoneNumber } }],
    ] as const) {
      const response = await nac(path, body);
      expect(response.status, path).toBe(404);
      expect(response.body.code).toBe('IDENTIFIER_NOT_FOUND');
      expect(JSON.stringify(response.body)).not.toContain(phoneNumber.slice(1));
    }
  });

  it('an IoT line → 422 SERVICE_NOT_APPLICABLE', async () => {
    const iot = '+447700900597';
    h.net.world.put(iot, {
      operator: 'brightwave', activatedAt: '1 year ago', simChangedAt: null, deviceChangedAt: null,
      forwarding: [], call: null, roaming: null, reachable: ['DATA'], lineType: 'iot',
    });
    for (const [path, body] of [
      [`${DEVICE_SWAP}/check`, { phoneNumber: iot, maxAge: 24 }],
      [`${CFS}/call-forwardings`, { phoneNumber: iot }],
      [REACHABILITY, { device: { phoneNumber: iot } }],
    ] as const) {
      const response = await nac(path, body);
      expect(response.status, path).toBe(422);
      expect(response.body.code).toBe('SERVICE_NOT_APPLICABLE');
      expectConforms(path, response);
    }
  });

  it('the mock lists the operators it covers', () => {
    expect(h.net.carriers.find((c) => c.id === 'nokia')).toMatchObject({ kind: 'nokia', operators: ['brightwave', 'liberty'] });
  });
});

describe('Device Swap 1.0.0', () => {
  it('check and retrieve-date follow the world; beyond the window: null + monitoredPeriod', async () => {
    const recent = await nac(`${DEVICE_SWAP}/check`, { phoneNumber: LIBERTY_SWAPPED_1_DAY_AGO, maxAge: 48 });
    expect(recent.body).toEqual({ swapped: true });
    expectConforms(`${DEVICE_SWAP}/check`, recent);

    const date = await nac(`${DEVICE_SWAP}/retrieve-date`, { phoneNumber: LIBERTY_SWAPPED_1_DAY_AGO });
    expect(Date.parse(date.body.latestDeviceChange)).toBe(Date.parse(h.net.world.get(LIBERTY_SWAPPED_1_DAY_AGO)!.deviceChangedAt!));
    expectConforms(`${DEVICE_SWAP}/retrieve-date`, date);

    const old = await nac(`${DEVICE_SWAP}/retrieve-date`, { phoneNumber: BRIGHTWAVE_NEVER_SWAPPED });
    expect(old.body).toEqual({ latestDeviceChange: null, monitoredPeriod: 7 });
    expectConforms(`${DEVICE_SWAP}/retrieve-date`, old);
  });

  it('a line with no device history at all → 422 SERVICE_NOT_APPLICABLE on both operations', async () => {
    const current = h.net.world.get(BRIGHTWAVE_NEVER_SWAPPED)!;
    h.net.world.put(BRIGHTWAVE_NEVER_SWAPPED, { ...current, activatedAt: null, deviceChangedAt: null });
    for (const [operation, body] of [
      ['check', { phoneNumber: BRIGHTWAVE_NEVER_SWAPPED, maxAge: 24 }],
      ['retrieve-date', { phoneNumber: BRIGHTWAVE_NEVER_SWAPPED }],
    ] as const) {
      const response = await nac(`${DEVICE_SWAP}/${operation}`, body);
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('SERVICE_NOT_APPLICABLE');
      expectConforms(`${DEVICE_SWAP}/${operation}`, response);
    }
  });

  it('without phoneNumber (the RapidAPI key is 2-legged) → 422 MISSING_IDENTIFIER', async () => {
    const response = await nac(`${DEVICE_SWAP}/check`, { maxAge: 24 });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('MISSING_IDENTIFIER');
    expectConforms(`${DEVICE_SWAP}/check`, response);
  });
});

describe('Call Forwarding Signal 0.3', () => {
  it('unconditional answers active from the world', async () => {
    const off = await nac(`${CFS}/unconditional-call-forwardings`, { phoneNumber: BRIGHTWAVE_FORWARDING_BUSY_NO_ANSWER });
    expect(off.body).toEqual({ active: false });
    expectConforms(`${CFS}/unconditional-call-forwardings`, off);
    const on = await nac(`${CFS}/unconditional-call-forwardings`, { phoneNumber: LIBERTY_SWAPPED_1_DAY_AGO });
    expect(on.body).toEqual({ active: true });
  });

  it('call-forwardings lists the active services, ["inactive"] when none', async () => {
    const some = await nac(`${CFS}/call-forwardings`, { phoneNumber: BRIGHTWAVE_FORWARDING_BUSY_NO_ANSWER });
    expect(some.body).toEqual(['conditional_busy', 'conditional_no_answer']);
    expectConforms(`${CFS}/call-forwardings`, some);
    const none = await nac(`${CFS}/call-forwardings`, { phoneNumber: BRIGHTWAVE_NEVER_SWAPPED });
    expect(none.body).toEqual(['inactive']);
  });

  it('call-forwardings at an operator without it (liberty) → 501 NOT_IMPLEMENTED', async () => {
    const response = await nac(`${CFS}/call-forwardings`, { phoneNumber: LIBERTY_SWAPPED_1_DAY_AGO });
    expect(response.status).toBe(501);
    expect(response.body).toMatchObject({ status: 501, code: 'NOT_IMPLEMENTED' });
    expectConforms(`${CFS}/call-forwardings`, response);
  });
});

describe('Device Reachability and Roaming Status 1', () => {
  it('reachability: connectivity from the world, absent when unreachable', async () => {
    const sms = await nac(REACHABILITY, { device: { phoneNumber: LIBERTY_ROAMING_MX_SMS_ONLY } });
    expect(sms.body).toMatchObject({ reachable: true, connectivity: ['SMS'] });
    expect(Date.parse(sms.body.lastStatusTime)).not.toBeNaN();
    expectConforms(REACHABILITY, sms);

    const current = h.net.world.get(BRIGHTWAVE_NEVER_SWAPPED)!;
    h.net.world.put(BRIGHTWAVE_NEVER_SWAPPED, { ...current, reachable: [] });
    const off = await nac(REACHABILITY, { device: { phoneNumber: BRIGHTWAVE_NEVER_SWAPPED } });
    expect(off.body).toEqual({ lastStatusTime: expect.any(String), reachable: false });
    expectConforms(REACHABILITY, off);
  });

  it('roaming: the visited country as its MCC and ISO code', async () => {
    const mx = await nac(ROAMING, { device: { phoneNumber: LIBERTY_ROAMING_MX_SMS_ONLY } });
    expect(mx.body).toMatchObject({ roaming: true, countryCode: 334, countryName: ['MX'] });
    expectConforms(ROAMING, mx);

    const current = h.net.world.get(BRIGHTWAVE_NEVER_SWAPPED)!;
    for (const [country, mcc] of [['FR', 208], ['ES', 214], ['DE', 262], ['US', 310]] as const) {
      h.net.world.put(BRIGHTWAVE_NEVER_SWAPPED, { ...current, roaming: { country } });
      const response = await nac(ROAMING, { device: { phoneNumber: BRIGHTWAVE_NEVER_SWAPPED } });
      expect(response.body).toMatchObject({ roaming: true, countryCode: mcc, countryName: [country] });
    }

    h.net.world.put(BRIGHTWAVE_NEVER_SWAPPED, { ...current, roaming: null });
    const home = await nac(ROAMING, { device: { phoneNumber: BRIGHTWAVE_NEVER_SWAPPED } });
    expect(home.body).toEqual({ lastStatusTime: expect.any(String), roaming: false });
    expectConforms(ROAMING, home);
  });

  it('a roaming line of an uncovered operator is still unknown to NaC', async () => {
    const response = await nac(ROAMING, { device: { phoneNumber: ALBION_ROAMING_FR } });
    expect(response.status).toBe(404);
  });

  it('device identification: none → 422 MISSING_IDENTIFIER; no phone number → 422 UNSUPPORTED_IDENTIFIER; several → echoes the one used', async () => {
    const missing = await nac(REACHABILITY, {});
    expect(missing.body).toMatchObject({ status: 422, code: 'MISSING_IDENTIFIER' });
    expectConforms(REACHABILITY, missing);

    const ipOnly = await nac(ROAMING, { device: { ipv6Address: '2001:db8::1' } });
    expect(ipOnly.body).toMatchObject({ status: 422, code: 'UNSUPPORTED_IDENTIFIER' });
    expectConforms(ROAMING, ipOnly);

    const several = await nac(REACHABILITY, {
      device: { phoneNumber: LIBERTY_ROAMING_MX_SMS_ONLY, ipv4Address: { publicAddress: '84.125.93.10', publicPort: 59765 } },
    });
    expect(several.body.device).toEqual({ phoneNumber: LIBERTY_ROAMING_MX_SMS_ONLY });
    expectConforms(REACHABILITY, several);

    const empty = await nac(REACHABILITY, { device: {} });
    expect(empty.body).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' });
  });
});

describe('CAMARA wire behind the gateway', () => {
  it('echoes x-correlator, makes one up when absent, refuses one off the 0.6 pattern', async () => {
    const path = `${CFS}/unconditional-call-forwardings`;
    const sent = await nac(path, { phoneNumber: BRIGHTWAVE_NEVER_SWAPPED }, { ...RAPIDAPI, 'x-correlator': 'b4333c46-49c0-4f62-80d7-f0ef930f1c46' });
    expect(sent.headers.get('x-correlator')).toBe('b4333c46-49c0-4f62-80d7-f0ef930f1c46');
    const made = await nac(path, { phoneNumber: BRIGHTWAVE_NEVER_SWAPPED });
    expect(made.headers.get('x-correlator')).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await nac(path, { phoneNumber: BRIGHTWAVE_NEVER_SWAPPED }, { ...RAPIDAPI, 'x-correlator': 'has spaces' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_ARGUMENT');
  });

  it('a 429 fault answers CAMARA TOO_MANY_REQUESTS with Retry-After and the correlator; 503 is UNAVAILABLE', async () => {
    h.net.faults.add({ carrier: 'nokia', endpoint: 'roaming', phoneNumber: LIBERTY_ROAMING_MX_SMS_ONLY, kind: 'status', status: 429, retryAfter: 3, times: 1 });
    const limited = await nac(ROAMING, { device: { phoneNumber: LIBERTY_ROAMING_MX_SMS_ONLY } }, { ...RAPIDAPI, 'x-correlator': 'c-1' });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.headers.get('x-correlator')).toBe('c-1');
    expectConforms(ROAMING, limited);

    h.net.faults.add({ carrier: 'nokia', endpoint: 'reachability', kind: 'status', status: 503, times: 1 });
    const unavailable = await nac(REACHABILITY, { device: { phoneNumber: LIBERTY_ROAMING_MX_SMS_ONLY } });
    expect(unavailable.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expectConforms(REACHABILITY, unavailable);
  });

  it('a fault aimed at a number matches a SIM Swap 0.4 number written without "+"', async () => {
    h.net.faults.add({ carrier: 'nokia', endpoint: 'sim-swap/check', phoneNumber: BRIGHTWAVE_NEVER_SWAPPED, kind: 'status', status: 500, times: 1 });
    const response = await nac(`${SIM_SWAP}/check`, { phoneNumber: BRIGHTWAVE_NEVER_SWAPPED.slice(1), maxAge: 24 });
    expect(response.status).toBe(500);
  });

  it('counts requests per endpoint', async () => {
    await nac(REACHABILITY, { device: { phoneNumber: LIBERTY_ROAMING_MX_SMS_ONLY } });
    await nac(REACHABILITY, { device: { phoneNumber: LIBERTY_ROAMING_MX_SMS_ONLY } });
    await nac(`${CFS}/call-forwardings`, { phoneNumber: BRIGHTWAVE_NEVER_SWAPPED });
    expect(h.net.stats.snapshot().nokia).toEqual({ reachability: 2, 'call-forwarding/services': 1 });
  });

  it('has no run-time settings', () => {
    const carrier = h.net.carrier('nokia');
    expect(carrier.settings.get()).toEqual({});
    expect(() => carrier.settings.update({ anything: 1 })).toThrow();
    expect(carrier.describe().map(([label]) => label)).toContain('x-rapidapi-key');
  });
});
