import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createTelesignAdapter } from '../../adapters/telesign/adapter.ts';
import { parseTelesignConfig, TELESIGN_DEFAULT_BASE_URL, type TelesignProviderConfigInput } from '../../adapters/telesign/config.ts';
import { importTsaKey, tsaHeaders, tsaStringToSign } from '../../adapters/telesign/auth.ts';
import type { Adapter, CallContext, OperationOutcome } from '../../src/contract/adapter.ts';
import type { OperationId, OperationParams } from '../../src/contract/signals.ts';
import { PHONEID_ENDPOINT, TELESIGN_CARRIER_ID } from '../../mocks/carriers/telesign/carrier.ts';
import { TELESIGN_DEV_API_KEY, TELESIGN_DEV_CUSTOMER_ID, telesignDevProvider } from '../../mocks/carriers/telesign/dev-credentials.ts';
import { scriptedHttp } from '../support/http-clients.ts';
import { carrierUrl } from '../support/mock-carriers.ts';
import { PROTOTYPE_NAMES } from '../support/prototype-names.ts';
import { thrownBy } from '../support/thrown-by.ts';
import { failureOf } from '../support/upstream-errors.ts';
import { useAdapterTestBed } from './support/adapter-test-bed.ts';
import { referenceSignature } from './telesign-reference.ts';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const HOUR_MS = 3_600_000;
const context = (): CallContext => ({ signal: new AbortController().signal, tenantId: 't1' });

function config(overrides: Partial<TelesignProviderConfigInput> = {}): TelesignProviderConfigInput {
  return {
    id: 'telesign',
    kind: 'telesign',
    baseUrl: 'https://rest-ww.telesign.com',
    customerId: 'FFFFFFFF-EEEE-DDDD-1234-AB1234567890',
    apiKey: Buffer.from('a test key of thirty-two bytes!!').toString('base64'),
    consent: { method: 1 },
    ...overrides,
  };
}

/** A PhoneID 200 for a mobile line carrying `addons` (each merged over a 2800 status). */
function phoneIdAnswer(addons: Record<string, Record<string, unknown>>, overrides: Record<string, unknown> = {}) {
  return {
    reference_id: '0123456789ABCDEF0123456789ABCDEF',
    status: { code: 300, description: 'Transaction successfully completed', updated_on: '2026-11-22T10:00:00Z' },
    phone_type: { code: '2', description: 'MOBILE' },
    errors: [],
    ...Object.fromEntries(Object.entries(addons).map(([name, fields]) => [name, { status: { code: 2800 }, ...fields }])),
    ...overrides,
  };
}

function adapterAnswering(body: unknown, overrides: Partial<TelesignProviderConfigInput> = {}, status = 200) {
  const http = scriptedHttp(() => ({ status, body }));
  return { adapter: createTelesignAdapter(config(overrides), { http, now: () => NOW }), requests: http.requests };
}

function ask<Op extends OperationId>(adapter: Adapter, operation: Op, params: OperationParams<Op>, phoneNumber = '+447700900002'): Promise<OperationOutcome<Op>> {
  return adapter.execute({ operation, phoneNumber, params }, context());
}

describe('digest signature (known answers)', () => {
  // Vectors published in the Telesign Python SDK's tests (customer id, example key, date, nonce).
  const SDK_KEY = 'EXAMPLE----TE8sTgg45yusumoN6BYsBVkh+yRJ5czgsnCehZaOYldPJdmFh6NeX8kunZ2zU1YWaUw/0wV6xfw==';
  const SDK_REQUEST = { date: 'Wed, 14 Dec 2016 18:20:12 GMT', nonce: 'A1592C6F-E384-4CDB-BC42-C3AB970369E9', resource: '/v1/resource' };
  const sdkHmac = (message: string) =>
    createHmac('sha256', Buffer.from(SDK_KEY.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64')).update(message).digest('base64');

  it.each([
    ['POST', 'application/x-www-form-urlencoded', 'test=param', '2xVlmbrxLjYrrPun3G3WMNG6Jon4yKcTeOoK9DjXJ/Q='],
    ['POST', 'application/x-www-form-urlencoded', 'test=%CF%BF', 'h8d4I0RTxErbxYXuzCOtNqb/f0w3Ck8e5SEkGNj01+8='],
    ['GET', 'application/x-www-form-urlencoded', '', 'aUm7I+9GKl3ww7PNeeJntCT0iS7b+EmRKEE4LnRzChQ='],
  ] as const)('%s %s %j → the SDK signature', (method, contentType, body, expected) => {
    expect(sdkHmac(tsaStringToSign({ method, contentType, body, ...SDK_REQUEST }))).toBe(expected);
  });

  it('builds the string to sign line by line (content type only for POST/PUT, body before the resource)', () => {
    const request = { method: 'POST', contentType: 'application/json', body: '{"addons":{"sim_swap":{}}}', date: 'Sun, 22 Nov 2026 10:00:00 GMT', nonce: 'n-1', resource: '/v1/phoneid/447700900002' } as const;
    expect(tsaStringToSign(request)).toBe(
      'POST\napplication/json\nSun, 22 Nov 2026 10:00:00 GMT\nx-ts-auth-method:HMAC-SHA256\nx-ts-nonce:n-1\n{"addons":{"sim_swap":{}}}\n/v1/phoneid/447700900002',
    );
    expect(tsaStringToSign({ ...request, method: 'GET', body: '' })).toBe(
      'GET\n\nSun, 22 Nov 2026 10:00:00 GMT\nx-ts-auth-method:HMAC-SHA256\nx-ts-nonce:n-1\n/v1/phoneid/447700900002',
    );
  });

  it('signs with Web Crypto exactly what node:crypto computes for the same request', async () => {
    const apiKey = config().apiKey;
    const request = { method: 'POST', contentType: 'application/json', body: '{"a":1}', date: 'Sun, 22 Nov 2026 10:00:00 GMT', nonce: 'n-2', resource: '/v1/phoneid/1' } as const;
    const headers = await tsaHeaders('CUST', await importTsaKey(apiKey), request);
    expect(headers).toEqual({
      authorization: `TSA CUST:${referenceSignature(apiKey, request)}`,
      date: request.date,
      'x-ts-auth-method': 'HMAC-SHA256',
      'x-ts-nonce': 'n-2',
    });
  });
});

describe('requests on the wire', () => {
  it('POSTs JSON to /v1/phoneid/{digits} with only the add-on asked, signed, a fresh Date and nonce each time', async () => {
    let clock = NOW;
    const scripted = scriptedHttp(() => ({ status: 200, body: phoneIdAnswer({ sim_swap: { risk_indicator: 1 } }) }));
    const adapter = createTelesignAdapter(config(), { http: scripted, now: () => clock });
    for (let i = 0; i < 3; i++) {
      await ask(adapter, 'sim_swap.check', { maxAgeHours: 24 });
      clock += 1_000;
    }
    const nonces = scripted.requests.map((r) => r.headers!['x-ts-nonce']);
    expect(new Set(nonces).size).toBe(3);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(scripted.requests.map((r) => r.headers!.date)).toEqual([0, 1, 2].map((s) => new Date(NOW + s * 1_000).toUTCString()));

    const [first] = scripted.requests;
    expect(first).toMatchObject({ method: 'POST', url: 'https://rest-ww.telesign.com/v1/phoneid/447700900002' });
    expect(JSON.parse(first!.body!)).toEqual({ addons: { sim_swap: {} } });
    expect(first!.headers).toMatchObject({ 'content-type': 'application/json', 'x-ts-auth-method': 'HMAC-SHA256' });
    const signature = referenceSignature(config().apiKey, {
      method: 'POST',
      contentType: 'application/json',
      date: first!.headers!.date!,
      nonce: first!.headers!['x-ts-nonce']!,
      body: first!.body!,
      resource: '/v1/phoneid/447700900002',
    });
    expect(first!.headers!.authorization).toBe(`TSA FFFFFFFF-EEEE-DDDD-1234-AB1234567890:${signature}`);
  });

  it('Basic mode sends base64(customerId:apiKey) and no digest headers', async () => {
    const { adapter, requests } = adapterAnswering(phoneIdAnswer({ sim_swap: { risk_indicator: 1 } }), { auth: 'basic', apiKey: 'plain-key' });
    await ask(adapter, 'sim_swap.check', { maxAgeHours: 24 });
    const headers = requests[0]!.headers!;
    expect(headers.authorization).toBe(`Basic ${Buffer.from('FFFFFFFF-EEEE-DDDD-1234-AB1234567890:plain-key').toString('base64')}`);
    expect(headers['x-ts-nonce']).toBeUndefined();
    expect(headers['x-ts-auth-method']).toBeUndefined();
  });

  it('sends the consent block with call_forward_detection only', async () => {
    const { adapter, requests } = adapterAnswering(
      phoneIdAnswer({ call_forward_detection: { call_forward_enabled: 'false' }, active_call_status: { is_call_active: false } }),
      { consent: { method: 2 } },
    );
    await ask(adapter, 'call_forwarding.unconditional', {});
    await ask(adapter, 'call_state.retrieve', {});
    expect(JSON.parse(requests[0]!.body!)).toEqual({
      addons: { call_forward_detection: {} },
      consent: { method: 2, timestamp: new Date(NOW).toISOString() },
    });
    expect(JSON.parse(requests[1]!.body!)).toEqual({ addons: { active_call_status: {} } });
  });

  it('without a consent method the call forwarding operations are not offered', async () => {
    const { adapter, requests } = adapterAnswering(phoneIdAnswer({}), { consent: undefined });
    expect([...adapter.operations].sort()).toEqual(['call_state.retrieve', 'line_type.retrieve', 'sim_swap.check', 'sim_swap.retrieve_date']);
    expect((await ask(adapter, 'call_forwarding.services', {})).status).toBe('not_supported');
    expect(requests).toHaveLength(0);
  });
});

describe('sim_swap.check', () => {
  const check = (fields: Record<string, unknown>, maxAgeHours: number) =>
    ask(adapterAnswering(phoneIdAnswer({ sim_swap: fields })).adapter, 'sim_swap.check', { maxAgeHours });

  it.each([
    // risk band alone: only where it settles the window
    [4, 24, true], [4, 240, true], [4, 12, undefined],
    [3, 72, true], [3, 48, undefined], [3, 24, undefined],
    [2, 360, true], [2, 71, false], [2, 72, undefined], [2, 336, undefined],
    [1, 336, false], [1, 24, false], [1, 337, undefined], [1, 2400, undefined],
  ] as const)('risk_indicator %i, maxAge %i h → %s', async (risk, maxAgeHours, swapped) => {
    const outcome = await check({ risk_indicator: risk, swap_date: null }, maxAgeHours);
    if (swapped === undefined) expect(outcome.status).toBe('not_supported');
    else expect(outcome).toEqual({ status: 'ok', value: { swapped, maxAgeHours } });
  });

  it('reads the risk indicator sent as a string', async () => {
    expect(await check({ risk_indicator: '4' }, 24)).toEqual({ status: 'ok', value: { swapped: true, maxAgeHours: 24 } });
  });

  it('decides from swap_date + swap_time whatever the band says', async () => {
    const at = new Date(NOW - 30 * HOUR_MS).toISOString();
    const fields = { swap_date: at.slice(0, 10), swap_time: at.slice(11, 19), risk_indicator: 3 };
    expect(await check(fields, 31)).toEqual({ status: 'ok', value: { swapped: true, maxAgeHours: 31 } });
    expect(await check(fields, 29)).toEqual({ status: 'ok', value: { swapped: false, maxAgeHours: 29 } });
  });

  it('a date without time settles only windows that hold the whole day or none of it', async () => {
    // 2026-11-20: between 34 and 58 hours before NOW (2026-11-22T10:00Z).
    const fields = { swap_date: '2026-11-20', risk_indicator: null };
    expect(await check(fields, 60)).toEqual({ status: 'ok', value: { swapped: true, maxAgeHours: 60 } });
    expect(await check(fields, 30)).toEqual({ status: 'ok', value: { swapped: false, maxAgeHours: 30 } });
    expect((await check(fields, 40)).status).toBe('not_supported');
    // 2026-11-19 is 58 to 82 hours back: a 72 h window cuts the day, risk 3 (last 72 h) settles it.
    expect((await check({ swap_date: '2026-11-19', risk_indicator: null }, 72)).status).toBe('not_supported');
    expect(await check({ swap_date: '2026-11-19', risk_indicator: 3 }, 72)).toEqual({ status: 'ok', value: { swapped: true, maxAgeHours: 72 } });
  });

  it('no date and no risk indicator is not an answer', async () => {
    expect((await check({}, 24)).status).toBe('not_supported');
  });

  it.each([[{ risk_indicator: 7 }], [{ swap_date: '22/11/2026' }], [{ swap_date: '2026-13-45', swap_time: '10:00:00' }]])(
    'garbled fields %o → malformed',
    async (fields) => {
      expect((await failureOf(check(fields, 24))).failure).toBe('malformed');
    },
  );
});

describe('sim_swap.retrieve_date', () => {
  const retrieve = (fields: Record<string, unknown>) =>
    ask(adapterAnswering(phoneIdAnswer({ sim_swap: fields })).adapter, 'sim_swap.retrieve_date', {});

  it('date and time → that instant (UTC)', async () => {
    expect(await retrieve({ swap_date: '2026-11-20', swap_time: '22:05:09', risk_indicator: 3 })).toEqual({
      status: 'ok',
      value: { latestSimChange: '2026-11-20T22:05:09.000Z', monitoredPeriodDays: null },
    });
  });

  it('a date alone → the latest instant of that day, never after now', async () => {
    expect(await retrieve({ swap_date: '2026-11-20', risk_indicator: 3 })).toMatchObject({ value: { latestSimChange: '2026-11-20T23:59:59.000Z' } });
    expect(await retrieve({ swap_date: '2026-11-22', risk_indicator: 4 })).toMatchObject({ value: { latestSimChange: new Date(NOW).toISOString() } });
  });

  it('no date: null with risk 1 (no swap recorded); a higher risk without a date is not an answer', async () => {
    expect(await retrieve({ swap_date: null, risk_indicator: 1 })).toEqual({ status: 'ok', value: { latestSimChange: null, monitoredPeriodDays: null } });
    expect((await retrieve({ risk_indicator: 3 })).status).toBe('not_supported');
  });
});

describe('call forwarding', () => {
  const forwarding = <Op extends 'call_forwarding.unconditional' | 'call_forwarding.services'>(operation: Op, fields: Record<string, unknown>) =>
    ask(adapterAnswering(phoneIdAnswer({ call_forward_detection: fields })).adapter, operation, {});

  it.each([
    [{ call_forward_enabled: 'false' }, false, []],
    [{ call_forward_enabled: false }, false, []],
    [{ call_forward_enabled: 'true', call_forward_type: 'unconditional' }, true, ['unconditional']],
    [{ call_forward_enabled: 'TRUE', call_forward_type: 'conditional', call_forward_condition: 'busy' }, false, ['conditional_busy']],
    [{ call_forward_enabled: true, call_forward_type: 'conditional', call_forward_condition: 'no_reply' }, false, ['conditional_no_answer']],
    [{ call_forward_enabled: 'true', call_forward_type: 'conditional', call_forward_condition: 'busy, not reachable' }, false, ['conditional_busy', 'conditional_not_reachable']],
    [{ call_forward_enabled: 'true', call_forward_type: 'conditional', call_forward_condition: 'unreachable' }, false, ['conditional_not_reachable']],
  ])('%o → unconditional %s, services %o', async (fields, unconditional, services) => {
    expect(await forwarding('call_forwarding.unconditional', fields)).toEqual({ status: 'ok', value: { active: unconditional } });
    expect(await forwarding('call_forwarding.services', fields)).toEqual({ status: 'ok', value: { services } });
  });

  it('an unknown condition or a missing type settles unconditional but not the service list', async () => {
    const unknownCondition = { call_forward_enabled: 'true', call_forward_type: 'conditional', call_forward_condition: 'on_tuesdays' };
    expect(await forwarding('call_forwarding.unconditional', unknownCondition)).toEqual({ status: 'ok', value: { active: false } });
    expect((await forwarding('call_forwarding.services', unknownCondition)).status).toBe('not_supported');
    for (const fields of [{ call_forward_enabled: 'true' }, { call_forward_enabled: null }, {}]) {
      expect((await forwarding('call_forwarding.unconditional', fields)).status).toBe('not_supported');
      expect((await forwarding('call_forwarding.services', fields)).status).toBe('not_supported');
    }
  });

  it('a condition named like an Object.prototype member is as unknown as any other', async () => {
    for (const name of PROTOTYPE_NAMES) {
      const fields = { call_forward_enabled: 'true', call_forward_type: 'conditional', call_forward_condition: name };
      expect((await forwarding('call_forwarding.services', fields)).status, name).toBe('not_supported');
    }
  });

  it('a call_forward_enabled that is no boolean → malformed', async () => {
    expect((await failureOf(forwarding('call_forwarding.unconditional', { call_forward_enabled: 'maybe' }))).failure).toBe('malformed');
  });
});

describe('call_state.retrieve', () => {
  const callState = (fields: Record<string, unknown>) =>
    ask(adapterAnswering(phoneIdAnswer({ active_call_status: fields })).adapter, 'call_state.retrieve', {});

  it.each([
    [{ is_call_active: true, call_direction: 'calling', call_duration: 42 }, { onCall: true, direction: 'outgoing', durationSeconds: 42 }],
    [{ is_call_active: true, call_direction: 'called', call_duration: 7 }, { onCall: true, direction: 'incoming', durationSeconds: 7 }],
    [{ is_call_active: true, call_direction: null, call_duration: null }, { onCall: true, direction: null, durationSeconds: null }],
    [{ is_call_active: 'true', call_direction: 'CALLING', call_duration: '5' }, { onCall: true, direction: 'outgoing', durationSeconds: 5 }],
    [{ is_call_active: false, call_direction: null, call_duration: null }, { onCall: false, direction: null, durationSeconds: null }],
  ])('%o → %o', async (fields, value) => {
    expect(await callState(fields)).toEqual({ status: 'ok', value });
  });

  it('a direction named like an Object.prototype member is no direction', async () => {
    for (const name of PROTOTYPE_NAMES) {
      expect(await callState({ is_call_active: true, call_direction: name, call_duration: 1 }), name).toEqual({
        status: 'ok',
        value: { onCall: true, direction: null, durationSeconds: 1 },
      });
    }
  });

  it('is_call_active null is not an answer', async () => {
    expect((await callState({ is_call_active: null })).status).toBe('not_supported');
  });
});

describe('statuses and failures', () => {
  it.each([
    [2803, 'not_supported'],
    [2805, 'not_supported'],
  ])('add-on status %i → %s', async (code, status) => {
    const { adapter } = adapterAnswering(phoneIdAnswer({ sim_swap: { status: { code } } }, { status: { code: 301 } }));
    expect((await ask(adapter, 'sim_swap.check', { maxAgeHours: 24 })).status).toBe(status);
  });

  it.each([
    [2811, 'timeout'],
    [2801, 'rejected'],
    [2899, 'rejected'],
  ])('add-on status %i → UpstreamError %s', async (code, failure) => {
    const { adapter } = adapterAnswering(phoneIdAnswer({ sim_swap: { status: { code } } }, { status: { code: 301 } }));
    expect((await failureOf(ask(adapter, 'sim_swap.check', { maxAgeHours: 24 }))).failure).toBe(failure);
  });

  it('phone type 8 (invalid) → not_found, without the number in the message', async () => {
    const { adapter } = adapterAnswering(phoneIdAnswer({ sim_swap: { status: { code: 2805 } } }, { phone_type: { code: '8', description: 'INVALID' } }));
    const outcome = await ask(adapter, 'sim_swap.check', { maxAgeHours: 24 }, '+447700900990');
    expect(outcome.status).toBe('not_found');
    expect(JSON.stringify(outcome)).not.toContain('7700900990');
  });

  it('a transaction status other than 300/301 inside a 200 → server', async () => {
    const { adapter } = adapterAnswering(phoneIdAnswer({}, { status: { code: 500, description: 'Transaction not attempted' } }));
    expect((await failureOf(ask(adapter, 'sim_swap.check', { maxAgeHours: 24 }))).failure).toBe('server');
  });

  it.each([
    ['the add-on is missing', phoneIdAnswer({})],
    ['the add-on has no status', phoneIdAnswer({}, { sim_swap: { risk_indicator: 1 } })],
    ['there is no transaction status', { sim_swap: { status: { code: 2800 } } }],
    ['the body is not JSON', '<html>'],
  ])('malformed when %s', async (_label, body) => {
    const { adapter } = adapterAnswering(body);
    expect((await failureOf(ask(adapter, 'sim_swap.check', { maxAgeHours: 24 }))).failure).toBe('malformed');
  });

  it.each([
    [401, 'auth'],
    [403, 'auth'],
    [400, 'rejected'],
    [404, 'rejected'],
    [500, 'server'],
    [503, 'server'],
  ])('HTTP %i → %s, quoting Telesign error codes but never descriptions', async (status, failure) => {
    const body = { status: { code: 501, description: 'Not authorized' }, errors: [{ code: -30006, description: 'about +447700900002' }] };
    const { adapter } = adapterAnswering(body, {}, status);
    const error = await failureOf(ask(adapter, 'sim_swap.check', { maxAgeHours: 24 }));
    expect(error).toMatchObject({ failure, httpStatus: status, provider: 'telesign' });
    expect(error.message).toContain('-30006');
    expect(error.message).not.toContain('7700900002');
  });

  it('429 → rate_limited with the Retry-After delay', async () => {
    const scripted = scriptedHttp(() => ({ status: 429, body: {}, headers: { 'retry-after': '4' } }));
    const adapter = createTelesignAdapter(config(), { http: scripted, now: () => NOW });
    expect(await failureOf(ask(adapter, 'sim_swap.check', { maxAgeHours: 24 }))).toMatchObject({ failure: 'rate_limited', retryAfterMs: 4_000 });
  });
});

describe('config', () => {
  it('defaults: rest-ww host, HMAC, no consent, https only', () => {
    const parsed = parseTelesignConfig({ id: 'ts', kind: 'telesign', customerId: 'C', apiKey: 'QUJD' });
    expect(parsed).toMatchObject({ baseUrl: TELESIGN_DEFAULT_BASE_URL, auth: 'hmac', allowInsecureHttp: false });
    expect(parsed.consent).toBeUndefined();
  });

  it.each([
    ['a key that is not base64 with hmac', { apiKey: 'not base64!' }],
    ['plain http without allowInsecureHttp', { baseUrl: 'http://127.0.0.1:9/carriers/telesign' }],
    ['allowInsecureHttp for a remote host', { baseUrl: 'http://telesign.example', allowInsecureHttp: true }],
    ['a customer id with a colon', { customerId: 'a:b' }],
    ['an unknown field', { region: 'eu' }],
  ])('refuses %s', (_label, overrides) => {
    expect(() => parseTelesignConfig({ ...config(), ...overrides })).toThrow();
  });

  it('accepts any printable key with Basic', () => {
    expect(parseTelesignConfig({ ...config(), auth: 'basic', apiKey: 'not-base64-at-all' }).auth).toBe('basic');
  });

  it('never echoes the API key in validation errors', () => {
    const secret = 'sup3r-secret-key!';
    const refusal = thrownBy(() => parseTelesignConfig({ ...config(), apiKey: secret }));
    expect(refusal).toBeInstanceOf(ZodError);
    expect(String(refusal)).not.toContain(secret);
    expect(JSON.stringify(refusal)).not.toContain(secret);
  });
});

describe('against the mock carrier', () => {
  const { network: net, http } = useAdapterTestBed();
  let base: string;
  beforeAll(() => {
    base = carrierUrl(net, TELESIGN_CARRIER_ID);
  });

  it('the dev provider matches the mock account', () => {
    expect(telesignDevProvider(base)).toMatchObject({ customerId: TELESIGN_DEV_CUSTOMER_ID, apiKey: TELESIGN_DEV_API_KEY, allowInsecureHttp: true });
    expect(parseTelesignConfig(telesignDevProvider(base)).baseUrl).toBe(base);
  });

  it('conditional services come back as CAMARA names', async () => {
    const adapter = createTelesignAdapter(telesignDevProvider(base), { http });
    expect(await ask(adapter, 'call_forwarding.services', {}, '+447700900503')).toEqual({
      status: 'ok',
      value: { services: ['conditional_busy', 'conditional_no_answer'] },
    });
  });

  it('a clock more than 15 minutes off is refused (−30010) → auth', async () => {
    const adapter = createTelesignAdapter(telesignDevProvider(base), { http, now: () => Date.now() - 20 * 60_000 });
    const error = await failureOf(ask(adapter, 'sim_swap.check', { maxAgeHours: 24 }));
    expect(error).toMatchObject({ failure: 'auth', httpStatus: 401 });
    expect(error.message).toContain('-30010');
  });

  it('Basic is refused where the account requires the digest; the digest still passes', async () => {
    net.carrier(TELESIGN_CARRIER_ID).settings.update({ requireTsa: true });
    try {
      const basic = createTelesignAdapter({ ...telesignDevProvider(base), auth: 'basic' }, { http });
      expect((await failureOf(ask(basic, 'sim_swap.check', { maxAgeHours: 24 }))).message).toContain('-30005');
      const digest = createTelesignAdapter(telesignDevProvider(base), { http });
      expect((await ask(digest, 'sim_swap.check', { maxAgeHours: 24 })).status).toBe('ok');
    } finally {
      net.carrier(TELESIGN_CARRIER_ID).settings.reset();
    }
  });

  it('back-to-back requests in the same second each get their own nonce (no −30012)', async () => {
    const sameSecond = Math.floor(Date.now() / 1000) * 1000;
    const adapter = createTelesignAdapter(telesignDevProvider(base), { http, now: () => sameSecond });
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => ask(adapter, 'call_state.retrieve', {}, '+447700900005')));
    for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'ok', value: { onCall: true, direction: 'outgoing' } });
  });

  it('a 2811 from the mock → timeout; the answer for the US line is out of coverage', async () => {
    const adapter = createTelesignAdapter(telesignDevProvider(base), { http });
    net.faults.add({ carrier: TELESIGN_CARRIER_ID, endpoint: PHONEID_ENDPOINT, kind: 'check_error', check: 'active_call_status', code: 2811, times: 1 });
    expect((await failureOf(ask(adapter, 'call_state.retrieve', {}, '+447700900005'))).failure).toBe('timeout');
    expect((await ask(adapter, 'call_state.retrieve', {}, '+12025550101')).status).toBe('not_supported');
  });
});

describe('line_type.retrieve', () => {
  it('asks the base PhoneID answer: a JSON body without add-ons', async () => {
    const { adapter, requests } = adapterAnswering(phoneIdAnswer({}));
    expect(await ask(adapter, 'line_type.retrieve', {})).toEqual({ status: 'ok', value: { lineType: 'mobile' } });
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0]!.body!)).toEqual({});
  });

  it.each([
    ['1', 'landline'],
    ['2', 'mobile'],
    ['3', 'mobile'],
    ['4', 'toll_free'],
    ['5', 'voip'],
    ['6', 'pager'],
    ['7', 'payphone'],
    ['9', 'premium'],
    ['10', 'personal'],
    ['11', 'voicemail'],
    ['20', 'other'],
    ['42', 'other'],
  ])('reads phone type %s as %s', async (code, lineType) => {
    const { adapter } = adapterAnswering(phoneIdAnswer({}, { phone_type: { code, description: 'whatever' } }));
    expect(await ask(adapter, 'line_type.retrieve', {})).toEqual({ status: 'ok', value: { lineType } });
  });

  it('reads a numeric code, answers not_found for INVALID (8) and not_supported without a phone_type', async () => {
    const numeric = adapterAnswering(phoneIdAnswer({}, { phone_type: { code: 5, description: 'VOIP' } }));
    expect(await ask(numeric.adapter, 'line_type.retrieve', {})).toEqual({ status: 'ok', value: { lineType: 'voip' } });
    const invalid = adapterAnswering(phoneIdAnswer({}, { phone_type: { code: '8', description: 'INVALID' } }));
    expect(await ask(invalid.adapter, 'line_type.retrieve', {})).toMatchObject({ status: 'not_found' });
    const none = adapterAnswering(phoneIdAnswer({}, { phone_type: null }));
    expect(await ask(none.adapter, 'line_type.retrieve', {})).toMatchObject({ status: 'not_supported' });
  });
});
