/**
 * What the contract suite does not cover for Vonage: the application JWT (claims, signature,
 * reuse, renewal, the 401 retry), the wire request, case normalization, every per-insight status,
 * strict reading of insight attributes, request-level problems and the config.
 */
import { decodeJwt, decodeProtectedHeader, exportJWK, importJWK, importPKCS8, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetchHttpClient } from '../../adapters/fetch-http.ts';
import type { HttpClient, HttpRequest } from '../../src/contract/http.ts';
import type { Adapter, CallContext } from '../../src/contract/adapter.ts';
import { createVonageAdapter, IDENTITY_INSIGHTS_PATH } from '../../adapters/vonage/adapter.ts';
import { parseVonageConfig, type VonageProviderConfigInput } from '../../adapters/vonage/config.ts';
import { IDENTITY_INSIGHTS_ENDPOINT, VONAGE_CARRIER_ID } from '../../mocks/carriers/vonage/carrier.ts';
import { VONAGE_DEV_APPLICATION_ID, VONAGE_DEV_PRIVATE_KEY_PEM, VONAGE_DEV_PUBLIC_JWK } from '../../mocks/carriers/vonage/dev-credentials.ts';
import { vonageDevProvider } from '../../mocks/carriers/vonage/dev-credentials.ts';
import { startMockNetwork } from '../../mocks/network.ts';
import { ProviderConfigSchema } from '../../src/config/schema.ts';
import { createAdapter } from '../../src/engine/adapter-factory.ts';
import type { OperationId, OperationParams } from '../../src/contract/signals.ts';
import { cannedHttp, recordingHttp } from '../support/http-clients.ts';
import { failureOf } from '../support/upstream-errors.ts';
import type { MockNetwork } from './contract.ts';
import { useAdapterTestBed } from './support/adapter-test-bed.ts';

const SWAPPED_3_HOURS_AGO = '+447700900001';
const ROAMING_IN_FR = '+447700900007';
const IOT_LINE = '+447700900008';
const US_SMS_ONLY = '+12025550103';
const UNKNOWN = '+447700900990';

const context = (signal: AbortSignal = new AbortController().signal): CallContext => ({ signal, tenantId: 'tenant-a' });

function ask<Op extends OperationId>(adapter: Adapter, operation: Op, phoneNumber: string, params: OperationParams<Op>) {
  return adapter.execute({ operation, phoneNumber, params }, context());
}

const simSwapCheck = (adapter: Adapter, phoneNumber: string, maxAgeHours = 24) =>
  ask(adapter, 'sim_swap.check', phoneNumber, { maxAgeHours });

const bearerOf = (request: HttpRequest) => request.headers!.authorization!.replace(/^Bearer /, '');

describe('Vonage adapter against the mock', () => {
  /** The mock and the adapters share this clock, so JWT lifetimes can be jumped over. */
  let clock = Date.parse('2026-11-22T10:00:00.000Z');
  const { network, http: fetchHttp, track } = useAdapterTestBed({ clock: () => clock });

  const baseUrl = () => `${network.url}/carriers/${VONAGE_CARRIER_ID}`;
  function adapterWith(overrides: Partial<VonageProviderConfigInput> = {}, http: HttpClient = fetchHttp): Adapter {
    return track(createVonageAdapter({ ...vonageDevProvider(baseUrl()), ...overrides }, { http, now: () => clock }));
  }

  describe('application JWT', () => {
    it('is RS256 with application_id, iat, a uuid jti and exp = iat + ttl, signed with the private key', async () => {
      const http = recordingHttp(fetchHttp);
      const adapter = adapterWith({}, http);
      expect(await simSwapCheck(adapter, SWAPPED_3_HOURS_AGO)).toEqual({ status: 'ok', value: { swapped: true, maxAgeHours: 24 } });
      const token = bearerOf(http.requests[0]!);
      expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', typ: 'JWT' });
      const { payload } = await jwtVerify(token, await importJWK(VONAGE_DEV_PUBLIC_JWK, 'RS256'), { currentDate: new Date(clock) });
      expect(payload).toEqual({
        application_id: VONAGE_DEV_APPLICATION_ID,
        iat: Math.floor(clock / 1000),
        exp: Math.floor(clock / 1000) + 900,
        jti: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      });
    });

    it('serves many requests and tenants, then is renewed shortly before exp with a fresh jti', async () => {
      const http = recordingHttp(fetchHttp);
      const adapter = adapterWith({ jwtTtlSeconds: 300 }, http);
      await simSwapCheck(adapter, SWAPPED_3_HOURS_AGO);
      await adapter.execute({ operation: 'roaming.retrieve', phoneNumber: ROAMING_IN_FR, params: {} }, { ...context(), tenantId: 'tenant-b' });
      clock += 239_000; // 61 s before exp: still reused
      await simSwapCheck(adapter, SWAPPED_3_HOURS_AGO);
      clock += 2_000; // 59 s before exp: renewed
      await simSwapCheck(adapter, SWAPPED_3_HOURS_AGO);

      const tokens = http.requests.map(bearerOf);
      expect(new Set(tokens.slice(0, 3)).size).toBe(1);
      expect(tokens[3]).not.toBe(tokens[0]);
      expect(decodeJwt(tokens[3]!).jti).not.toBe(decodeJwt(tokens[0]!).jti);
      expect(decodeJwt(tokens[3]!).exp).toBe(Math.floor(clock / 1000) + 300);
    });

    it('mints one JWT for concurrent first requests', async () => {
      const http = recordingHttp(fetchHttp);
      const adapter = adapterWith({}, http);
      await Promise.all([SWAPPED_3_HOURS_AGO, ROAMING_IN_FR, US_SMS_ONLY].map((number) => simSwapCheck(adapter, number, 2400)));
      expect(new Set(http.requests.map(bearerOf)).size).toBe(1);
    });

    it('retries once with a fresh JWT when Vonage refuses a cached one', async () => {
      const http = recordingHttp(fetchHttp);
      const adapter = adapterWith({}, http);
      await simSwapCheck(adapter, SWAPPED_3_HOURS_AGO);
      network.faults.add({ carrier: VONAGE_CARRIER_ID, kind: 'status', status: 401, times: 1 });
      expect(await simSwapCheck(adapter, SWAPPED_3_HOURS_AGO)).toMatchObject({ status: 'ok' });
      expect(http.requests).toHaveLength(3);
      expect(bearerOf(http.requests[2]!)).not.toBe(bearerOf(http.requests[1]!));
    });

    it("fails with 'auth', without retrying, when a fresh JWT is refused", async () => {
      const adapter = adapterWith({ applicationId: '00000000-0000-4000-8000-000000000000' });
      const error = await failureOf(simSwapCheck(adapter, SWAPPED_3_HOURS_AGO));
      expect(error).toMatchObject({ failure: 'auth', httpStatus: 401 });
      expect(error.message).toMatch(/^vonage answered 401 unauthorized: /);
      expect(network.stats.get(VONAGE_CARRIER_ID, IDENTITY_INSIGHTS_ENDPOINT)).toBe(1);
    });

    it('accepts the private key as an RSA JWK, and a PEM with \\n escapes (one env line)', async () => {
      const jwk = await exportJWK(await importPKCS8(VONAGE_DEV_PRIVATE_KEY_PEM, 'RS256', { extractable: true }));
      expect(await simSwapCheck(adapterWith({ privateKey: jwk as never }), SWAPPED_3_HOURS_AGO)).toMatchObject({ status: 'ok' });
      const oneLine = VONAGE_DEV_PRIVATE_KEY_PEM.trim().replace(/\n/g, '\\n');
      expect(await simSwapCheck(adapterWith({ privateKey: oneLine }), SWAPPED_3_HOURS_AGO)).toMatchObject({ status: 'ok' });
    });

    it("fails with 'auth' and no request when the private key cannot sign", async () => {
      const garbage = '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----';
      const error = await failureOf(simSwapCheck(adapterWith({ privateKey: garbage }), SWAPPED_3_HOURS_AGO));
      expect(error).toMatchObject({ failure: 'auth', message: 'vonage: privateKey is not a usable RS256 private key' });
      expect(network.stats.total(VONAGE_CARRIER_ID)).toBe(0);
    });
  });

  describe('the wire request', () => {
    it('asks exactly one insight per operation, snake_case, with the purpose', async () => {
      const http = recordingHttp(fetchHttp);
      const adapter = adapterWith({}, http);
      await simSwapCheck(adapter, SWAPPED_3_HOURS_AGO, 48);
      await ask(adapter, 'sim_swap.retrieve_date', SWAPPED_3_HOURS_AGO, {});
      await ask(adapter, 'device_swap.check', SWAPPED_3_HOURS_AGO, { maxAgeHours: 6 });
      await ask(adapter, 'device_swap.retrieve_date', SWAPPED_3_HOURS_AGO, {});
      await ask(adapter, 'roaming.retrieve', SWAPPED_3_HOURS_AGO, {});
      await ask(adapter, 'reachability.retrieve', SWAPPED_3_HOURS_AGO, {});
      const base = { phone_number: SWAPPED_3_HOURS_AGO, purpose: 'FraudPreventionAndDetection' };
      expect(http.requests.map((request) => JSON.parse(request.body!))).toEqual([
        { ...base, insights: { sim_swap: { period: 48 } } },
        { ...base, insights: { sim_swap: { period: 2400 } } },
        { ...base, insights: { device_swap: { period: 6 } } },
        { ...base, insights: { device_swap: { period: 2400 } } },
        { ...base, insights: { roaming: {} } },
        { ...base, insights: { reachability: {} } },
      ]);
      for (const request of http.requests) {
        expect(request).toMatchObject({ method: 'POST', url: `${baseUrl()}${IDENTITY_INSIGHTS_PATH}` });
        expect(request.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
      }
    });

    it('refuses a period Vonage does not accept as OUT_OF_RANGE, without asking', async () => {
      const adapter = adapterWith();
      for (const maxAgeHours of [0, 2401, 1.5]) {
        expect(await simSwapCheck(adapter, SWAPPED_3_HOURS_AGO, maxAgeHours)).toMatchObject({ status: 'rejected', code: 'OUT_OF_RANGE' });
      }
      expect(network.stats.total(VONAGE_CARRIER_ID)).toBe(0);
    });
  });

  describe('answers', () => {
    it('retrieve_date: the latest swap date, no monitored period', async () => {
      expect(await ask(adapterWith(), 'sim_swap.retrieve_date', SWAPPED_3_HOURS_AGO, {})).toEqual({
        status: 'ok',
        value: { latestSimChange: new Date(network.world.get(SWAPPED_3_HOURS_AGO)!.simChangedAt!).toISOString(), monitoredPeriodDays: null },
      });
    });

    it('roaming: ISO countries, no MCC', async () => {
      expect(await ask(adapterWith(), 'roaming.retrieve', ROAMING_IN_FR, {})).toEqual({
        status: 'ok',
        value: { roaming: true, countryCode: null, countries: ['FR'], lastStatusTime: new Date(clock).toISOString() },
      });
    });

    it('reachability: lowercase connectivity becomes DATA/SMS', async () => {
      expect(await ask(adapterWith(), 'reachability.retrieve', US_SMS_ONLY, {})).toMatchObject({
        status: 'ok',
        value: { reachable: true, connectivity: ['SMS'] },
      });
    });

    it('reads status codes in either case (the SDK enum is lower case)', async () => {
      network.carrier(VONAGE_CARRIER_ID).settings.update({ statusCodeCase: 'lower' });
      const adapter = adapterWith();
      expect(await simSwapCheck(adapter, SWAPPED_3_HOURS_AGO)).toMatchObject({ status: 'ok', value: { swapped: true } });
      expect(await simSwapCheck(adapter, UNKNOWN)).toMatchObject({ status: 'not_found' });
      expect(await simSwapCheck(adapter, IOT_LINE)).toMatchObject({ status: 'not_supported' });
    });

    it("a purpose the application's profile lacks is a configuration error ('auth')", async () => {
      const error = await failureOf(simSwapCheck(adapterWith({ purpose: 'Marketing' }), SWAPPED_3_HOURS_AGO));
      expect(error).toMatchObject({ failure: 'auth', httpStatus: 200 });
      expect(error.message).toMatch(/^vonage: sim_swap insight INVALID_PURPOSE/);
    });

    it('offers only the configured operations', async () => {
      const adapter = adapterWith({ operations: ['sim_swap.check', 'roaming.retrieve'] });
      expect([...adapter.operations].sort()).toEqual(['roaming.retrieve', 'sim_swap.check']);
      expect(await ask(adapter, 'reachability.retrieve', US_SMS_ONLY, {})).toMatchObject({ status: 'not_supported' });
      expect(network.stats.total(VONAGE_CARRIER_ID)).toBe(0);
    });
  });

  describe('per-insight statuses inside a 200', () => {
    const cases: Array<[code: string, expected: Record<string, unknown>]> = [
      ['NOT_FOUND', { outcome: 'not_found' }],
      ['UNSUPPORTED_NETWORK_TYPE', { outcome: 'not_supported' }],
      ['NO_COVERAGE', { outcome: 'not_supported' }],
      ['PARTIAL_SUCCESS', { outcome: 'not_supported' }],
      ['INVALID_NUMBER_FORMAT', { outcome: 'rejected', code: 'INVALID_ARGUMENT' }],
      ['UNAUTHORIZED', { failure: 'auth' }],
      ['INVALID_PURPOSE', { failure: 'auth' }],
      ['SUPPLIER_ERROR', { failure: 'server' }],
      ['internal_error', { failure: 'server' }],
      ['SOMETHING_NEW', { failure: 'malformed' }],
    ];
    for (const [code, expected] of cases) {
      it(`${code} → ${JSON.stringify(expected)}`, async () => {
        network.faults.add({ carrier: VONAGE_CARRIER_ID, kind: 'check_error', check: 'sim_swap', code, times: 1 });
        const attempt = simSwapCheck(adapterWith(), SWAPPED_3_HOURS_AGO);
        if ('failure' in expected) {
          const error = await failureOf(attempt);
          expect(error).toMatchObject({ failure: expected.failure, httpStatus: 200 });
          expect(error.message).not.toContain(SWAPPED_3_HOURS_AGO.slice(1));
        } else {
          const outcome = await attempt;
          expect(outcome.status).toBe(expected.outcome);
          if ('code' in expected) expect(outcome).toMatchObject({ code: expected.code });
        }
      });
    }
  });
});

describe('Vonage adapter reading answers the mock never sends', () => {
  const NUMBER = '+447700900123';
  const NOW = Date.parse('2026-11-22T10:00:00.000Z');
  const config = vonageDevProvider('https://api-eu.vonage.com');
  const adapterOver = (http: HttpClient) => createVonageAdapter({ ...config, allowInsecureHttp: false }, { http, now: () => NOW });
  const ok = (fields: Record<string, unknown>, code = 'OK') => ({ request_id: 'r', insights: { ...fields, status: { code, message: 'm' } } });
  const insight = (name: string, fields: Record<string, unknown>, code = 'OK') => ({
    request_id: 'r',
    insights: { [name]: { ...fields, status: { code, message: 'Success' } } },
  });
  const hoursAgo = (hours: number) => new Date(NOW - hours * 3_600_000).toISOString();

  it('accepts mixed-case connectivity and country codes', async () => {
    const reach = await ask(adapterOver(cannedHttp(200, insight('reachability', { is_reachable: true, connectivity: ['DATA', 'Sms', 'data'] }))), 'reachability.retrieve', NUMBER, {});
    expect(reach).toEqual({ status: 'ok', value: { reachable: true, connectivity: ['DATA', 'SMS'], lastStatusTime: null } });
    const roam = await ask(adapterOver(cannedHttp(200, insight('roaming', { is_roaming: true, country_codes: ['fr', 'DE'] }))), 'roaming.retrieve', NUMBER, {});
    expect(roam).toMatchObject({ status: 'ok', value: { countries: ['FR', 'DE'] } });
  });

  it('reads current_carrier.network_type as the line type, case-insensitively; unknown or none is no class', async () => {
    const cases: Array<[string, string]> = [
      ['mobile', 'mobile'],
      ['LANDLINE', 'landline'],
      ['tollfree', 'toll_free'],
      ['landline_tollfree', 'toll_free'],
      ['premium', 'premium'],
      ['landline_premium', 'premium'],
      ['virtual', 'voip'],
      ['pager', 'pager'],
      ['satellite', 'other'],
    ];
    for (const [networkType, lineType] of cases) {
      const http = cannedHttp(200, insight('current_carrier', { name: 'Albion Mobile', network_type: networkType }));
      expect(await ask(adapterOver(http), 'line_type.retrieve', NUMBER, {})).toEqual({ status: 'ok', value: { lineType } });
      expect(JSON.parse(http.requests[0]!.body!)).toMatchObject({ insights: { current_carrier: {} } });
    }
    for (const fields of [{ network_type: 'unknown' }, { name: 'Albion Mobile' }]) {
      expect(await ask(adapterOver(cannedHttp(200, insight('current_carrier', fields))), 'line_type.retrieve', NUMBER, {})).toMatchObject({
        status: 'not_supported',
      });
    }
  });

  it('never reports a value Vonage left out (not "not swapped", not "unreachable")', async () => {
    for (const code of ['OK', 'PARTIAL_SUCCESS', 'partial_success']) {
      const check = await simSwapCheck(adapterOver(cannedHttp(200, insight('sim_swap', { latest_sim_swap_at: hoursAgo(500) }, code))), NUMBER);
      expect(check).toMatchObject({ status: 'not_supported', message: 'vonage: the sim_swap insight did not include is_swapped' });
      const date = await ask(adapterOver(cannedHttp(200, insight('sim_swap', { is_swapped: false }, code))), 'sim_swap.retrieve_date', NUMBER, {});
      expect(date).toMatchObject({ status: 'not_supported' });
      const reach = await ask(adapterOver(cannedHttp(200, insight('reachability', { latest_status_at: hoursAgo(1) }, code))), 'reachability.retrieve', NUMBER, {});
      expect(reach).toMatchObject({ status: 'not_supported' });
    }
  });

  it('ignores attributes that come with a failing status', async () => {
    const outcome = await simSwapCheck(adapterOver(cannedHttp(200, insight('sim_swap', { is_swapped: false }, 'NO_COVERAGE'))), NUMBER);
    expect(outcome.status).toBe('not_supported');
  });

  it("treats garbled or contradictory insights as 'malformed'", async () => {
    const garbled: Array<[string, unknown]> = [
      ['no insights object', { request_id: 'r' }],
      ['requested insight absent', { request_id: 'r', insights: { roaming: { status: { code: 'OK' } } } }],
      ['no status', { request_id: 'r', insights: { sim_swap: { is_swapped: false } } }],
      ['is_swapped a string', insight('sim_swap', { is_swapped: 'false' })],
      ['date not a date', insight('sim_swap', { is_swapped: true, latest_sim_swap_at: 'yesterday' })],
      ['swap date in the future', insight('sim_swap', { is_swapped: true, latest_sim_swap_at: new Date(NOW + 3_600_000).toISOString() })],
      ['not swapped yet swapped 3 h ago', insight('sim_swap', { is_swapped: false, latest_sim_swap_at: hoursAgo(3) })],
      ['status not an object', ok({})],
    ];
    for (const [why, json] of garbled) {
      const error = await failureOf(simSwapCheck(adapterOver(cannedHttp(200, json)), NUMBER));
      expect({ why, failure: error.failure }).toEqual({ why, failure: 'malformed' });
    }
    const connectivity = insight('reachability', { is_reachable: true, connectivity: ['voice'] });
    expect((await failureOf(ask(adapterOver(cannedHttp(200, connectivity)), 'reachability.retrieve', NUMBER, {}))).failure).toBe('malformed');
    expect((await failureOf(simSwapCheck(adapterOver(cannedHttp(200, '<html>')), NUMBER))).failure).toBe('malformed');
  });

  it('believes is_swapped false with a swap date just outside the period', async () => {
    const outcome = await simSwapCheck(adapterOver(cannedHttp(200, insight('sim_swap', { is_swapped: false, latest_sim_swap_at: hoursAgo(25) }))), NUMBER);
    expect(outcome).toEqual({ status: 'ok', value: { swapped: false, maxAgeHours: 24 } });
  });

  it('maps RFC 7807 problems by status, quoting their detail without the number', async () => {
    const problem = (status: number, kind: string, headers: Record<string, string> = {}) =>
      cannedHttp(
        status,
        { type: `https://developer.vonage.com/api-errors#${kind}`, title: 't', detail: `about ${NUMBER} and 447700900123`, instance: 'i' },
        { 'content-type': 'application/problem+json', ...headers },
      );
    const expectations: Array<[number, string, string, number | undefined]> = [
      [400, 'invalid-params', 'rejected', undefined],
      [401, 'unauthorized', 'auth', undefined],
      [403, 'forbidden', 'auth', undefined],
      [429, 'throttled', 'rate_limited', 7_000],
      [500, 'internal-error', 'server', undefined],
      [503, 'service-unavailable', 'server', undefined],
    ];
    for (const [status, kind, failure, retryAfterMs] of expectations) {
      const error = await failureOf(simSwapCheck(adapterOver(problem(status, kind, { 'retry-after': '7' })), NUMBER));
      expect(error).toMatchObject({ failure, httpStatus: status, retryAfterMs });
      expect(error.message).toBe(`vonage answered ${status} ${kind}: about [number] and [number]`);
    }
    const redirect = await failureOf(simSwapCheck(adapterOver(cannedHttp(302, '')), NUMBER));
    expect(redirect).toMatchObject({ failure: 'malformed', message: 'vonage answered 302' });
  });
});

describe('Vonage config', () => {
  const base = vonageDevProvider('https://api-eu.vonage.com');

  it('defaults: EU host, FraudPreventionAndDetection, 900 s JWTs, every operation, https only', () => {
    const { baseUrl: _omit, purpose: _purpose, allowInsecureHttp: _insecure, ...minimal } = base;
    const parsed = parseVonageConfig(minimal);
    expect(parsed).toMatchObject({
      baseUrl: 'https://api-eu.vonage.com',
      purpose: 'FraudPreventionAndDetection',
      jwtTtlSeconds: 900,
      allowInsecureHttp: false,
    });
    expect(parsed.operations).toHaveLength(7);
  });

  it('refuses plain HTTP unless allowed, and allows it only on loopback', () => {
    expect(() => parseVonageConfig({ ...base, baseUrl: 'http://127.0.0.1:9/carriers/vonage', allowInsecureHttp: false })).toThrow(/https/);
    expect(() => parseVonageConfig({ ...base, baseUrl: 'http://vonage.example/', allowInsecureHttp: true })).toThrow(/loopback/);
    expect(parseVonageConfig({ ...base, baseUrl: 'http://127.0.0.1:9/carriers/vonage/' }).baseUrl).toBe('http://127.0.0.1:9/carriers/vonage');
  });

  it('refuses keys that are not PKCS#8 PEM or a private RSA JWK, and JWT lifetimes Vonage would not honour', () => {
    expect(() => parseVonageConfig({ ...base, privateKey: '-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----' })).toThrow();
    expect(() => parseVonageConfig({ ...base, privateKey: VONAGE_DEV_PUBLIC_JWK as never })).toThrow();
    expect(() => parseVonageConfig({ ...base, applicationId: 'my-app' })).toThrow();
    expect(() => parseVonageConfig({ ...base, jwtTtlSeconds: 86_401 })).toThrow();
    expect(() => parseVonageConfig({ ...base, operations: ['call_state.retrieve'] })).toThrow();
  });

  it("is one kind of the gateway's provider configs and builds through the factory", () => {
    const parsed = ProviderConfigSchema.parse({ ...base, allowInsecureHttp: false });
    expect(parsed.kind).toBe('vonage');
    const adapter = createAdapter(parsed, { http: createFetchHttpClient() });
    expect(adapter).toMatchObject({ id: 'vonage', kind: 'vonage' });
  });
});

describe('Vonage adapter and the caller signal', () => {
  let network: MockNetwork;
  beforeEach(async () => {
    network = await startMockNetwork();
  });
  afterEach(() => network.close());

  it("an already aborted call fails with 'timeout' and sends nothing", async () => {
    const adapter = createVonageAdapter(vonageDevProvider(`${network.url}/carriers/vonage`), { http: createFetchHttpClient() });
    const controller = new AbortController();
    controller.abort(new DOMException('deadline', 'TimeoutError'));
    const error = await failureOf(
      adapter.execute({ operation: 'roaming.retrieve', phoneNumber: ROAMING_IN_FR, params: {} }, context(controller.signal)),
    );
    expect(error.failure).toBe('timeout');
    expect(network.stats.total(VONAGE_CARRIER_ID)).toBe(0);
    await adapter.close?.();
  });
});
