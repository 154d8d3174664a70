/**
 * Every fault kind over real HTTP against two different kinds of carrier: a CAMARA operator's API
 * (brightwave, bearer token, JSON body) and an aggregator (Twilio Lookup, Basic auth, GET). Rules
 * go in through the admin API (`POST /_world/faults`) or the `x-mock-fault` header.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../src/contract/http.ts';
import { TWILIO_DEV_CREDENTIALS } from '../../mocks/carriers/twilio/dev-credentials.ts';
import { addFaultRule, eventually, readBody, retypedLeaves, text } from './support/faults.ts';
import { basic, bearer, clientCredentialsToken, startHarness, type Harness } from './support/harness.ts';

let h: Harness;
let token: string;

beforeAll(async () => {
  h = await startHarness();
  token = await clientCredentialsToken(h);
});
afterAll(() => h.close());
afterEach(() => {
  h.net.faults.clear();
  h.net.stats.reset();
});

interface Target {
  label: string;
  carrier: string;
  endpoint: string;
  /** A number the carrier answers for, and another one. */
  subject: string;
  other: string;
  request(phoneNumber: string, init?: { headers?: Record<string, string>; signal?: AbortSignal; redirect?: RequestRedirect }): Promise<Response>;
  /** A field of the real answer that is a boolean. */
  booleanField: string;
}

const TARGETS: Target[] = [
  {
    label: 'CAMARA operator (brightwave SIM Swap)',
    carrier: 'brightwave',
    endpoint: 'sim-swap/v2/check',
    subject: '+447700900501',
    other: '+447700900502',
    request: (phoneNumber, init = {}) =>
      fetch(`${h.base('brightwave')}/sim-swap/v2/check`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json', ...init.headers },
        body: JSON.stringify({ phoneNumber, maxAge: 72 }),
        ...(init.signal ? { signal: init.signal } : {}),
        ...(init.redirect ? { redirect: init.redirect } : {}),
      }),
    booleanField: 'swapped',
  },
  {
    label: 'aggregator (Twilio Lookup)',
    carrier: 'twilio',
    endpoint: 'lookup',
    subject: '+447700900501',
    other: '+447700900502',
    request: (phoneNumber, init = {}) =>
      fetch(`${h.base('twilio')}/v2/PhoneNumbers/${phoneNumber}?Fields=sim_swap`, {
        headers: { ...basic(TWILIO_DEV_CREDENTIALS.accountSid, TWILIO_DEV_CREDENTIALS.authToken), ...init.headers },
        ...(init.signal ? { signal: init.signal } : {}),
        ...(init.redirect ? { redirect: init.redirect } : {}),
      }),
    booleanField: 'sim_swap.last_sim_swap.swapped_in_period',
  },
];

describe.each(TARGETS)('$label', (target) => {
  const { carrier, endpoint } = target;
  const faulted = (fault: string) => target.request(target.subject, { headers: { 'x-mock-fault': fault } });
  const rule = (fields: Record<string, unknown>) => addFaultRule(h.net.url, { carrier, endpoint, ...fields });
  const baseline = async () => {
    const response = await target.request(target.subject);
    expect(response.status).toBe(200);
    return { response, text: await response.text() };
  };
  /** Sends a request, waits until the carrier has it, aborts it; the request must fail on the client. */
  const abortInFlight = async (headers: Record<string, string> = {}) => {
    const controller = new AbortController();
    const pending = target.request(target.subject, { headers, signal: controller.signal });
    await eventually(() => h.net.stats.get(carrier, endpoint) === 1, 'request reached the carrier');
    controller.abort();
    await expect(pending.then((response) => response.text())).rejects.toThrow();
  };

  describe('status', () => {
    it('5xx from the admin API, in the carrier’s own error format', async () => {
      await rule({ kind: 'status', status: 503, times: 1 });
      const response = await target.request(target.subject);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/json/);
      expect(JSON.parse(await response.text())).toEqual(expect.any(Object));
      expect((await target.request(target.subject)).status).toBe(200);
    });

    it('429 with Retry-After in seconds (admin API) and as an HTTP date (header)', async () => {
      await rule({ kind: 'status', status: 429, retryAfter: 4, times: 1 });
      const seconds = await target.request(target.subject);
      expect(seconds.status).toBe(429);
      expect(seconds.headers.get('retry-after')).toBe('4');
      const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
      const dated = await faulted(`status=429; retry-after=${date}`);
      expect(dated.status).toBe(429);
      expect(dated.headers.get('retry-after')).toBe(date);
    });
  });

  describe('latency', () => {
    it('fixed plus jitter, then the normal answer', async () => {
      const { text: expected } = await baseline();
      await rule({ kind: 'latency', latencyMs: 20, jitterMs: 30, times: 1 });
      const response = await target.request(target.subject);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(expected);
      const header = await faulted('latency=5; jitter-ms=10');
      expect(await header.text()).toBe(expected);
    });

    it('a client abort during the delay is counted as aborted', async () => {
      await rule({ kind: 'latency', latencyMs: 600_000, jitterMs: 1000 });
      await abortInFlight();
      await eventually(() => h.net.stats.get(carrier, 'aborted') === 1, 'aborted counted');
    });
  });

  it('hang: no headers ever; the client abort is counted', async () => {
    await abortInFlight({ 'x-mock-fault': 'hang' });
    await eventually(() => h.net.stats.get(carrier, 'aborted') === 1, 'aborted counted');
  });

  describe('reset', () => {
    it('headers with the full length, part of the body, then the connection is reset', async () => {
      const { text: expected } = await baseline();
      await rule({ kind: 'reset', afterBytes: 5, times: 1 });
      const response = await target.request(target.subject);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(expected)));
      const body = await readBody(response);
      expect(body.error).toBeDefined();
      expect(text(body.bytes)).toBe(expected.slice(0, 5));
      expect((await (await fetch(`${h.net.url}/_world/stats`)).json())[carrier]).not.toHaveProperty('aborted');
    });

    it('by default half the body is sent (header)', async () => {
      const { text: expected } = await baseline();
      const body = await readBody(await faulted('reset'));
      expect(body.error).toBeDefined();
      expect(body.bytes.length).toBe(Math.ceil(Buffer.byteLength(expected) / 2));
    });
  });

  describe('slow body', () => {
    it('headers at once, then the whole body in pieces', async () => {
      const { text: expected } = await baseline();
      await rule({ kind: 'slow_body', durationMs: 400, chunks: 4, times: 1 });
      const response = await target.request(target.subject);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(expected)));
      const body = await readBody(response);
      expect(body.error).toBeUndefined();
      expect(text(body.bytes)).toBe(expected);
      expect(body.reads).toBeGreaterThanOrEqual(2);
    });

    it('a client abort mid-body is counted and ends the dribble', async () => {
      const controller = new AbortController();
      const response = await target.request(target.subject, { headers: { 'x-mock-fault': 'slow_body=600000; chunks=2' }, signal: controller.signal });
      expect(response.status).toBe(200);
      controller.abort();
      await expect(response.text()).rejects.toThrow();
      await eventually(() => h.net.stats.get(carrier, 'aborted') === 1, 'aborted counted');
    });
  });

  describe('malformed and wrong types', () => {
    it('malformed: 200 with truncated JSON', async () => {
      await rule({ kind: 'malformed', times: 1 });
      const response = await target.request(target.subject);
      expect(response.status).toBe(200);
      const body = text((await readBody(response)).bytes);
      expect(() => JSON.parse(body)).toThrow();
    });

    it('wrong_type: valid JSON, the first boolean or number becomes a string', async () => {
      const expected = JSON.parse((await baseline()).text);
      await rule({ kind: 'wrong_type', times: 1 });
      const changed = JSON.parse(await (await target.request(target.subject)).text());
      const [leaf, ...others] = retypedLeaves(expected, changed);
      expect(others).toEqual([]);
      expect(['boolean', 'number']).toContain(typeof leafAt(expected, leaf!));
      expect(leafAt(changed, leaf!)).toBe(String(leafAt(expected, leaf!)));
    });

    it('wrong_type on a named field (header)', async () => {
      const expected = JSON.parse((await baseline()).text);
      const changed = JSON.parse(await (await faulted(`wrong_type; field=${target.booleanField}`)).text());
      expect(retypedLeaves(expected, changed)).toEqual([target.booleanField]);
      expect(leafAt(changed, target.booleanField)).toBe(String(leafAt(expected, target.booleanField)));
    });
  });

  describe('oversized', () => {
    it('200 with 2 MiB of valid JSON by default, the real answer padded; larger than the gateway’s cap', async () => {
      const expected = JSON.parse((await baseline()).text);
      await rule({ kind: 'oversized', times: 1 });
      const response = await target.request(target.subject);
      expect(response.status).toBe(200);
      const body = await readBody(response);
      expect(body.bytes.length).toBe(2 * 1024 * 1024);
      expect(body.bytes.length).toBeGreaterThan(DEFAULT_MAX_RESPONSE_BYTES);
      const { padding, ...answer } = JSON.parse(text(body.bytes));
      expect(answer).toEqual(expected);
      expect(padding).toMatch(/^x+$/);
    });

    it('sizeBytes from the header; a client that stops reading is counted as aborted', async () => {
      expect((await readBody(await faulted('oversized=5000'))).bytes.length).toBe(5000);
      const response = await faulted(`oversized=${64 * 1024 * 1024}`);
      const reader = response.body!.getReader();
      await reader.read();
      await reader.cancel();
      await eventually(() => h.net.stats.get(carrier, 'aborted') === 1, 'aborted counted');
    });
  });

  describe('redirect', () => {
    it('302 to another host by default, never the carrier’s own origin', async () => {
      await rule({ kind: 'redirect', times: 1 });
      const response = await target.request(target.subject, { redirect: 'manual' });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location')!);
      expect(location.origin).toBe('http://127.0.0.2:9');
      expect(location.origin).not.toBe(h.net.url);
      expect(location.pathname).toMatch(new RegExp(`^/carriers/${carrier}/`));
    });

    it('307 to a given location (header)', async () => {
      const response = await target.request(target.subject, {
        headers: { 'x-mock-fault': 'redirect=307; location=https://elsewhere.example/steal?x=1' },
        redirect: 'manual',
      });
      expect(response.status).toBe(307);
      expect(response.headers.get('location')).toBe('https://elsewhere.example/steal?x=1');
    });
  });

  it('a rule for one number leaves the carrier’s other numbers alone', async () => {
    await rule({ phoneNumber: target.subject, kind: 'wrong_type' });
    const other = await target.request(target.other);
    expect(other.status).toBe(200);
    const answer = await (await target.request(target.subject)).text();
    const plain = await (await target.request(target.subject, { headers: { 'x-mock-fault': 'latency=0' } })).text();
    expect(retypedLeaves(JSON.parse(plain), JSON.parse(answer))).toHaveLength(1);
  });
});

function leafAt(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], value);
}
