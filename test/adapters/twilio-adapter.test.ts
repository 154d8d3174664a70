/**
 * Twilio adapter beyond the contract: the request on the wire, the SIM swap window logic, line
 * status case and meaning, per-package errors, HTTP errors and config. Against the mock where the
 * mock can say it; against a canned HttpClient for answers the mock never gives.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTwilioAdapter } from '../../adapters/twilio/adapter.ts';
import { parseTwilioConfig, type TwilioProviderConfigInput } from '../../adapters/twilio/config.ts';
import { UpstreamError, type Adapter, type CallContext, type OperationOutcome } from '../../src/contract/adapter.ts';
import { TWILIO_DEV_CREDENTIALS } from '../../mocks/carriers/twilio/dev-credentials.ts';
import { twilioDevProvider } from '../../mocks/carriers/twilio/dev-credentials.ts';
import { ProviderConfigSchema } from '../../src/config/schema.ts';
import { createAdapter } from '../../src/engine/adapter-factory.ts';
import type { OperationId, OperationParams } from '../../src/contract/signals.ts';
import { cannedHttp } from '../support/http-clients.ts';
import { carrierUrl } from '../support/mock-carriers.ts';
import { useAdapterTestBed } from './support/adapter-test-bed.ts';

const context = (): CallContext => ({ signal: new AbortController().signal, tenantId: 't1' });
const { accountSid, authToken, apiKeySid, apiKeySecret } = TWILIO_DEV_CREDENTIALS;

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

const GB_NUMBER = '+447700900002';

/** A 200 lookup answer for GB_NUMBER with one package set. */
function answer(packages: Record<string, unknown>, top: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    calling_country_code: '44',
    country_code: 'GB',
    phone_number: GB_NUMBER,
    national_format: '07700 900002',
    valid: true,
    validation_errors: null,
    caller_name: null,
    sim_swap: null,
    call_forwarding: null,
    line_status: null,
    url: `https://lookups.twilio.com/v2/PhoneNumbers/${GB_NUMBER}`,
    ...packages,
    ...top,
  };
}

const CANNED_CONFIG: TwilioProviderConfigInput = { id: 'twilio', kind: 'twilio', accountSid, authToken };

async function outcomeOf<Op extends OperationId>(
  adapter: Adapter,
  operation: Op,
  params: OperationParams<Op>,
  phoneNumber = GB_NUMBER,
): Promise<OperationOutcome<Op> | UpstreamError> {
  return adapter.execute({ operation, phoneNumber, params }, context()).catch((error: unknown) => {
    if (error instanceof UpstreamError) return error;
    throw error;
  });
}

function expectNoNumber(subject: OperationOutcome | UpstreamError, phoneNumber = GB_NUMBER): void {
  const text = subject instanceof UpstreamError ? subject.message : JSON.stringify(subject);
  expect(text).not.toContain(phoneNumber.slice(1));
}

describe('against the mock', () => {
  const { network, http } = useAdapterTestBed();
  let adapter: Adapter;
  beforeAll(() => {
    adapter = createTwilioAdapter(twilioDevProvider(baseUrl()), { http });
  });

  function baseUrl(): string {
    return carrierUrl(network, 'twilio');
  }

  function setSimChange(phoneNumber: string, simChangedAt: string | null): void {
    network.world.put(phoneNumber, { ...network.world.get(phoneNumber)!, simChangedAt });
  }

  describe('the request', () => {
    it.each([
      ['sim_swap.check', { maxAgeHours: 24 }, 'sim_swap'],
      ['sim_swap.retrieve_date', {}, 'sim_swap'],
      ['call_forwarding.unconditional', {}, 'call_forwarding'],
      ['reachability.retrieve', {}, 'line_status'],
    ] as const)('%s is one GET with the literal + in the path and Fields=%s', async (operation, params, fields) => {
      const before = network.stats.get('twilio', 'lookup');
      await adapter.execute({ operation, phoneNumber: '+447700900001', params }, context());
      expect(network.stats.get('twilio', 'lookup')).toBe(before + 1);
      expect(http.requests).toHaveLength(1);
      const [request] = http.requests;
      expect(request!.method).toBe('GET');
      expect(request!.body).toBeUndefined();
      expect(request!.url).toBe(`${baseUrl()}/v2/PhoneNumbers/+447700900001?Fields=${fields}`);
      expect(request!.headers?.authorization).toBe(basic(accountSid, authToken));
    });

    it('authenticates with the API key when one is configured', async () => {
      const keyed = createTwilioAdapter(
        { id: 'twilio', kind: 'twilio', baseUrl: baseUrl(), accountSid, apiKeySid, apiKeySecret, allowInsecureHttp: true },
        { http },
      );
      const outcome = await keyed.execute({ operation: 'reachability.retrieve', phoneNumber: '+447700900001', params: {} }, context());
      expect(outcome.status).toBe('ok');
      expect(http.requests[0]!.headers?.authorization).toBe(basic(apiKeySid, apiKeySecret));
    });

    it('sends nothing for a number that is not E.164', async () => {
      const outcome = await adapter.execute({ operation: 'reachability.retrieve', phoneNumber: '+44/../x', params: {} }, context());
      expect(outcome).toMatchObject({ status: 'rejected', code: 'INVALID_ARGUMENT' });
      expect(http.requests).toHaveLength(0);
    });
  });

  describe('sim_swap where the carrier shares the date (albion)', () => {
    it('answers check from the date, whatever the account window', async () => {
      setSimChange('+447700900001', '3 hours ago');
      expect(await outcomeOf(adapter, 'sim_swap.check', { maxAgeHours: 2 }, '+447700900001')).toEqual({
        status: 'ok',
        value: { swapped: false, maxAgeHours: 2 },
      });
      expect(await outcomeOf(adapter, 'sim_swap.check', { maxAgeHours: 4 }, '+447700900001')).toEqual({
        status: 'ok',
        value: { swapped: true, maxAgeHours: 4 },
      });
      expect(await outcomeOf(adapter, 'sim_swap.check', { maxAgeHours: 2400 }, '+447700900001')).toMatchObject({
        value: { swapped: true },
      });
    });

    it('answers retrieve_date with the date and no monitored period', async () => {
      setSimChange('+447700900001', '3 hours ago');
      const outcome = await outcomeOf(adapter, 'sim_swap.retrieve_date', {}, '+447700900001');
      expect(outcome).toEqual({
        status: 'ok',
        value: { latestSimChange: new Date(network.world.get('+447700900001')!.simChangedAt!).toISOString(), monitoredPeriodDays: null },
      });
    });
  });

  describe('sim_swap where the carrier withholds the date (brightwave, window PT48H)', () => {
    const NUMBER = '+447700900502';

    it.each([
      // [SIM changed, maxAgeHours, outcome]
      ['5 hours ago', 48, true],
      ['5 hours ago', 72, true],
      ['5 hours ago', 2400, true],
      ['5 hours ago', 24, 'not_supported'],
      ['5 hours ago', 47, 'not_supported'],
      ['10 days ago', 48, false],
      ['10 days ago', 24, false],
      ['10 days ago', 1, false],
      ['10 days ago', 72, 'not_supported'],
      [null, 49, 'not_supported'],
    ] as const)('SIM changed %s, check(%i) → %s', async (changed, maxAgeHours, expected) => {
      setSimChange(NUMBER, changed);
      const outcome = await outcomeOf(adapter, 'sim_swap.check', { maxAgeHours }, NUMBER);
      if (expected === 'not_supported') {
        expect(outcome).toMatchObject({ status: 'not_supported' });
        expect((outcome as { message: string }).message).toMatch(/48 h window/);
        expectNoNumber(outcome, NUMBER);
      } else {
        expect(outcome).toEqual({ status: 'ok', value: { swapped: expected, maxAgeHours } });
      }
    });

    it('follows the window the answer names (swapped_period), not a configured one', async () => {
      network.carrier('twilio').settings.update({ swappedPeriodHours: 24 });
      setSimChange(NUMBER, '30 hours ago');
      const configured = createTwilioAdapter({ ...twilioDevProvider(baseUrl()), simSwapWindowHours: 48 }, { http });
      expect(await outcomeOf(configured, 'sim_swap.check', { maxAgeHours: 24 }, NUMBER)).toEqual({
        status: 'ok',
        value: { swapped: false, maxAgeHours: 24 },
      });
      expect(await outcomeOf(configured, 'sim_swap.check', { maxAgeHours: 48 }, NUMBER)).toMatchObject({ status: 'not_supported' });
    });

    it('has no date to retrieve: not_supported, never null as if nothing happened', async () => {
      setSimChange(NUMBER, '5 hours ago');
      const outcome = await outcomeOf(adapter, 'sim_swap.retrieve_date', {}, NUMBER);
      expect(outcome).toMatchObject({ status: 'not_supported' });
      expectNoNumber(outcome, NUMBER);
    });
  });

  describe('per-package errors inside a 200', () => {
    function packageError(check: string, code: number | string): void {
      network.faults.add({ carrier: 'twilio', endpoint: 'lookup', kind: 'check_error', check, code, times: 1 });
    }

    it.each([
      [60608, 'server', true, true],
      [60620, 'rejected', false, false],
      [60606, 'auth', false, false],
      [60614, 'auth', false, false],
      [69999, 'server', true, true],
    ] as const)('sim_swap error %i → UpstreamError %s', async (code, failure, retryable, countsAgainstBreaker) => {
      packageError('sim_swap', code);
      const outcome = await outcomeOf(adapter, 'sim_swap.check', { maxAgeHours: 48 }, '+447700900001');
      expect(outcome).toBeInstanceOf(UpstreamError);
      const error = outcome as UpstreamError;
      expect({ failure: error.failure, retryable: error.retryable, breaker: error.countsAgainstBreaker }).toEqual({
        failure,
        retryable,
        breaker: countsAgainstBreaker,
      });
      expect(error.message).toContain(String(code));
      expectNoNumber(error, '+447700900001');
    });

    it.each([
      ['call_forwarding.unconditional', 'call_forwarding'],
      ['reachability.retrieve', 'line_status'],
    ] as const)('%s: 60608 → server, 60607 → not_supported', async (operation, check) => {
      packageError(check, 60608);
      expect(await outcomeOf(adapter, operation, {}, '+447700900001')).toMatchObject({ failure: 'server' });
      packageError(check, 60607);
      expect(await outcomeOf(adapter, operation, {}, '+447700900001')).toMatchObject({ status: 'not_supported' });
    });

    it('a country without coverage (60607), an unassigned number (60610), a non-mobile line (60612) → not_supported', async () => {
      const cases: Array<[string, OperationId]> = [
        ['+33612345678', 'sim_swap.check'],
        ['+447400123456', 'sim_swap.check'],
        ['+447400123456', 'call_forwarding.unconditional'],
        ['+447700900008', 'sim_swap.retrieve_date'],
        ['+447700900008', 'reachability.retrieve'],
        ['+33612345678', 'reachability.retrieve'],
      ];
      for (const [phoneNumber, operation] of cases) {
        const params = operation === 'sim_swap.check' ? { maxAgeHours: 48 } : {};
        const outcome = await outcomeOf(adapter, operation, params as never, phoneNumber);
        expect(outcome, `${operation} ${phoneNumber}`).toMatchObject({ status: 'not_supported', message: expect.stringMatching(/Twilio 606(07|10|12)/) });
        expectNoNumber(outcome, phoneNumber);
      }
    });

    it('a null package (call forwarding outside the UK) → not_supported', async () => {
      const outcome = await outcomeOf(adapter, 'call_forwarding.unconditional', {}, '+12025550101');
      expect(outcome).toMatchObject({ status: 'not_supported', message: expect.stringContaining('no call_forwarding data') });
    });
  });

  describe('line_status', () => {
    it('reads Reachable and Unreachable whatever the case (lowercase at liberty)', async () => {
      expect(await outcomeOf(adapter, 'reachability.retrieve', {}, '+12025550101')).toEqual({
        status: 'ok',
        value: { reachable: true, connectivity: [], lastStatusTime: null },
      });
      expect(await outcomeOf(adapter, 'reachability.retrieve', {}, '+447700900009')).toEqual({
        status: 'ok',
        value: { reachable: false, connectivity: [], lastStatusTime: null },
      });
      network.world.put('+12025550101', { ...network.world.get('+12025550101')!, reachable: [] });
      expect(await outcomeOf(adapter, 'reachability.retrieve', {}, '+12025550101')).toMatchObject({ value: { reachable: false } });
    });

    it('Inactive (no subscriber holds the number) → not_found', async () => {
      expect(await outcomeOf(adapter, 'reachability.retrieve', {}, '+447400123456')).toMatchObject({ status: 'not_found' });
    });

    it('Active → not_supported (assigned, not necessarily reachable); Unknown → server', async () => {
      network.faults.add({ carrier: 'twilio', kind: 'check_error', check: 'line_status', code: 'active', times: 1 });
      expect(await outcomeOf(adapter, 'reachability.retrieve', {}, '+447700900001')).toMatchObject({ status: 'not_supported' });
      network.faults.add({ carrier: 'twilio', kind: 'check_error', check: 'line_status', code: 'UNKNOWN', times: 1 });
      expect(await outcomeOf(adapter, 'reachability.retrieve', {}, '+447700900001')).toMatchObject({ failure: 'server' });
      network.faults.add({ carrier: 'twilio', kind: 'check_error', check: 'line_status', code: 'Busy', times: 1 });
      expect(await outcomeOf(adapter, 'reachability.retrieve', {}, '+447700900001')).toMatchObject({ failure: 'malformed' });
    });
  });

  describe('HTTP errors', () => {
    it.each([
      [403, 'auth'],
      [404, 'rejected'],
      [400, 'rejected'],
      [500, 'server'],
      [502, 'server'],
    ] as const)('%i → %s', async (status, failure) => {
      network.faults.add({ carrier: 'twilio', kind: 'status', status, times: 1 });
      const outcome = await outcomeOf(adapter, 'reachability.retrieve', {}, '+447700900001');
      expect(outcome).toMatchObject({ failure, httpStatus: status });
    });

    it('429 without Retry-After is rate_limited with no delay (Twilio documents none)', async () => {
      network.faults.add({ carrier: 'twilio', kind: 'status', status: 429, times: 1 });
      const outcome = await outcomeOf(adapter, 'reachability.retrieve', {}, '+447700900001');
      expect(outcome).toMatchObject({ failure: 'rate_limited', retryAfterMs: undefined });
      expect((outcome as UpstreamError).message).toContain('20429');
    });

    it('an invalid number → not_found, naming the validation error', async () => {
      const outcome = await outcomeOf(adapter, 'sim_swap.check', { maxAgeHours: 48 }, '+447700900990');
      expect(outcome).toEqual({ status: 'not_found', message: 'twilio: not a valid number (INVALID_BUT_POSSIBLE)' });
    });
  });
});

describe('answers the mock never gives (canned)', () => {
  function adapterAnswering(status: number, body: unknown, config: Partial<TwilioProviderConfigInput> = {}, headers = {}) {
    const http = cannedHttp(status, body, headers);
    return { http, adapter: createTwilioAdapter({ ...CANNED_CONFIG, ...config }, { http }) };
  }

  it('talks to https://lookups.twilio.com by default', async () => {
    const { http, adapter } = adapterAnswering(200, answer({ line_status: { status: 'Reachable', error_code: null } }));
    await outcomeOf(adapter, 'reachability.retrieve', {});
    expect(http.requests[0]!.url).toBe(`https://lookups.twilio.com/v2/PhoneNumbers/${GB_NUMBER}?Fields=line_status`);
  });

  it.each(['REACHABLE', ' reachable ', 'Reachable'])('normalizes the status %j', async (status) => {
    const { adapter } = adapterAnswering(200, answer({ line_status: { status, error_code: null } }));
    expect(await outcomeOf(adapter, 'reachability.retrieve', {})).toMatchObject({ status: 'ok', value: { reachable: true } });
  });

  it('reads the OpenAPI examples’ call_forwarding_status, and refuses a package that contradicts itself', async () => {
    const legacy = adapterAnswering(200, answer({ call_forwarding: { call_forwarding_status: true, error_code: null } }));
    expect(await outcomeOf(legacy.adapter, 'call_forwarding.unconditional', {})).toEqual({ status: 'ok', value: { active: true } });
    const both = adapterAnswering(200, answer({ call_forwarding: { call_forwarding_enabled: false, call_forwarding_status: true } }));
    expect(await outcomeOf(both.adapter, 'call_forwarding.unconditional', {})).toMatchObject({ failure: 'malformed' });
    const neither = adapterAnswering(200, answer({ call_forwarding: { error_code: null } }));
    expect(await outcomeOf(neither.adapter, 'call_forwarding.unconditional', {})).toMatchObject({ failure: 'malformed' });
  });

  it('reads an error_code sent as a string', async () => {
    const { adapter } = adapterAnswering(200, answer({ sim_swap: { last_sim_swap: null, error_code: '60607' } }));
    expect(await outcomeOf(adapter, 'sim_swap.check', { maxAgeHours: 24 })).toMatchObject({ status: 'not_supported' });
  });

  it('uses simSwapWindowHours only when the answer names no swapped_period', async () => {
    const withoutPeriod = answer({ sim_swap: { last_sim_swap: { last_sim_swap_date: null, swapped_in_period: false }, error_code: null } });
    const configured = adapterAnswering(200, withoutPeriod, { simSwapWindowHours: 24 });
    expect(await outcomeOf(configured.adapter, 'sim_swap.check', { maxAgeHours: 24 })).toEqual({
      status: 'ok',
      value: { swapped: false, maxAgeHours: 24 },
    });
    const unconfigured = adapterAnswering(200, withoutPeriod);
    expect(await outcomeOf(unconfigured.adapter, 'sim_swap.check', { maxAgeHours: 24 })).toMatchObject({ failure: 'malformed' });
  });

  it.each([
    ['a period in months (no fixed length)', { last_sim_swap: { last_sim_swap_date: null, swapped_period: 'P1M', swapped_in_period: true } }],
    ['no verdict with the date withheld', { last_sim_swap: { last_sim_swap_date: null, swapped_period: 'PT48H' } }],
    ['no last_sim_swap and no error', { last_sim_swap: null, error_code: null }],
    ['a date that is not a date', { last_sim_swap: { last_sim_swap_date: 'yesterday', swapped_period: 'PT48H', swapped_in_period: true } }],
    ['a package that is not an object', 'sim swap'],
  ])('sim_swap with %s → malformed', async (_label, simSwap) => {
    const { adapter } = adapterAnswering(200, answer({ sim_swap: simSwap }));
    expect(await outcomeOf(adapter, 'sim_swap.check', { maxAgeHours: 48 })).toMatchObject({ failure: 'malformed' });
  });

  it('reads a swapped_period written in days (P2D)', async () => {
    const { adapter } = adapterAnswering(
      200,
      answer({ sim_swap: { last_sim_swap: { last_sim_swap_date: null, swapped_period: 'P2D', swapped_in_period: true }, error_code: null } }),
    );
    expect(await outcomeOf(adapter, 'sim_swap.check', { maxAgeHours: 48 })).toMatchObject({ value: { swapped: true } });
    expect(await outcomeOf(adapter, 'sim_swap.check', { maxAgeHours: 47 })).toMatchObject({ status: 'not_supported' });
  });

  it('refuses an answer about another number', async () => {
    const { adapter } = adapterAnswering(200, answer({ line_status: { status: 'Reachable' } }, { phone_number: '+447700900003' }));
    const outcome = await outcomeOf(adapter, 'reachability.retrieve', {});
    expect(outcome).toMatchObject({ failure: 'malformed' });
    expectNoNumber(outcome, '+447700900003');
  });

  it('treats a 3xx as malformed (redirects are never followed)', async () => {
    const { adapter } = adapterAnswering(302, '', {}, { location: 'https://elsewhere.example/' });
    expect(await outcomeOf(adapter, 'reachability.retrieve', {})).toMatchObject({ failure: 'malformed' });
  });

  it('keeps the number out of a Twilio error message that quotes the path', async () => {
    const { adapter } = adapterAnswering(404, {
      code: 20404,
      message: `The requested resource /v2/PhoneNumbers/${GB_NUMBER} was not found`,
      more_info: 'https://www.twilio.com/docs/errors/20404',
      status: 404,
    });
    const outcome = await outcomeOf(adapter, 'reachability.retrieve', {});
    expect(outcome).toMatchObject({ failure: 'rejected', message: expect.stringContaining('20404') });
    expectNoNumber(outcome);
  });

  it('honours Retry-After on 429 when Twilio sends one', async () => {
    const { adapter } = adapterAnswering(429, { code: 20429, message: 'Too Many Requests', status: 429 }, {}, { 'retry-after': '7' });
    expect(await outcomeOf(adapter, 'reachability.retrieve', {})).toMatchObject({ failure: 'rate_limited', retryAfterMs: 7000 });
  });
});

describe('config', () => {
  it('defaults the base URL, every package, and https; strips a trailing slash', () => {
    expect(parseTwilioConfig(CANNED_CONFIG)).toMatchObject({
      baseUrl: 'https://lookups.twilio.com',
      packages: ['sim_swap', 'call_forwarding', 'line_status', 'line_type_intelligence'],
      allowInsecureHttp: false,
    });
    expect(parseTwilioConfig({ ...CANNED_CONFIG, baseUrl: 'https://lookups.dublin.ie1.twilio.com/' }).baseUrl).toBe(
      'https://lookups.dublin.ie1.twilio.com',
    );
  });

  it.each([
    ['no credential', { authToken: undefined }],
    ['both credentials', { apiKeySid, apiKeySecret }],
    ['an API key without its secret', { authToken: undefined, apiKeySid }],
    ['an Account SID of the wrong shape', { accountSid: 'AC123' }],
    ['an API key SID of the wrong shape', { authToken: undefined, apiKeySid: 'AK123', apiKeySecret }],
    ['plain http', { baseUrl: 'http://127.0.0.1:8081/carriers/twilio' }],
    ['plain http off loopback', { baseUrl: 'http://lookups.example.com', allowInsecureHttp: true }],
    ['an unknown package', { packages: ['caller_name'] }],
    ['an unknown key', { region: 'ie1' }],
  ])('refuses %s', (_label, patch) => {
    expect(() => parseTwilioConfig({ ...CANNED_CONFIG, ...patch })).toThrow();
  });

  it('offers only the operations of the packages the account is approved for', async () => {
    const http = cannedHttp(200, answer({}));
    const adapter = createTwilioAdapter({ ...CANNED_CONFIG, packages: ['sim_swap'] }, { http });
    expect([...adapter.operations].sort()).toEqual(['sim_swap.check', 'sim_swap.retrieve_date']);
    expect(await outcomeOf(adapter, 'reachability.retrieve', {})).toMatchObject({ status: 'not_supported' });
    expect(http.requests).toHaveLength(0);
  });

  it('is a provider kind of the gateway config, built by the adapter factory', () => {
    const config = ProviderConfigSchema.parse(CANNED_CONFIG);
    const adapter = createAdapter(config, { http: cannedHttp(200, {}) });
    expect(adapter.kind).toBe('twilio');
    expect(adapter.id).toBe('twilio');
  });
});

describe('line_type_intelligence (canned)', () => {
  const adapterAnswering = (pkg: unknown) => createTwilioAdapter(CANNED_CONFIG, { http: cannedHttp(200, answer({ line_type_intelligence: pkg })) });

  it.each([
    ['mobile', 'mobile'],
    ['landline', 'landline'],
    ['fixedVoip', 'fixed_voip'],
    ['nonFixedVoip', 'non_fixed_voip'],
    ['NONFIXEDVOIP', 'non_fixed_voip'],
    ['tollFree', 'toll_free'],
    ['premium', 'premium'],
    ['sharedCost', 'shared_cost'],
    ['uan', 'uan'],
    ['personal', 'personal'],
    ['pager', 'pager'],
    ['voicemail', 'voicemail'],
    // A class Twilio added later: named, but none numtrust knows.
    ['satellite', 'other'],
  ])('reads type %j as %s', async (type, lineType) => {
    const outcome = await outcomeOf(adapterAnswering({ type, carrier_name: 'Albion Mobile', error_code: null }), 'line_type.retrieve', {});
    expect(outcome).toEqual({ status: 'ok', value: { lineType } });
  });

  it.each([{ type: 'unknown', error_code: null }, { type: null, error_code: null }, { error_code: null }])(
    'answers not_supported, never a class, when Twilio cannot classify the number (%j)',
    async (pkg) => {
      const outcome = await outcomeOf(adapterAnswering(pkg), 'line_type.retrieve', {});
      expect(outcome).toMatchObject({ status: 'not_supported' });
      expectNoNumber(outcome);
    },
  );

  it('reads the package error codes: 60606 not enabled is a configuration failure, 60610 not_supported', async () => {
    expect(await outcomeOf(adapterAnswering({ type: null, error_code: 60606 }), 'line_type.retrieve', {})).toMatchObject({ failure: 'auth' });
    expect(await outcomeOf(adapterAnswering({ type: null, error_code: 60610 }), 'line_type.retrieve', {})).toMatchObject({ status: 'not_supported' });
  });

  it('asks Fields=line_type_intelligence alone, and not at all when the account lacks the package', async () => {
    const http = cannedHttp(200, answer({ line_type_intelligence: { type: 'mobile', error_code: null } }));
    await outcomeOf(createTwilioAdapter(CANNED_CONFIG, { http }), 'line_type.retrieve', {});
    expect(http.requests[0]!.url).toBe(`https://lookups.twilio.com/v2/PhoneNumbers/${GB_NUMBER}?Fields=line_type_intelligence`);
    const without = createTwilioAdapter({ ...CANNED_CONFIG, packages: ['sim_swap'] }, { http });
    expect(without.operations.has('line_type.retrieve')).toBe(false);
  });
});
