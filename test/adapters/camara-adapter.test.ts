/**
 * What the contract suite does not cover: token reuse and refresh, CIBA binding of tokens to one
 * number and tenant, the 401 retry, operator windows, discovery recovery, and the wire request itself.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCamaraAdapter } from '../../adapters/camara/adapter.ts';
import { parseCamaraConfig } from '../../adapters/camara/config.ts';
import type { HttpClient } from '../../src/contract/http.ts';
import type { Adapter, CallContext } from '../../src/contract/adapter.ts';
import { startMockNetwork } from '../../mocks/network.ts';
import { ABORTED } from '../../mocks/stats.ts';
import { carrierUrl } from '../support/mock-carriers.ts';
import { failureOf } from '../support/upstream-errors.ts';
import { camaraConfig, type CamaraProfileName } from './camara-profiles.ts';
import { useAdapterTestBed } from './support/adapter-test-bed.ts';

const ALBION_SWAPPED = '+447700900001';
const ALBION_NEVER = '+447700900002';
const BRIGHTWAVE_SWAPPED = '+447700900501';
const BRIGHTWAVE_NEVER = '+447700900502';
const BRIGHTWAVE_SWAPPED_30_DAYS_AGO = '+447700900503';

function context(tenantId = 'tenant-a', signal: AbortSignal = new AbortController().signal, correlator?: string): CallContext {
  return { signal, tenantId, correlator };
}

function check(adapter: Adapter, phoneNumber: string, ctx = context(), maxAgeHours = 72) {
  return adapter.execute({ operation: 'sim_swap.check', phoneNumber, params: { maxAgeHours } }, ctx);
}

function retrieveDate(adapter: Adapter, phoneNumber: string, ctx = context()) {
  return adapter.execute({ operation: 'sim_swap.retrieve_date', phoneNumber, params: {} }, ctx);
}

describe('CAMARA adapter', () => {
  /** The mock network and the adapters share this clock, so token expiry can be jumped over. */
  let offsetMs = 0;
  const clock = () => Date.now() + offsetMs;
  const { network, http, track } = useAdapterTestBed({ clock });
  afterEach(() => {
    offsetMs = 0;
  });

  function adapter(profile: CamaraProfileName, extra: Record<string, unknown> = {}): Adapter {
    return track(createCamaraAdapter({ ...camaraConfig(network, profile), ...extra }, { http, now: clock }));
  }

  const count = (carrier: string, endpoint: string) => network.stats.get(carrier, endpoint);

  describe('construction', () => {
    it('does no I/O until the first call', async () => {
      adapter('brightwave');
      adapter('albion');
      expect(network.stats.total('brightwave') + network.stats.total('albion')).toBe(0);
    });

    it('refuses invalid configs', () => {
      const valid = camaraConfig(network, 'brightwave');
      expect(() => parseCamaraConfig({ ...valid, allowInsecureHttp: false })).toThrow(/https/);
      expect(() =>
        parseCamaraConfig({ ...valid, baseUrl: 'http://operator.example.com', allowInsecureHttp: true }),
      ).toThrow(/loopback/);
      expect(() => parseCamaraConfig({ ...valid, apis: {} })).toThrow(/at least one API/);
      expect(() => parseCamaraConfig({ ...valid, auth: { ...valid.auth, purpose: 'fraud' } })).toThrow();
      expect(() =>
        parseCamaraConfig({ ...valid, auth: { ...valid.auth, clientAuth: { method: 'private_key_jwt', privateJwk: { kty: 'EC' } } } }),
      ).toThrow();
      expect(parseCamaraConfig(valid)).toMatchObject({
        auth: { purpose: 'dpv:FraudPreventionAndDetection', loginHintFormat: 'tel' },
        tokenRefreshSkewSeconds: 30,
      });
    });
  });

  describe('client credentials tokens (brightwave)', () => {
    it('discovers once and fetches one token for N sequential and N concurrent checks', async () => {
      const brightwave = adapter('brightwave');
      for (let i = 0; i < 5; i++) {
        expect(await check(brightwave, BRIGHTWAVE_SWAPPED)).toEqual({ status: 'ok', value: { swapped: true, maxAgeHours: 72 } });
      }
      const concurrent = await Promise.all(
        Array.from({ length: 5 }, (_, i) => check(brightwave, i % 2 ? BRIGHTWAVE_SWAPPED : BRIGHTWAVE_NEVER)),
      );
      expect(concurrent.map((o) => o.status === 'ok' && o.value.swapped)).toEqual([false, true, false, true, false]);
      expect(count('brightwave', 'discovery')).toBe(1);
      expect(count('brightwave', 'token')).toBe(1);
      expect(count('brightwave', 'sim-swap/v2/check')).toBe(10);
    });

    it('shares one token request between concurrent first calls', async () => {
      const brightwave = adapter('brightwave');
      await Promise.all(Array.from({ length: 8 }, () => check(brightwave, BRIGHTWAVE_NEVER)));
      expect(count('brightwave', 'discovery')).toBe(1);
      expect(count('brightwave', 'token')).toBe(1);
    });

    it('keeps tokens apart per tenant and per scope set', async () => {
      const brightwave = adapter('brightwave');
      await check(brightwave, BRIGHTWAVE_NEVER, context('tenant-a'));
      await check(brightwave, BRIGHTWAVE_NEVER, context('tenant-b'));
      await retrieveDate(brightwave, BRIGHTWAVE_NEVER, context('tenant-a'));
      await check(brightwave, BRIGHTWAVE_SWAPPED, context('tenant-a'));
      expect(count('brightwave', 'token')).toBe(3);
    });

    it('puts the number in the body (2-legged) and forwards a valid x-correlator only', async () => {
      const brightwave = adapter('brightwave');
      await check(brightwave, BRIGHTWAVE_NEVER, context('tenant-a', undefined, 'b4333c46-49c0-4f62-80d7-f0ef930f1c46'));
      await check(brightwave, BRIGHTWAVE_NEVER, context('tenant-a', undefined, 'not valid: spaces'));
      const [valid, invalid] = http.requests;
      expect(JSON.parse(valid!.body!)).toEqual({ phoneNumber: BRIGHTWAVE_NEVER, maxAge: 72 });
      expect(valid!.headers).toMatchObject({
        'x-correlator': 'b4333c46-49c0-4f62-80d7-f0ef930f1c46',
        accept: 'application/json',
        'content-type': 'application/json',
      });
      expect(valid!.headers!.authorization).toMatch(/^Bearer \S+$/);
      expect(invalid!.headers).not.toHaveProperty('x-correlator');
      expect(valid!.url).toBe(`${carrierUrl(network, 'brightwave')}/sim-swap/v2/check`);
    });

    it('fetches a new token once the cached one reaches expiry minus the skew', async () => {
      network.carrier('brightwave').settings.update({ tokenTtlSeconds: 120 });
      const brightwave = adapter('brightwave');
      await check(brightwave, BRIGHTWAVE_NEVER);
      offsetMs += 60_000; // 60 s into a 120 s token: still inside expiry - 30 s
      await check(brightwave, BRIGHTWAVE_NEVER);
      expect(count('brightwave', 'token')).toBe(1);
      offsetMs += 31_000; // 91 s: past 120 - 30
      await check(brightwave, BRIGHTWAVE_NEVER);
      expect(count('brightwave', 'token')).toBe(2);
      offsetMs += 200_000; // past the mock's expiry as well
      expect((await check(brightwave, BRIGHTWAVE_NEVER)).status).toBe('ok');
      expect(count('brightwave', 'token')).toBe(3);
    });

    it('on a 401 with a cached token drops it and retries once with a fresh one', async () => {
      const brightwave = adapter('brightwave');
      await check(brightwave, BRIGHTWAVE_NEVER);
      network.faults.add({ carrier: 'brightwave', endpoint: 'sim-swap/v2/check', kind: 'status', status: 401, times: 1 });
      expect(await check(brightwave, BRIGHTWAVE_NEVER)).toMatchObject({ status: 'ok' });
      expect(count('brightwave', 'token')).toBe(2);
      expect(count('brightwave', 'sim-swap/v2/check')).toBe(3);
    });

    it("gives up with 'auth' when the fresh token is refused too (exactly one retry)", async () => {
      const brightwave = adapter('brightwave');
      await check(brightwave, BRIGHTWAVE_NEVER);
      network.faults.add({ carrier: 'brightwave', endpoint: 'sim-swap/v2/check', kind: 'status', status: 401 });
      expect((await failureOf(check(brightwave, BRIGHTWAVE_NEVER))).failure).toBe('auth');
      expect(count('brightwave', 'sim-swap/v2/check')).toBe(3);
      expect(count('brightwave', 'token')).toBe(2);
    });

    it('does not retry a 401 on a token it has just fetched', async () => {
      network.faults.add({ carrier: 'brightwave', endpoint: 'sim-swap/v2/check', kind: 'status', status: 401 });
      const brightwave = adapter('brightwave');
      expect((await failureOf(check(brightwave, BRIGHTWAVE_NEVER))).failure).toBe('auth');
      expect(count('brightwave', 'sim-swap/v2/check')).toBe(1);
    });

    it('bounds the token cache (least recently used tenant dropped)', async () => {
      const brightwave = adapter('brightwave', { maxCachedTokens: 2 });
      for (const tenant of ['a', 'b', 'c', 'a']) await check(brightwave, BRIGHTWAVE_NEVER, context(tenant));
      expect(count('brightwave', 'token')).toBe(4);
    });
  });

  describe('misconfiguration', () => {
    // Only for v2: SIM Swap 1.0 itself answers an unknown number with 404 NOT_FOUND, so a wrong
    // v1 path cannot be told apart from an unknown number.
    it("fails with 'rejected' (not not_found) when a v2 API path does not exist", async () => {
      const wrongPath = adapter('brightwave', { apis: { simSwap: { version: 'v2', basePath: '/camara/sim-swap/v2' } } });
      const error = await failureOf(check(wrongPath, BRIGHTWAVE_NEVER));
      expect(error).toMatchObject({ failure: 'rejected', httpStatus: 404 });
    });

    it("fails with 'auth' when the operator does not offer the configured flow", async () => {
      const noClientCredentials = adapter('albion', { auth: { ...camaraConfig(network, 'albion').auth, flow: 'client_credentials' } });
      expect((await failureOf(check(noClientCredentials, ALBION_NEVER))).failure).toBe('auth');
    });
  });

  describe('transport failures', () => {
    it("maps an oversized API body to 'malformed'", async () => {
      const tinyCap: HttpClient = { ...http, send: (request) => http.send({ ...request, maxResponseBytes: 4 }) };
      const brightwave = createCamaraAdapter(camaraConfig(network, 'brightwave'), { http: tinyCap, now: clock });
      track(brightwave);
      expect((await failureOf(check(brightwave, BRIGHTWAVE_NEVER))).failure).toBe('malformed');
    });

    it("maps an unreachable operator to 'network'", async () => {
      const closed = await startMockNetwork({ port: 0 });
      const baseUrl = carrierUrl(closed, 'brightwave');
      await closed.close();
      const unreachable = adapter('brightwave', { baseUrl });
      const error = await failureOf(check(unreachable, BRIGHTWAVE_NEVER));
      expect(error.failure).toBe('network');
      expect(error.message).not.toContain('7700900502');
    });
  });

  describe('operator windows (brightwave, 7 days)', () => {
    it('answers rejected OUT_OF_RANGE for maxAge beyond the window', async () => {
      const outcome = await check(adapter('brightwave'), BRIGHTWAVE_NEVER, context(), 200);
      expect(outcome).toMatchObject({ status: 'rejected', code: 'OUT_OF_RANGE' });
    });

    it('answers latestSimChange null with monitoredPeriodDays 7 for a change older than the window', async () => {
      expect(await retrieveDate(adapter('brightwave'), BRIGHTWAVE_SWAPPED_30_DAYS_AGO)).toEqual({
        status: 'ok',
        value: { latestSimChange: null, monitoredPeriodDays: 7 },
      });
    });
  });

  describe('discovery', () => {
    it('fails the call when discovery fails, and discovers again on the next call', async () => {
      network.faults.add({ carrier: 'brightwave', endpoint: 'discovery', kind: 'status', status: 503, times: 1 });
      const brightwave = adapter('brightwave');
      expect((await failureOf(check(brightwave, BRIGHTWAVE_NEVER))).failure).toBe('server');
      expect(await check(brightwave, BRIGHTWAVE_NEVER)).toMatchObject({ status: 'ok' });
      expect(count('brightwave', 'discovery')).toBe(2);
    });

    it("maps a garbled discovery document to 'malformed'", async () => {
      network.faults.add({ carrier: 'brightwave', endpoint: 'discovery', kind: 'malformed', times: 1 });
      expect((await failureOf(check(adapter('brightwave'), BRIGHTWAVE_NEVER))).failure).toBe('malformed');
    });

    it("maps a token endpoint 429 to 'rate_limited' with Retry-After", async () => {
      network.faults.add({ carrier: 'brightwave', endpoint: 'token', kind: 'status', status: 429, retryAfter: 3, times: 1 });
      const error = await failureOf(check(adapter('brightwave'), BRIGHTWAVE_NEVER));
      expect(error).toMatchObject({ failure: 'rate_limited', retryAfterMs: 3_000 });
    });
  });

  describe('CIBA tokens (albion)', () => {
    it('runs one CIBA flow per number, shared by concurrent calls, never reusing a token for another number', async () => {
      const albion = adapter('albion');
      const first = await Promise.all([check(albion, ALBION_SWAPPED), check(albion, ALBION_SWAPPED), check(albion, ALBION_SWAPPED)]);
      expect(first.map((o) => o.status === 'ok' && o.value.swapped)).toEqual([true, true, true]);
      await check(albion, ALBION_SWAPPED);
      expect(count('albion', 'bc-authorize')).toBe(1);

      // A second number gets its own token; had the first token been reused, the mock would
      // answer for the first line (the v2 body carries no number) and say swapped: true.
      expect(await check(albion, ALBION_NEVER)).toEqual({ status: 'ok', value: { swapped: false, maxAgeHours: 72 } });
      expect(count('albion', 'bc-authorize')).toBe(2);
      expect(await check(albion, ALBION_SWAPPED)).toMatchObject({ value: { swapped: true } });
      expect(count('albion', 'bc-authorize')).toBe(2);
    });

    it('reports the time a call waited for its token (the CIBA flow), apart from the API call', async () => {
      const albion = adapter('albion');
      const firstCall = { ...context(), timing: { tokenWaitMs: 0, awaitingToken: false } };
      expect((await check(albion, ALBION_SWAPPED, firstCall)).status).toBe('ok');
      const cachedToken = { ...context(), timing: { tokenWaitMs: 0, awaitingToken: false } };
      expect((await check(albion, ALBION_SWAPPED, cachedToken)).status).toBe('ok');
      // The first waited a whole CIBA poll interval; the second found its token in the cache.
      expect(firstCall.timing.tokenWaitMs).toBeGreaterThan(cachedToken.timing.tokenWaitMs);
      expect(count('albion', 'bc-authorize')).toBe(1);
    });

    it('does not share a CIBA token between tenants', async () => {
      const albion = adapter('albion');
      await check(albion, ALBION_NEVER, context('tenant-a'));
      await check(albion, ALBION_NEVER, context('tenant-b'));
      expect(count('albion', 'bc-authorize')).toBe(2);
    });

    it('omits the number from a v2 body (3-legged) and keeps it in a v1 body', async () => {
      await check(adapter('albion'), ALBION_NEVER);
      await check(adapter('albion-v1'), ALBION_NEVER);
      const [v2, v1] = http.requests;
      expect(JSON.parse(v2!.body!)).toEqual({ maxAge: 72 });
      expect(v2!.url).toMatch(/\/sim-swap\/v2\/check$/);
      expect(JSON.parse(v1!.body!)).toEqual({ phoneNumber: ALBION_NEVER, maxAge: 72 });
      expect(v1!.url).toMatch(/\/sim-swap\/v1\/check$/);
    });

    it("maps a refused consent (access_denied) to 'rejected'", async () => {
      network.carrier('albion').settings.update({ cibaDenyNumbers: [ALBION_NEVER] });
      const error = await failureOf(check(adapter('albion'), ALBION_NEVER));
      expect(error.failure).toBe('rejected');
      expect(error.message).not.toContain('7700900002');
    });

    it('sends login_hint as phone_number:+E164 when configured so', async () => {
      const auth = { ...camaraConfig(network, 'albion').auth, loginHintFormat: 'phone_number' };
      expect(await check(adapter('albion', { auth }), ALBION_SWAPPED)).toMatchObject({ status: 'ok', value: { swapped: true } });
    });

    it('answers not_found when the operator does not know the login_hint (unknown_user_id)', async () => {
      const outcome = await check(adapter('albion'), '+447700900990');
      expect(outcome.status).toBe('not_found');
      expect(count('albion', 'sim-swap/v2/check')).toBe(0);
    });
  });

  describe('a token mint outlives its caller, up to its own limit', () => {
    const gaveUp = () => new DOMException('deadline', 'TimeoutError');

    it("fails a caller whose deadline fires with 'token_pending' at once (no fault of the operator's); the CIBA flow goes on and its token serves the next call", async () => {
      const albion = adapter('albion');
      const caller = new AbortController();
      const pending = check(albion, ALBION_SWAPPED, context('tenant-a', caller.signal));
      await vi.waitFor(() => expect(count('albion', 'bc-authorize')).toBe(1));
      caller.abort(gaveUp());
      const failure = await failureOf(pending);
      expect(failure.failure).toBe('token_pending');
      expect(failure.countsAgainstBreaker).toBe(false);
      // The flow's poll reaches the operator although nobody waits for it any more.
      await vi.waitFor(() => expect(count('albion', 'token')).toBe(1), { timeout: 10_000 });
      expect(await check(albion, ALBION_SWAPPED)).toMatchObject({ status: 'ok', value: { swapped: true } });
      expect(count('albion', 'bc-authorize')).toBe(1);
      expect(count('albion', 'token')).toBe(1);
    });

    it('aborts a CIBA flow at auth.tokenTimeoutMs and keeps nothing: the next call starts a new flow', async () => {
      network.carrier('albion').settings.update({ cibaApprovalDelayMs: 600_000 });
      const auth = { ...camaraConfig(network, 'albion').auth, tokenTimeoutMs: 300 };
      const albion = adapter('albion', { auth });
      expect((await failureOf(check(albion, ALBION_NEVER))).failure).toBe('timeout');
      expect(count('albion', 'bc-authorize')).toBe(1);
      expect((await failureOf(check(albion, ALBION_NEVER))).failure).toBe('timeout');
      expect(count('albion', 'bc-authorize')).toBe(2);
    });

    it("stops polling at the auth_req_id's expires_in: the hanging poll is dropped (the operator sees the abort)", async () => {
      // expires_in 2 s, interval 1 s: the first poll is sent, hangs, and must be given up at expiry,
      // long before openid-client's own 10 s request timeout.
      network.carrier('albion').settings.update({ cibaExpiresInSeconds: 2 });
      network.faults.add({ carrier: 'albion', endpoint: 'token', kind: 'hang' });
      const failure = failureOf(check(adapter('albion'), ALBION_NEVER));
      await vi.waitFor(() => expect(count('albion', 'token')).toBe(1), { timeout: 5_000 });
      await vi.waitFor(() => expect(count('albion', ABORTED)).toBe(1), { timeout: 5_000 });
      expect((await failure).failure).toBe('timeout');
    });

    it('drops a client-credentials token request at auth.tokenTimeoutMs (the operator sees the abort)', async () => {
      network.faults.add({ carrier: 'brightwave', endpoint: 'token', kind: 'hang' });
      const auth = { ...camaraConfig(network, 'brightwave').auth, tokenTimeoutMs: 300 };
      expect((await failureOf(check(adapter('brightwave', { auth }), BRIGHTWAVE_NEVER))).failure).toBe('timeout');
      await vi.waitFor(() => expect(count('brightwave', ABORTED)).toBe(1), { timeout: 5_000 });
    });

    // Left alone, a discovery would hold its connection until openid-client's 10 s timeout, and a
    // graceful close of the HTTP pool (the CLI's exit, a gateway's shutdown) would wait for it.
    it.each(['token', 'discovery'])('aborts a %s request still under way when the adapter closes, awaited or not (the operator sees the abort)', async (endpoint) => {
      network.faults.add({ carrier: 'brightwave', endpoint, kind: 'hang' });
      const brightwave = createCamaraAdapter(camaraConfig(network, 'brightwave'), { http, now: clock });
      const caller = new AbortController();
      const pending = check(brightwave, BRIGHTWAVE_NEVER, context('tenant-a', caller.signal));
      await vi.waitFor(() => expect(count('brightwave', endpoint)).toBe(1));
      caller.abort(gaveUp());
      // Client credentials: a slow token endpoint is the operator's trouble, unlike a CIBA flow.
      expect((await failureOf(pending)).failure).toBe('timeout');
      expect(count('brightwave', ABORTED)).toBe(0);
      await brightwave.close?.();
      await vi.waitFor(() => expect(count('brightwave', ABORTED)).toBe(1), { timeout: 5_000 });
    });

    it('rejects tokenTimeoutMs out of range and defaults it to 30 s', () => {
      const valid = camaraConfig(network, 'albion');
      expect(() => parseCamaraConfig({ ...valid, auth: { ...valid.auth, tokenTimeoutMs: 10 } })).toThrow();
      expect(parseCamaraConfig(valid).auth.tokenTimeoutMs).toBe(30_000);
    });
  });

  describe('liberty (private_key_jwt, CIBA at /bc_authorize)', () => {
    it('signs a fresh client assertion per token request (single-use jti)', async () => {
      const liberty = adapter('liberty');
      expect(await check(liberty, '+12025550101')).toMatchObject({ status: 'ok', value: { swapped: true } });
      expect(await check(liberty, '+12025550102')).toMatchObject({ status: 'ok', value: { swapped: false } });
      expect(count('liberty', 'bc-authorize')).toBe(2);
    });

    it('reads the -05:00 offset timestamps as they are', async () => {
      const outcome = await retrieveDate(adapter('liberty'), '+12025550101');
      expect(outcome.status).toBe('ok');
      if (outcome.status === 'ok') expect(outcome.value.latestSimChange).toMatch(/-05:00$/);
    });
  });
});
