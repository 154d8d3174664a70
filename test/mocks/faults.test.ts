import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Hono } from 'hono';
import { checkErrorOf } from '../../mocks/faults/check-error.ts';
import { injectFaults } from '../../mocks/faults/middleware.ts';
import { FaultRegistry } from '../../mocks/faults/registry.ts';
import { startMockNetwork } from '../../mocks/network.ts';
import { RequestStats } from '../../mocks/stats.ts';
import { eventually } from './support/faults.ts';
import {
  CLIENT_ID,
  FRAUD,
  SECRETS,
  bearer,
  clientCredentialsToken,
  getJson,
  postForm,
  postJson,
  startCiba,
  startHarness,
  type Harness,
} from './support/harness.ts';

let h: Harness;
let cc: string;

beforeAll(async () => {
  h = await startHarness();
  cc = await clientCredentialsToken(h);
});
afterAll(() => h.close());
afterEach(() => {
  h.net.faults.clear();
  h.net.stats.reset();
});

const check = () => `${h.base('brightwave')}/sim-swap/v2/check`;
const body = { phoneNumber: '+447700900501', maxAge: 72 };

describe('status faults', () => {
  it('answer in the CAMARA shape on APIs, with Retry-After and the x-correlator echoed', async () => {
    h.net.faults.add({ carrier: 'brightwave', endpoint: 'sim-swap/v2/check', kind: 'status', status: 429, retryAfter: 3 });
    const response = await postJson(check(), body, { ...bearer(cc), 'x-correlator': 'fault-1' });
    expect(response.status).toBe(429);
    expect(response.body).toEqual({ status: 429, code: 'TOO_MANY_REQUESTS', message: expect.any(String) });
    expect(response.headers.get('retry-after')).toBe('3');
    expect(response.headers.get('x-correlator')).toBe('fault-1');
    expect(h.net.stats.get('brightwave', 'sim-swap/v2/check')).toBe(1);
  });

  it('answer in the OAuth shape on OAuth endpoints; Retry-After may be an HTTP date', async () => {
    const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
    h.net.faults.add({ endpoint: 'token', kind: 'status', status: 503, retryAfter: date });
    const response = await postForm(`${h.base('brightwave')}/token`, {
      grant_type: 'client_credentials', scope: `${FRAUD} sim-swap`, client_id: CLIENT_ID, client_secret: SECRETS.brightwave,
    });
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ error: 'temporarily_unavailable', error_description: expect.any(String) });
    expect(response.headers.get('retry-after')).toBe(date);
  });

  it('expire after `times` matching requests', async () => {
    const rule = h.net.faults.add({ carrier: 'brightwave', kind: 'status', status: 500, times: 2 });
    expect((await postJson(check(), body, bearer(cc))).status).toBe(500);
    expect(h.net.faults.list()).toEqual([{ ...rule, times: 1 }]);
    expect((await postJson(check(), body, bearer(cc))).body.code).toBe('INTERNAL');
    expect(h.net.faults.list()).toEqual([]);
    expect((await postJson(check(), body, bearer(cc))).status).toBe(200);
  });

  it('apply only to the carrier, endpoint and phone number they name', async () => {
    h.net.faults.add({ carrier: 'albion', kind: 'status', status: 503 });
    h.net.faults.add({ carrier: 'brightwave', endpoint: 'sim-swap/v2/retrieve-date', kind: 'status', status: 502 });
    h.net.faults.add({ carrier: 'brightwave', phoneNumber: '+447700900502', kind: 'status', status: 504 });
    expect((await postJson(check(), body, bearer(cc))).status).toBe(200);
    expect((await postJson(check(), { phoneNumber: '+447700900502', maxAge: 24 }, bearer(cc))).status).toBe(504);
    expect((await postJson(`${h.base('brightwave')}/sim-swap/v2/retrieve-date`, { phoneNumber: '+447700900501' }, bearer(cc))).status).toBe(502);
    expect((await getJson(`${h.base('albion')}/.well-known/openid-configuration`)).status).toBe(503);
  });

  it('a phone-number rule also matches the CIBA login_hint', async () => {
    h.net.faults.add({ endpoint: 'bc-authorize', phoneNumber: '+447700900002', kind: 'status', status: 503 });
    expect((await startCiba(h, 'albion', '+447700900001')).status).toBe(200);
    expect((await startCiba(h, 'albion', '+447700900002')).status).toBe(503);
  });
});

describe('latency, malformed and hang', () => {
  it('latency delays, then answers normally', async () => {
    h.net.faults.add({ kind: 'latency', latencyMs: 150, times: 1 });
    const response = await postJson(check(), body, bearer(cc));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ swapped: true });
  });

  it('malformed answers 200 with truncated JSON', async () => {
    h.net.faults.add({ kind: 'malformed', times: 2 });
    const api = await postJson(check(), body, bearer(cc));
    expect(api.status).toBe(200);
    expect(api.headers.get('content-type')).toMatch(/application\/json/);
    expect(() => JSON.parse(api.text)).toThrow();
    expect(api.text.length).toBeGreaterThan(0);
    const discovery = await getJson(`${h.base('liberty')}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    expect(() => JSON.parse(discovery.text)).toThrow();
  });

  it('hang never answers; the client abort is counted as aborted', async () => {
    h.net.faults.add({ kind: 'hang', times: 1 });
    const controller = new AbortController();
    const pending = fetch(check(), {
      method: 'POST',
      headers: { ...bearer(cc), 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    await eventually(() => h.net.stats.get('brightwave', 'sim-swap/v2/check') === 1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await eventually(() => h.net.stats.get('brightwave', 'aborted') === 1);
    expect((await getJson(`${h.net.url}/_world/stats`)).body.brightwave).toMatchObject({ aborted: 1, 'sim-swap/v2/check': 1 });
  });
});

describe('check_error', () => {
  it('lets the request through with the rule available to the carrier’s handler', async () => {
    const registry = new FaultRegistry();
    const app = new Hono();
    app.post(
      '/check',
      injectFaults({ registry, stats: new RequestStats(), carrier: 'vendor', endpoint: 'check', errorResponse: (c, status) => c.body(null, status as 500) }),
      (c) => {
        const rule = checkErrorOf(c);
        return c.json(rule ? { failed: rule.check ?? 'all', code: rule.code ?? null } : { ok: true });
      },
    );
    registry.add({ carrier: 'vendor', endpoint: 'check', kind: 'check_error', check: 'roaming', code: 2501, times: 1 });
    expect(await (await app.request('/check', { method: 'POST' })).json()).toEqual({ failed: 'roaming', code: 2501 });
    expect(await (await app.request('/check', { method: 'POST' })).json()).toEqual({ ok: true });
    const header = await app.request('/check', { method: 'POST', headers: { 'x-mock-fault': 'check_error; check=sim_swap; code=UNAVAILABLE' } });
    expect(await header.json()).toEqual({ failed: 'sim_swap', code: 'UNAVAILABLE' });
  });

  it('a carrier without per-check errors (CAMARA) answers normally and spends the rule', async () => {
    h.net.faults.add({ carrier: 'brightwave', endpoint: 'sim-swap/v2/check', kind: 'check_error', check: 'sim_swap', times: 1 });
    const response = await postJson(check(), body, bearer(cc));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ swapped: true });
    expect(h.net.faults.list()).toEqual([]);
  });
});

describe('x-mock-fault header', () => {
  it('status with retry-after', async () => {
    const response = await postJson(check(), body, { ...bearer(cc), 'x-mock-fault': 'status=503; retry-after=7' });
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('UNAVAILABLE');
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('latency and malformed', async () => {
    expect((await postJson(check(), body, { ...bearer(cc), 'x-mock-fault': 'latency=50' })).body).toEqual({ swapped: true });
    const malformed = await postJson(check(), body, { ...bearer(cc), 'x-mock-fault': 'malformed' });
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text)).toThrow();
  });

  it('hang, on an OAuth endpoint', async () => {
    const controller = new AbortController();
    const pending = fetch(`${h.base('albion')}/jwks`, { headers: { 'x-mock-fault': 'hang' }, signal: controller.signal });
    await eventually(() => h.net.stats.get('albion', 'jwks') === 1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await eventually(() => h.net.stats.get('albion', 'aborted') === 1);
  });

  it('an invalid header is a 400 in the carrier’s format', async () => {
    for (const value of ['status', 'explode', 'status=99', 'hang=3', 'latency=10; colour=red']) {
      const response = await postJson(check(), body, { ...bearer(cc), 'x-mock-fault': value });
      expect(response.status, value).toBe(400);
      expect(response.body.code).toBe('INVALID_ARGUMENT');
      expect(response.body.message).toMatch(/x-mock-fault/);
    }
    const oauth = await getJson(`${h.base('albion')}/jwks`, { 'x-mock-fault': 'explode' });
    expect(oauth.status).toBe(400);
    expect(oauth.body.error).toBe('invalid_request');
  });
});

describe('close()', () => {
  it('ends requests and bodies held by every kind of fault, counts each abort, and clears every timer it armed', async () => {
    // Long timers armed while the faults hold their requests; each must be cleared by the close.
    const armed = new Set<unknown>();
    const { setTimeout: realSet, clearTimeout: realClear } = globalThis;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: () => void, ms?: number) => {
      const timer = realSet(callback, ms);
      if ((ms ?? 0) >= 100_000) armed.add(timer);
      return timer;
    }));
    vi.spyOn(globalThis, 'clearTimeout').mockImplementation((timer) => {
      armed.delete(timer);
      realClear(timer);
    });
    try {
      const net = await startMockNetwork();
      const jwks = `${net.url}/carriers/albion/jwks`;
      const held = (fault: string) => fetch(jwks, { headers: { 'x-mock-fault': fault } });
      // Outcomes are observed from the start: these requests fail only once the network closes.
      const outcome = (pending: Promise<unknown>) => pending.then(() => 'answered', () => 'failed');
      const hang = outcome(held('hang'));
      const latency = outcome(held('latency=600000; jitter=1000'));
      const slow = await held('slow_body=600000; chunks=3');
      const oversized = await held(`oversized=${64 * 1024 * 1024}`);
      const bodies = [outcome(slow.text()), outcome(oversized.arrayBuffer())];
      await eventually(() => net.stats.get('albion', 'jwks') === 4);
      expect(armed.size).toBe(2); // the latency and the slow body's next piece
      await net.close();
      expect(await Promise.all([hang, latency, ...bodies])).toEqual(['failed', 'failed', 'failed', 'failed']);
      await eventually(() => net.stats.get('albion', 'aborted') === 4);
      await eventually(() => armed.size === 0, 'every timer cleared');
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('ends promptly even with a request held by a hang fault and keep-alive connections open', async () => {
    const net = await startMockNetwork();
    await fetch(`${net.url}/_world`).then((response) => response.text());
    const pending = fetch(`${net.url}/carriers/albion/jwks`, { headers: { 'x-mock-fault': 'hang' } });
    await eventually(() => net.stats.get('albion', 'jwks') === 1);
    await net.close();
    await expect(pending).rejects.toThrow();
    await eventually(() => net.stats.get('albion', 'aborted') === 1);
  });
});
