/**
 * What the contract suite does not cover for the NaC adapter: the wire request (paths, RapidAPI
 * headers, bodies, x-correlator), RapidAPI's refusals, 429 delays, per-operator answers through
 * NaC, body consistency checks, and the config.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNokiaAdapter } from '../../adapters/nokia/adapter.ts';
import { NAC_BASE_URL, NAC_RAPIDAPI_HOST, parseNokiaConfig } from '../../adapters/nokia/config.ts';
import type { HttpClient } from '../../src/contract/http.ts';
import type { Adapter, CallContext, OperationOutcome } from '../../src/contract/adapter.ts';
import { NAC_UNSUBSCRIBED_RAPIDAPI_KEY, nokiaDevProvider } from '../../mocks/carriers/nokia/dev-credentials.ts';
import { ProviderConfigSchema } from '../../src/config/schema.ts';
import { createAdapter } from '../../src/engine/adapter-factory.ts';
import type { OperationId, OperationParams } from '../../src/contract/signals.ts';
import { cannedHttp } from '../support/http-clients.ts';
import { failureOf } from '../support/upstream-errors.ts';
import { NOKIA_NUMBERS, NOKIA_OPERATIONS_OFFERED, nokiaUrl } from './nokia-support.ts';
import { useAdapterTestBed } from './support/adapter-test-bed.ts';

const LIBERTY_ROAMING_MX = '+12025550103';
const BRIGHTWAVE_BUSY_NO_ANSWER = '+447700900503';

function context(correlator?: string, signal: AbortSignal = new AbortController().signal): CallContext {
  return { signal, tenantId: 'tenant-a', correlator };
}

function paramsOf(operation: OperationId): OperationParams<OperationId> {
  return (operation === 'sim_swap.check' || operation === 'device_swap.check' ? { maxAgeHours: 72 } : {});
}

function ask<Op extends OperationId>(adapter: Adapter, operation: Op, phoneNumber: string, ctx = context()): Promise<OperationOutcome<Op>> {
  return adapter.execute({ operation, phoneNumber, params: paramsOf(operation) }, ctx);
}

const cannedAdapter = (http: HttpClient) =>
  createNokiaAdapter({ id: 'nokia', kind: 'nokia', rapidApiKey: 'key' }, { http, now: () => Date.parse('2026-11-22T10:00:00Z') });

describe('NaC adapter against the mock', () => {
  const { network, http } = useAdapterTestBed();
  let adapter: Adapter;
  beforeAll(() => {
    adapter = createNokiaAdapter(nokiaDevProvider(nokiaUrl(network)), { http });
  });

  it.each([
    ['sim_swap.check', '/passthrough/camara/v1/sim-swap/sim-swap/v0/check', { phoneNumber: NOKIA_NUMBERS.subject, maxAge: 72 }],
    ['sim_swap.retrieve_date', '/passthrough/camara/v1/sim-swap/sim-swap/v0/retrieve-date', { phoneNumber: NOKIA_NUMBERS.subject }],
    ['device_swap.check', '/passthrough/camara/v1/device-swap/device-swap/v1/check', { phoneNumber: NOKIA_NUMBERS.subject, maxAge: 72 }],
    ['device_swap.retrieve_date', '/passthrough/camara/v1/device-swap/device-swap/v1/retrieve-date', { phoneNumber: NOKIA_NUMBERS.subject }],
    [
      'call_forwarding.unconditional',
      '/passthrough/camara/v1/call-forwarding-signal/call-forwarding-signal/v0.3/unconditional-call-forwardings',
      { phoneNumber: NOKIA_NUMBERS.subject },
    ],
    [
      'call_forwarding.services',
      '/passthrough/camara/v1/call-forwarding-signal/call-forwarding-signal/v0.3/call-forwardings',
      { phoneNumber: NOKIA_NUMBERS.subject },
    ],
    ['reachability.retrieve', '/device-status/device-reachability-status/v1/retrieve', { device: { phoneNumber: NOKIA_NUMBERS.subject } }],
    ['roaming.retrieve', '/device-status/device-roaming-status/v1/retrieve', { device: { phoneNumber: NOKIA_NUMBERS.subject } }],
  ] as const)('%s: POST %s with the RapidAPI headers and the CAMARA body', async (operation, path, body) => {
    const outcome = await ask(adapter, operation, NOKIA_NUMBERS.subject, context('corr-123'));
    expect(outcome.status).toBe('ok');
    expect(http.requests).toHaveLength(1);
    const [request] = http.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe(`${nokiaUrl(network)}${path}`);
    expect(request!.headers).toEqual({
      'x-rapidapi-key': 'nac-dev-rapidapi-key',
      'x-rapidapi-host': 'network-as-code.nokia.rapidapi.com',
      'content-type': 'application/json',
      accept: 'application/json',
      'x-correlator': 'corr-123',
    });
    expect(JSON.parse(request!.body!)).toEqual(body);
  });

  it('offers exactly the eight operations', () => {
    expect([...adapter.operations].sort()).toEqual([...NOKIA_OPERATIONS_OFFERED].sort());
  });

  it('sends the RapidAPI host by default (the SDK gotcha: without it RapidAPI answers 404)', async () => {
    const { rapidApiHost: _omitted, ...withoutHost } = nokiaDevProvider(nokiaUrl(network));
    const defaulted = createNokiaAdapter(withoutHost, { http });
    const outcome = await ask(defaulted, 'reachability.retrieve', NOKIA_NUMBERS.subject);
    expect(outcome.status).toBe('ok');
    expect(http.requests[0]!.headers!['x-rapidapi-host']).toBe(NAC_RAPIDAPI_HOST);
  });

  it('does not forward an x-correlator some Commonalities versions would refuse', async () => {
    await ask(adapter, 'roaming.retrieve', NOKIA_NUMBERS.subject, context('has spaces and ünïcode'));
    expect(http.requests[0]!.headers).not.toHaveProperty('x-correlator');
  });

  it.each([
    ['a wrong RapidAPI host (404 "API doesn\'t exists")', { rapidApiHost: 'network-as-code.p-eu.rapidapi.com' }, 404],
    ['a key without a NaC subscription', { rapidApiKey: NAC_UNSUBSCRIBED_RAPIDAPI_KEY }, 403],
    ['a key RapidAPI does not know', { rapidApiKey: 'nobodys-key' }, 403],
  ])("fails with 'auth' on %s", async (_case, override, status) => {
    const refused = createNokiaAdapter({ ...nokiaDevProvider(nokiaUrl(network)), ...override }, { http });
    const error = await failureOf(ask(refused, 'sim_swap.check', NOKIA_NUMBERS.subject));
    expect(error).toMatchObject({ failure: 'auth', httpStatus: status, retryable: false });
  });

  it('answers per operator behind NaC: liberty has no call-forwardings list (501 → not_supported)', async () => {
    const list = await ask(adapter, 'call_forwarding.services', NOKIA_NUMBERS.liberty);
    expect(list.status).toBe('not_supported');
    const unconditional = await ask(adapter, 'call_forwarding.unconditional', NOKIA_NUMBERS.liberty);
    expect(unconditional).toEqual({ status: 'ok', value: { active: false } });
  });

  it('a line of an operator NaC has no agreement with is not_found', async () => {
    expect((await ask(adapter, 'sim_swap.check', NOKIA_NUMBERS.albion)).status).toBe('not_found');
  });

  it('maxAge beyond the operator window is a rejected OUT_OF_RANGE, never an answer', async () => {
    const outcome = await adapter.execute(
      { operation: 'sim_swap.check', phoneNumber: NOKIA_NUMBERS.subject, params: { maxAgeHours: 240 } },
      context(),
    );
    expect(outcome).toMatchObject({ status: 'rejected', code: 'OUT_OF_RANGE' });
  });

  it('normalizes roaming (MCC and country), SMS-only reachability and the forwarding list', async () => {
    expect(await ask(adapter, 'roaming.retrieve', LIBERTY_ROAMING_MX)).toEqual({
      status: 'ok',
      value: { roaming: true, countryCode: 334, countries: ['MX'], lastStatusTime: expect.any(String) },
    });
    expect(await ask(adapter, 'reachability.retrieve', LIBERTY_ROAMING_MX)).toEqual({
      status: 'ok',
      value: { reachable: true, connectivity: ['SMS'], lastStatusTime: expect.any(String) },
    });
    expect(await ask(adapter, 'call_forwarding.services', BRIGHTWAVE_BUSY_NO_ANSWER)).toEqual({
      status: 'ok',
      value: { services: ['conditional_busy', 'conditional_no_answer'] },
    });
  });

  it('turns a 429 with Retry-After from the mock into rate_limited with the delay', async () => {
    network.faults.add({ carrier: 'nokia', endpoint: 'reachability', kind: 'status', status: 429, retryAfter: 7, times: 1 });
    const error = await failureOf(ask(adapter, 'reachability.retrieve', NOKIA_NUMBERS.subject));
    expect(error).toMatchObject({ failure: 'rate_limited', retryAfterMs: 7_000, retryable: true });
  });

  it('is built by the gateway from a config the schema accepts', async () => {
    const config = ProviderConfigSchema.parse(nokiaDevProvider(nokiaUrl(network), 'nac'));
    const built = createAdapter(config, { http });
    expect(built).toMatchObject({ id: 'nac', kind: 'nokia' });
    expect((await ask(built, 'call_forwarding.unconditional', NOKIA_NUMBERS.subject)).status).toBe('ok');
  });
});

describe('NaC adapter: 429 delays', () => {
  const NOW = Date.parse('2026-11-22T10:00:00Z');

  it.each([
    ['Retry-After seconds', { 'retry-after': '5' }, 5_000],
    ['Retry-After as an HTTP date', { 'retry-after': new Date(NOW + 4_000).toUTCString() }, 4_000],
    ['X-RateLimit-Reset as a Unix time', { 'x-ratelimit-reset': String(NOW / 1000 + 30) }, 30_000],
    ['X-RateLimit-Reset as seconds from now', { 'x-ratelimit-reset': '12' }, 12_000],
    ['Retry-After before X-RateLimit-Reset', { 'retry-after': '2', 'x-ratelimit-reset': '12' }, 2_000],
    ['no header', {}, undefined],
  ])('%s', async (_case, headers, expected) => {
    const adapter = cannedAdapter(cannedHttp(429, { status: 429, code: 'TOO_MANY_REQUESTS', message: 'Rate limit reached.' }, headers));
    const error = await failureOf(ask(adapter, 'sim_swap.check', NOKIA_NUMBERS.subject));
    expect(error.failure).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(expected);
  });

  it("RapidAPI's own 429 body (no CAMARA code) is rate_limited too", async () => {
    const adapter = cannedAdapter(cannedHttp(429, { message: 'Too many requests' }, { 'retry-after': '1' }));
    expect(await failureOf(ask(adapter, 'roaming.retrieve', NOKIA_NUMBERS.subject))).toMatchObject({ failure: 'rate_limited', retryAfterMs: 1_000 });
  });
});

describe('NaC adapter: answers it must not trust or must tell apart', () => {
  it.each([
    ['call_forwarding.services', ['inactive', 'unconditional'], 'inactive with an active service'],
    ['call_forwarding.services', [], 'an empty list'],
    ['call_forwarding.services', ['diverted'], 'an unknown state'],
    ['reachability.retrieve', { lastStatusTime: '2026-11-22T10:00:00Z', reachable: false, connectivity: ['DATA'] }, 'unreachable with connectivity'],
    ['reachability.retrieve', { reachable: true }, 'no lastStatusTime'],
    ['roaming.retrieve', { lastStatusTime: 'yesterday', roaming: false }, 'a time that is not RFC 3339'],
    ['sim_swap.retrieve_date', { latestSimChange: '2026-11-22' }, 'a date without time'],
    ['device_swap.check', { swapped: 'true' }, 'a string boolean'],
    ['sim_swap.check', 'not json', 'a body that is not JSON'],
  ] as const)("%s: %j is 'malformed' (%s)", async (operation, body, _why) => {
    const adapter = cannedAdapter(cannedHttp(200, body));
    expect(await failureOf(ask(adapter, operation, NOKIA_NUMBERS.subject))).toMatchObject({ failure: 'malformed', retryable: false });
  });

  it('roaming false drops any country; a 2.x-style monitoredPeriod is kept', async () => {
    const roaming = cannedAdapter(cannedHttp(200, { lastStatusTime: '2026-11-22T10:00:00Z', roaming: false, countryCode: 208, countryName: ['FR'] }));
    expect(await ask(roaming, 'roaming.retrieve', NOKIA_NUMBERS.subject)).toEqual({
      status: 'ok',
      value: { roaming: false, countryCode: null, countries: [], lastStatusTime: '2026-11-22T10:00:00Z' },
    });
    const retrieve = cannedAdapter(cannedHttp(200, { latestSimChange: null, monitoredPeriod: 30 }));
    expect(await ask(retrieve, 'sim_swap.retrieve_date', NOKIA_NUMBERS.subject)).toEqual({
      status: 'ok',
      value: { latestSimChange: null, monitoredPeriodDays: 30 },
    });
  });

  it('SIM Swap 0.4\'s own unknown-number code is not_found; a 404 for a missing endpoint is not', async () => {
    const unknown = cannedAdapter(cannedHttp(404, { status: 404, code: 'SIM_SWAP.UNKNOWN_PHONE_NUMBER', message: "SIM Swap can't be checked" }));
    expect((await ask(unknown, 'sim_swap.check', NOKIA_NUMBERS.subject)).status).toBe('not_found');
    const otherApi = cannedAdapter(cannedHttp(404, { status: 404, code: 'SIM_SWAP.UNKNOWN_PHONE_NUMBER', message: 'x' }));
    expect(await failureOf(ask(otherApi, 'roaming.retrieve', NOKIA_NUMBERS.subject))).toMatchObject({ failure: 'rejected' });
    const noEndpoint = cannedAdapter(cannedHttp(404, { message: "Endpoint '/x' does not exist" }));
    expect(await failureOf(ask(noEndpoint, 'sim_swap.check', NOKIA_NUMBERS.subject))).toMatchObject({ failure: 'rejected', httpStatus: 404 });
  });

  it('never quotes the phone number from an upstream message', async () => {
    const echoing = cannedAdapter(
      cannedHttp(400, { status: 400, code: 'INVALID_ARGUMENT', message: `phoneNumber ${NOKIA_NUMBERS.subject} is invalid` }),
    );
    const error = await failureOf(ask(echoing, 'sim_swap.check', NOKIA_NUMBERS.subject));
    expect(error.failure).toBe('rejected');
    expect(error.message).not.toContain(NOKIA_NUMBERS.subject.slice(1));
    const gateway = cannedAdapter(cannedHttp(403, { message: `key refused for ${NOKIA_NUMBERS.subject}` }));
    const refused = await failureOf(ask(gateway, 'sim_swap.check', NOKIA_NUMBERS.subject));
    expect(refused.failure).toBe('auth');
    expect(refused.message).not.toContain(NOKIA_NUMBERS.subject.slice(1));
  });

  it("a 401/403 without a CAMARA code is the gateway refusing the key ('auth'), whatever its body", async () => {
    for (const body of ['<html>Forbidden</html>', '', { error: 'forbidden' }]) {
      const adapter = cannedAdapter(cannedHttp(403, body));
      expect(await failureOf(ask(adapter, 'reachability.retrieve', NOKIA_NUMBERS.subject))).toMatchObject({ failure: 'auth', httpStatus: 403 });
    }
    const otherCode = cannedAdapter(cannedHttp(403, { status: 403, code: 'INVALID_TOKEN_CONTEXT', message: 'no' }));
    expect(await failureOf(ask(otherCode, 'reachability.retrieve', NOKIA_NUMBERS.subject))).toMatchObject({ failure: 'rejected' });
  });

  it("NaC's own 403 PERMISSION_DENIED is 'auth'; a 401 UNAUTHENTICATED too", async () => {
    for (const [status, code] of [[403, 'PERMISSION_DENIED'], [401, 'UNAUTHENTICATED']] as const) {
      const adapter = cannedAdapter(cannedHttp(status, { status, code, message: 'no' }));
      expect(await failureOf(ask(adapter, 'device_swap.check', NOKIA_NUMBERS.subject))).toMatchObject({ failure: 'auth' });
    }
  });

  it('answers not_supported without asking for an operation NaC does not offer', async () => {
    let asked = 0;
    const adapter = cannedAdapter({ send: async () => (asked++, { status: 500, headers: new Headers(), body: '' }), fetch, close: async () => {} });
    const outcome = await adapter.execute({ operation: 'call_state.retrieve', phoneNumber: NOKIA_NUMBERS.subject, params: {} }, context());
    expect(outcome.status).toBe('not_supported');
    expect(asked).toBe(0);
  });
});

describe('NaC config', () => {
  it('defaults the base URL and the RapidAPI host', () => {
    expect(parseNokiaConfig({ id: 'nac', kind: 'nokia', rapidApiKey: 'k' })).toEqual({
      id: 'nac',
      kind: 'nokia',
      baseUrl: NAC_BASE_URL,
      rapidApiKey: 'k',
      rapidApiHost: NAC_RAPIDAPI_HOST,
      allowInsecureHttp: false,
    });
  });

  it.each([
    ['plain http without allowInsecureHttp', { baseUrl: 'http://127.0.0.1:8081/carriers/nokia' }],
    ['allowInsecureHttp off loopback', { baseUrl: 'http://nac.example.com', allowInsecureHttp: true }],
    ['an empty key', { rapidApiKey: '' }],
    ['an unknown field', { rapidapiKey: 'k' }],
    ['a host with a scheme', { rapidApiHost: 'https://network-as-code.nokia.rapidapi.com' }],
  ])('refuses %s', (_case, override) => {
    expect(() => parseNokiaConfig({ id: 'nac', kind: 'nokia', rapidApiKey: 'k', ...override })).toThrow();
  });

  it('drops a trailing slash of the base URL', () => {
    expect(parseNokiaConfig({ id: 'nac', kind: 'nokia', rapidApiKey: 'k', baseUrl: `${NAC_BASE_URL}/` }).baseUrl).toBe(NAC_BASE_URL);
  });
});
