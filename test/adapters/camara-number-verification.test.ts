/**
 * The CAMARA adapter's NumberVerifier against the mock operators: authorization URL from
 * discovery, the device's trip through /authorize (as its browser would make it, over the
 * simulated mobile data session), code exchange with PKCE, POST /verify, and every failure mapped
 * fail-closed.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCamaraAdapter } from '../../adapters/camara/adapter.ts';
import { parseCamaraConfig } from '../../adapters/camara/config.ts';
import { createFetchHttpClient } from '../../adapters/fetch-http.ts';
import type { HttpClient, HttpRequest } from '../../src/contract/http.ts';
import { UpstreamError, type Adapter, type NumberVerifier } from '../../src/contract/adapter.ts';
import { startMockNetwork } from '../../mocks/network.ts';
import { codeFromDevice, DEVICE_FLOW_CALLBACK as CALLBACK, pkcePair as pkce } from '../support/device-flow.ts';
import { failureOf as upstreamFailureOf } from '../support/upstream-errors.ts';
import type { MockNetwork } from './contract.ts';
import { camaraConfig, type CamaraProfileName } from './camara-profiles.ts';

const DEVICES = {
  albion: { number: '+447700900002', ip: '100.64.10.2' },
  brightwave: { number: '+447700900502', ip: '100.64.20.2' },
} as const;

/** Wraps an HttpClient: records API requests and can answer one URL suffix itself. */
function recordingHttp(inner: HttpClient) {
  const requests: HttpRequest[] = [];
  let override: { urlEnds: string; status: number; body: string } | undefined;
  const http: HttpClient = {
    send: async (request) => {
      requests.push(request);
      if (override && request.url.endsWith(override.urlEnds)) {
        return { status: override.status, headers: new Headers({ 'content-type': 'application/json' }), body: override.body };
      }
      return inner.send(request);
    },
    fetch: inner.fetch,
    close: () => inner.close(),
  };
  return {
    http,
    requests,
    answer(urlEnds: string, status: number, body: unknown) {
      override = { urlEnds, status, body: JSON.stringify(body) };
    },
    reset() {
      requests.length = 0;
      override = undefined;
    },
  };
}

function context(signal: AbortSignal = new AbortController().signal, correlator?: string) {
  return { tenantId: 'tenant-a', signal, correlator };
}

describe('CAMARA Number Verification adapter', () => {
  let network: MockNetwork;
  let recorder: ReturnType<typeof recordingHttp>;
  const adapters: Adapter[] = [];

  function verifierOf(profile: CamaraProfileName, extra: { send?: 'phoneNumber' | 'hashedPhoneNumber'; badCredentials?: boolean } = {}): NumberVerifier {
    const base = camaraConfig(network, profile, { badCredentials: extra.badCredentials });
    const adapter = createCamaraAdapter(
      { ...base, apis: { ...base.apis, numberVerification: { version: 'v2', ...(extra.send ? { send: extra.send } : {}) } } },
      { http: recorder.http },
    );
    adapters.push(adapter);
    expect(adapter.numberVerification).toBeDefined();
    return adapter.numberVerification!;
  }

  /** The UpstreamError, which names none of the devices' numbers. */
  async function failureOf(promise: Promise<unknown>): Promise<UpstreamError> {
    const error = await upstreamFailureOf(promise);
    for (const device of Object.values(DEVICES)) expect(error.message).not.toContain(device.number.slice(1));
    return error;
  }

  beforeAll(async () => {
    network = await startMockNetwork({ port: 0 });
    recorder = recordingHttp(createFetchHttpClient());
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.close?.() ?? Promise.resolve()));
    network.faults.clear();
    network.world.reset();
    recorder.reset();
  });
  afterAll(async () => {
    await recorder.http.close();
    await network.close();
  });

  describe('config', () => {
    it('offers numberVerification only when apis.numberVerification is configured, and it alone is a valid config', () => {
      const withoutNv = createCamaraAdapter(camaraConfig(network, 'albion'), { http: recorder.http });
      expect(withoutNv.numberVerification).toBeUndefined();
      const onlyNv = parseCamaraConfig({ ...camaraConfig(network, 'albion'), apis: { numberVerification: { version: 'v2' } } });
      expect(onlyNv.apis.numberVerification).toEqual({ version: 'v2', send: 'phoneNumber' });
      const adapter = createCamaraAdapter(onlyNv, { http: recorder.http });
      expect(adapter.numberVerification).toBeDefined();
      expect([...adapter.operations]).toEqual([]);
      expect(() => parseCamaraConfig({ ...camaraConfig(network, 'albion'), apis: { numberVerification: { version: 'v1' } } })).toThrow();
    });
  });

  describe('authorizationUrl', () => {
    it('points at the operator /authorize from discovery with PKCE S256, state, scope and prompt=none, and no number', async () => {
      const verifier = verifierOf('albion');
      const { codeChallenge } = pkce();
      const url = await verifier.authorizationUrl({ tenantId: 'tenant-a', redirectUri: CALLBACK, state: 's-1', codeChallenge, phoneNumber: '+447700900002' });
      expect(url.origin + url.pathname).toBe(`${network.url}/carriers/albion/authorize`);
      expect(Object.fromEntries(url.searchParams)).toEqual({
        client_id: 'numtrust-dev',
        response_type: 'code',
        redirect_uri: CALLBACK,
        scope: 'openid dpv:FraudPreventionAndDetection number-verification:verify',
        state: 's-1',
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
        prompt: 'none',
      });
      await verifier.authorizationUrl({ tenantId: 'tenant-a', redirectUri: CALLBACK, state: 's-2', codeChallenge, phoneNumber: '+447700900002' });
      expect(network.stats.get('albion', 'discovery')).toBe(1);
    });

    it('fails as server while discovery fails, and recovers on the next call', async () => {
      const verifier = verifierOf('brightwave');
      network.faults.add({ carrier: 'brightwave', endpoint: 'discovery', kind: 'status', status: 503, times: 1 });
      const input = { tenantId: 'tenant-a', redirectUri: CALLBACK, state: 's', codeChallenge: pkce().codeChallenge, phoneNumber: '+447700900502' };
      expect((await failureOf(verifier.authorizationUrl(input))).failure).toBe('server');
      expect((await verifier.authorizationUrl(input)).pathname).toBe('/carriers/brightwave/authorize');
    });

    it('refuses an operator without an authorization endpoint (liberty) as rejected', async () => {
      const verifier = verifierOf('liberty');
      const error = await failureOf(verifier.authorizationUrl({ tenantId: 't', redirectUri: CALLBACK, state: 's', codeChallenge: pkce().codeChallenge, phoneNumber: '+12025550102' }));
      expect(error.failure).toBe('rejected');
      expect(error.message).toMatch(/authorization_endpoint/);
    });
  });

  describe('verify', () => {
    it.each([
      ['albion', DEVICES.albion.number, true],
      ['albion', '+447700900003', false],
      ['brightwave', DEVICES.brightwave.number, true],
      ['brightwave', '+447700900501', false],
    ] as const)('%s: the device verifies %s → verified %s', async (profile, phoneNumber, verified) => {
      const verifier = verifierOf(profile);
      const { code, codeVerifier, state } = await codeFromDevice(verifier, DEVICES[profile].ip);
      const outcome = await verifier.verify({ tenantId: 'tenant-a', redirectUri: CALLBACK, code, codeVerifier, state, phoneNumber }, context());
      expect(outcome).toEqual({ status: 'ok', value: { verified } });
      const verifyRequest = recorder.requests.find((request) => request.url.endsWith('/number-verification/v2/verify'))!;
      expect(JSON.parse(verifyRequest.body!)).toEqual({ phoneNumber });
    });

    it('sends hashedPhoneNumber (SHA-256 hex of the E.164 string with +) when configured', async () => {
      const verifier = verifierOf('albion', { send: 'hashedPhoneNumber' });
      const { code, codeVerifier } = await codeFromDevice(verifier, DEVICES.albion.ip);
      const outcome = await verifier.verify({ tenantId: 't', redirectUri: CALLBACK, code, codeVerifier, phoneNumber: DEVICES.albion.number }, context());
      expect(outcome).toEqual({ status: 'ok', value: { verified: true } });
      const body = JSON.parse(recorder.requests.find((request) => request.url.endsWith('/verify'))!.body!);
      expect(body).toEqual({ hashedPhoneNumber: createHash('sha256').update(DEVICES.albion.number).digest('hex') });
    });

    it('forwards an x-correlator both NV 2.0.0 and 2.1.0 accept, and drops one 2.0.0 would refuse', async () => {
      const verifier = verifierOf('brightwave');
      const first = await codeFromDevice(verifier, DEVICES.brightwave.ip);
      const input = { tenantId: 't', redirectUri: CALLBACK, phoneNumber: DEVICES.brightwave.number };
      await verifier.verify({ ...input, ...first }, context(undefined, 'b4333c46-49c0-4f62-80d7-f0ef930f1c46'));
      const second = await codeFromDevice(verifier, DEVICES.brightwave.ip);
      const outcome = await verifier.verify({ ...input, ...second }, context(undefined, 'abc:123'));
      expect(outcome.status).toBe('ok');
      const sent = recorder.requests.filter((request) => request.url.endsWith('/verify')).map((request) => request.headers?.['x-correlator']);
      expect(sent).toEqual(['b4333c46-49c0-4f62-80d7-f0ef930f1c46', undefined]);
    });

    it('maps 403 USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK to not_supported: no comparison was made, never verified false', async () => {
      const verifier = verifierOf('albion');
      const { code, codeVerifier } = await codeFromDevice(verifier, DEVICES.albion.ip);
      recorder.answer('/number-verification/v2/verify', 403, {
        status: 403,
        code: 'NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK',
        message: 'Client must authenticate via the mobile network to use this service',
      });
      const outcome = await verifier.verify({ tenantId: 't', redirectUri: CALLBACK, code, codeVerifier, phoneNumber: DEVICES.albion.number }, context());
      expect(outcome.status).toBe('not_supported');
      expect(outcome).not.toHaveProperty('value');
    });

    it('an unusable code (spent, wrong verifier, another redirect_uri) is rejected, not a negative answer', async () => {
      const verifier = verifierOf('albion');
      const input = { tenantId: 't', redirectUri: CALLBACK, phoneNumber: DEVICES.albion.number };
      const spent = await codeFromDevice(verifier, DEVICES.albion.ip);
      await verifier.verify({ ...input, ...spent }, context());
      expect((await failureOf(verifier.verify({ ...input, ...spent }, context()))).failure).toBe('rejected');
      const wrongVerifier = await codeFromDevice(verifier, DEVICES.albion.ip);
      const error = await failureOf(verifier.verify({ ...input, ...wrongVerifier, codeVerifier: pkce().codeVerifier }, context()));
      expect(error.failure).toBe('rejected');
      expect(error.message).toMatch(/invalid_grant/);
      const elsewhere = await codeFromDevice(verifier, DEVICES.albion.ip);
      const moved = await failureOf(verifier.verify({ ...input, ...elsewhere, redirectUri: 'http://127.0.0.1:8080/other' }, context()));
      expect(moved.failure).toBe('rejected');
    });

    it('bad client credentials at the token endpoint → auth', async () => {
      const good = verifierOf('albion');
      const { code, codeVerifier } = await codeFromDevice(good, DEVICES.albion.ip);
      const bad = verifierOf('albion', { badCredentials: true });
      const error = await failureOf(bad.verify({ tenantId: 't', redirectUri: CALLBACK, code, codeVerifier, phoneNumber: DEVICES.albion.number }, context()));
      expect(error.failure).toBe('auth');
    });

    it.each([
      ['token', { kind: 'status', status: 503 }, 'server'],
      ['number-verification/v2/verify', { kind: 'status', status: 500 }, 'server'],
      ['number-verification/v2/verify', { kind: 'status', status: 429, retryAfter: 7 }, 'rate_limited'],
      ['number-verification/v2/verify', { kind: 'status', status: 403 }, 'auth'],
      ['number-verification/v2/verify', { kind: 'malformed' }, 'malformed'],
    ] as const)('a fault at %s (%j) → %s', async (endpoint, fault, failure) => {
      const verifier = verifierOf('albion');
      const { code, codeVerifier } = await codeFromDevice(verifier, DEVICES.albion.ip);
      network.faults.add({ carrier: 'albion', endpoint, times: 1, ...fault });
      const error = await failureOf(verifier.verify({ tenantId: 't', redirectUri: CALLBACK, code, codeVerifier, phoneNumber: DEVICES.albion.number }, context()));
      expect(error.failure).toBe(failure);
      if (failure === 'rate_limited') expect(error.retryAfterMs).toBe(7000);
    });

    it('a 200 without devicePhoneNumberVerified is malformed', async () => {
      const verifier = verifierOf('albion');
      const { code, codeVerifier } = await codeFromDevice(verifier, DEVICES.albion.ip);
      recorder.answer('/number-verification/v2/verify', 200, { devicePhoneNumberVerified: 'true' });
      const error = await failureOf(verifier.verify({ tenantId: 't', redirectUri: CALLBACK, code, codeVerifier, phoneNumber: DEVICES.albion.number }, context()));
      expect(error.failure).toBe('malformed');
    });

    it('aborting through the context signal → timeout, counted as aborted at the mock', async () => {
      const verifier = verifierOf('albion');
      const { code, codeVerifier } = await codeFromDevice(verifier, DEVICES.albion.ip);
      network.faults.add({ carrier: 'albion', endpoint: 'number-verification/v2/verify', kind: 'hang', times: 1 });
      const asked = network.stats.get('albion', 'number-verification/v2/verify');
      const aborted = network.stats.get('albion', 'aborted');
      const controller = new AbortController();
      const pending = verifier.verify({ tenantId: 't', redirectUri: CALLBACK, code, codeVerifier, phoneNumber: DEVICES.albion.number }, context(controller.signal));
      await expect.poll(() => network.stats.get('albion', 'number-verification/v2/verify')).toBe(asked + 1);
      controller.abort(new DOMException('deadline exceeded', 'TimeoutError'));
      expect((await failureOf(pending)).failure).toBe('timeout');
      await expect.poll(() => network.stats.get('albion', 'aborted')).toBe(aborted + 1);
    });
  });
});
