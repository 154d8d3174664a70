/**
 * The CAMARA signal APIs beyond SIM Swap, where the contract suite does not reach: the wire request
 * of each (paths, bodies for 2- and 3-legged tokens, scopes), 501 on /call-forwardings, "cannot
 * tell" answers, and how each 200 body is read.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCamaraAdapter } from '../../adapters/camara/adapter.ts';
import { callForwardingSignalOperations } from '../../adapters/camara/call-forwarding-signal.ts';
import { parseCamaraConfig } from '../../adapters/camara/config.ts';
import { deviceReachabilityOperations, deviceRoamingOperations } from '../../adapters/camara/device-status.ts';
import { scamSignalOperations } from '../../adapters/camara/scam-signal.ts';
import { createFetchHttpClient } from '../../adapters/fetch-http.ts';
import type { HttpClient, HttpRequest } from '../../src/contract/http.ts';
import type { Adapter, CallContext } from '../../src/contract/adapter.ts';
import { adapterApisOf } from '../../mocks/carriers/camara/adapter-apis.ts';
import { albion, brightwave, liberty } from '../../mocks/carriers/camara/profiles.ts';
import { startMockNetwork } from '../../mocks/network.ts';
import type { MockNetwork } from './contract.ts';
import { camaraConfig, type CamaraProfileName } from './camara-profiles.ts';

const context = (): CallContext => ({ signal: new AbortController().signal, tenantId: 'tenant-a' });

describe('CAMARA signal APIs over the mock operators', () => {
  let network: MockNetwork;
  const requests: HttpRequest[] = [];
  /** Form bodies openid-client sent (it goes through http.fetch). */
  const oauthForms: Array<{ url: string; form: URLSearchParams }> = [];
  let http: HttpClient;
  const adapters: Adapter[] = [];

  beforeAll(async () => {
    network = await startMockNetwork({ port: 0 });
    const inner = createFetchHttpClient();
    const recordingFetch: typeof fetch = (input, init) => {
      if (typeof init?.body === 'string' || init?.body instanceof URLSearchParams) {
        oauthForms.push({ url: String(input instanceof Request ? input.url : input), form: new URLSearchParams(init.body) });
      }
      return inner.fetch(input, init);
    };
    http = { send: (request) => (requests.push(request), inner.send(request)), fetch: recordingFetch, close: () => inner.close() };
  });
  afterEach(() => {
    requests.length = 0;
    oauthForms.length = 0;
    network.world.reset();
  });
  afterAll(async () => {
    for (const adapter of adapters) await adapter.close?.();
    await http.close();
    await network.close();
  });

  function adapter(profile: CamaraProfileName, apis?: unknown): Adapter {
    const config = camaraConfig(network, profile);
    const created = createCamaraAdapter({ ...config, ...(apis ? { apis } : {}) }, { http });
    adapters.push(created);
    return created;
  }

  const apiRequests = () => requests.filter((request) => !/\/(token|bc[-_]authorize|\.well-known)/.test(request.url));

  it('2-legged: the number travels in the body, as {device: {phoneNumber}} for the device-status APIs', async () => {
    const brightwaveAdapter = adapter('brightwave');
    await brightwaveAdapter.execute({ operation: 'reachability.retrieve', phoneNumber: '+447700900502', params: {} }, context());
    await brightwaveAdapter.execute({ operation: 'call_forwarding.services', phoneNumber: '+447700900503', params: {} }, context());
    await brightwaveAdapter.execute({ operation: 'device_swap.check', phoneNumber: '+447700900504', params: { maxAgeHours: 48 } }, context());
    expect(apiRequests().map((request) => [new URL(request.url).pathname.replace(/^\/carriers\/\w+/, ''), JSON.parse(request.body as string)])).toEqual([
      ['/device-reachability-status/v1/retrieve', { device: { phoneNumber: '+447700900502' } }],
      ['/call-forwarding-signal/v0.3/call-forwardings', { phoneNumber: '+447700900503' }],
      ['/device-swap/v1/check', { phoneNumber: '+447700900504', maxAge: 48 }],
    ]);
  });

  it('3-legged: the token names the line and the body stays empty (apart from maxAge)', async () => {
    const libertyAdapter = adapter('liberty');
    const outcomes = [
      await libertyAdapter.execute({ operation: 'roaming.retrieve', phoneNumber: '+12025550103', params: {} }, context()),
      await libertyAdapter.execute({ operation: 'call_state.retrieve', phoneNumber: '+12025550103', params: {} }, context()),
      await libertyAdapter.execute({ operation: 'call_forwarding.unconditional', phoneNumber: '+12025550101', params: {} }, context()),
    ];
    expect(outcomes).toEqual([
      { status: 'ok', value: { roaming: true, countryCode: 334, countries: ['MX'], lastStatusTime: expect.stringMatching(/-05:00$/) } },
      { status: 'ok', value: { onCall: false, direction: null, durationSeconds: null } },
      { status: 'ok', value: { active: true } },
    ]);
    expect(apiRequests().map((request) => request.body)).toEqual(['{}', '{}', '{}']);
  });

  it('asks for exactly the scope of the operation', async () => {
    const albionAdapter = adapter('albion');
    await albionAdapter.execute({ operation: 'call_forwarding.services', phoneNumber: '+447700900004', params: {} }, context());
    await albionAdapter.execute({ operation: 'device_swap.retrieve_date', phoneNumber: '+447700900004', params: {} }, context());
    const scopes = oauthForms.filter(({ url }) => /bc-authorize/.test(url)).map(({ form }) => form.get('scope'));
    expect(scopes).toEqual([
      'openid dpv:FraudPreventionAndDetection call-forwarding-signal:call-forwardings:read',
      'openid dpv:FraudPreventionAndDetection device-swap:retrieve-date',
    ]);
  });

  it('an operator without /call-forwardings (501) → not_supported, and the config can leave the operation out', async () => {
    const asked = adapter('liberty', { callForwardingSignal: { version: 'v0.4', callForwardings: true } });
    const outcome = await asked.execute({ operation: 'call_forwarding.services', phoneNumber: '+12025550101', params: {} }, context());
    expect(outcome).toMatchObject({ status: 'not_supported' });
    expect(JSON.stringify(outcome)).not.toContain('2025550101');
    expect(network.stats.get('liberty', 'call-forwarding-signal/v0.4/call-forwardings')).toBe(1);
    expect(adapter('liberty').operations.has('call_forwarding.services')).toBe(false);
  });

  it('isInVoiceCall null → not_supported, never onCall false', async () => {
    const albionAdapter = adapter('albion');
    const iot = await albionAdapter.execute({ operation: 'call_state.retrieve', phoneNumber: '+447700900008', params: {} }, context());
    expect(iot).toEqual({ status: 'not_supported', message: 'albion: the operator cannot tell whether this line is in a voice call' });
    const onCall = await albionAdapter.execute({ operation: 'call_state.retrieve', phoneNumber: '+447700900006', params: {} }, context());
    expect(onCall).toEqual({ status: 'ok', value: { onCall: true, direction: null, durationSeconds: null } });
  });

  it('a 2-legged operator answers reachability for a line by its number even when it is an IoT line', async () => {
    network.world.put('+447700900556', {
      operator: 'brightwave', activatedAt: '1 year ago', simChangedAt: null, deviceChangedAt: null,
      forwarding: [], call: null, roaming: null, reachable: ['SMS'], lineType: 'iot',
    });
    const outcome = await adapter('brightwave').execute({ operation: 'reachability.retrieve', phoneNumber: '+447700900556', params: {} }, context());
    expect(outcome).toMatchObject({ status: 'ok', value: { reachable: true, connectivity: ['SMS'] } });
  });
});

describe('reading the answers', () => {
  const { 'call_forwarding.unconditional': unconditional, 'call_forwarding.services': services } = callForwardingSignalOperations({
    version: 'v0.4',
    callForwardings: true,
  });
  const reachability = deviceReachabilityOperations({ version: 'v1' })['reachability.retrieve']!;
  const roaming = deviceRoamingOperations({ version: 'v1' })['roaming.retrieve']!;
  const callState = scamSignalOperations({ version: 'v0.3' })['call_state.retrieve']!;
  const at = '2026-08-07T10:41:38.657Z';

  it('call forwarding: inactive = none; inactive beside a service, unknown states or an empty list are malformed', () => {
    expect(services!.parse(['inactive'], {})).toEqual({ ok: true, value: { services: [] } });
    expect(services!.parse(['unconditional', 'unconditional'], {})).toEqual({ ok: true, value: { services: ['unconditional'] } });
    for (const garbled of [['inactive', 'unconditional'], ['call_barring'], [], { active: true }, 'inactive']) {
      expect(services!.parse(garbled, {}).ok, JSON.stringify(garbled)).toBe(false);
    }
    expect(unconditional!.parse({}, {}).ok).toBe(false);
    expect(unconditional!.parse({ active: 'true' }, {}).ok).toBe(false);
  });

  it('reachability: connectivity only while reachable (an unreachable device with connectivity is garbled)', () => {
    expect(reachability.parse({ lastStatusTime: at, reachable: false, connectivity: ['SMS'] }, {}).ok).toBe(false);
    expect(reachability.parse({ lastStatusTime: at, reachable: false, connectivity: [] }, {})).toEqual({
      ok: true,
      value: { reachable: false, connectivity: [], lastStatusTime: at },
    });
    expect(reachability.parse({ lastStatusTime: at, reachable: true }, {})).toMatchObject({ ok: true, value: { connectivity: [] } });
    expect(reachability.parse({ reachable: true }, {}).ok).toBe(false);
    expect(reachability.parse({ lastStatusTime: at, reachable: true, connectivity: ['VOICE'] }, {}).ok).toBe(false);
  });

  it('roaming: country fields only while roaming; an MCC without countries stays as told', () => {
    expect(roaming.parse({ lastStatusTime: at, roaming: true, countryCode: 901, countryName: [] }, {})).toEqual({
      ok: true,
      value: { roaming: true, countryCode: 901, countries: [], lastStatusTime: at },
    });
    expect(roaming.parse({ lastStatusTime: at, roaming: false, countryCode: 262 }, {})).toEqual({
      ok: true,
      value: { roaming: false, countryCode: null, countries: [], lastStatusTime: at },
    });
    expect(roaming.parse({ lastStatusTime: at, roaming: true, countryCode: '262' }, {}).ok).toBe(false);
    expect(roaming.parse({ lastStatusTime: at, roaming: true, countryName: ['de'] }, {}).ok).toBe(false);
  });

  it('call state: absent or null isInVoiceCall cannot tell; a string is malformed', () => {
    expect(callState.parse({ assessedAt: at }, {})).toMatchObject({ ok: 'cannot_tell' });
    expect(callState.parse({ isInVoiceCall: null, assessedAt: at }, {})).toMatchObject({ ok: 'cannot_tell' });
    expect(callState.parse({ isInVoiceCall: 'true', assessedAt: at }, {}).ok).toBe(false);
    expect(callState.parse({ isInVoiceCall: true }, {}).ok).toBe(false);
  });
});

describe('config', () => {
  it('apis keys, defaults and base path overrides', () => {
    const config = parseCamaraConfig({
      id: 'operator',
      kind: 'camara',
      baseUrl: 'https://api.operator.example',
      auth: { flow: 'ciba', clientId: 'c', clientAuth: { method: 'client_secret_basic', clientSecret: 's' } },
      apis: {
        callForwardingSignal: { version: 'v0.3', basePath: '/passthrough/camara/v1/call-forwarding-signal/call-forwarding-signal/v0.3' },
        deviceReachabilityStatus: { version: 'v1' },
      },
    });
    expect(config.apis.callForwardingSignal).toEqual({
      version: 'v0.3',
      basePath: '/passthrough/camara/v1/call-forwarding-signal/call-forwarding-signal/v0.3',
      callForwardings: true,
    });
    const unconditional = callForwardingSignalOperations(config.apis.callForwardingSignal!)['call_forwarding.unconditional'];
    expect(unconditional?.path).toBe('/passthrough/camara/v1/call-forwarding-signal/call-forwarding-signal/v0.3/unconditional-call-forwardings');
    expect(() => parseCamaraConfig({ ...config, apis: { callForwardingSignal: { version: 'v0.5' } } })).toThrow();
    expect(() => parseCamaraConfig({ ...config, apis: { scamSignal: { version: 'v0.3', extra: 1 } } })).toThrow();
  });

  it('adapterApisOf: every API a mock profile serves, newest version unless told otherwise', () => {
    expect(adapterApisOf(liberty)).toEqual({
      simSwap: { version: 'v2' },
      deviceSwap: { version: 'v1' },
      callForwardingSignal: { version: 'v0.4', callForwardings: false },
      deviceReachabilityStatus: { version: 'v1' },
      deviceRoamingStatus: { version: 'v1' },
      scamSignal: { version: 'v0.3' },
    });
    expect(adapterApisOf(albion, { callForwardingSignal: 'v0.3' }).callForwardingSignal).toEqual({ version: 'v0.3', callForwardings: true });
    expect(() => adapterApisOf(brightwave, { callForwardingSignal: 'v0.4' })).toThrow(/does not serve/);
  });
});
