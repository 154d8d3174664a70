/**
 * Every fault kind at every endpoint family of every mounted carrier: the three CAMARA operators'
 * OIDC endpoints (discovery, jwks, token, bc-authorize, authorize) and APIs, Nokia (its APIs and its
 * Number Verification authorization server), Twilio,
 * Telesign, Vonage. The requests carry no credentials: faults apply before the carrier's own
 * checks, so the real answer (an error in the carrier's format) is what each fault delivers badly.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AUTHORIZATION_CODE_GRANT, CAMARA_PROFILES } from '../../mocks/carriers/camara/profiles.ts';
import { NAC_DEV_RAPIDAPI_KEY, NAC_LISTING_HOST } from '../../mocks/carriers/nokia/dev-credentials.ts';
import { createMockNetwork } from '../../mocks/network.ts';
import { addFaultRule, eventually, readBody, retypedLeaves, text, type JsonValue } from './support/faults.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => {
  h.net.faults.clear();
  h.net.stats.reset();
});

interface Sample {
  carrier: string;
  endpoint: string;
  path: string;
  method?: 'POST';
  headers?: Record<string, string>;
  /** The request body about a number (JSON object or form). */
  body?: (phoneNumber: string) => string;
  /** For samples whose path names the number. */
  pathOf?: (phoneNumber: string) => string;
  /** Two numbers: rules aimed at the first must leave the second alone. Absent: the endpoint names no number. */
  numbers?: [string, string];
}

const json = { 'content-type': 'application/json' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const OPERATOR_LINES: Record<string, [string, string]> = {
  albion: ['+447700900001', '+447700900002'],
  brightwave: ['+447700900501', '+447700900502'],
  liberty: ['+12025550101', '+12025550102'],
};

function samplesOf(carrier: { id: string; kind: string }): Sample[] {
  const { id } = carrier;
  switch (carrier.kind) {
    case 'camara': {
      const profile = CAMARA_PROFILES.find((candidate) => candidate.id === id)!;
      const numbers = OPERATOR_LINES[id];
      const samples: Sample[] = [
        { carrier: id, endpoint: 'discovery', path: '/.well-known/openid-configuration' },
        { carrier: id, endpoint: 'jwks', path: '/jwks' },
        { carrier: id, endpoint: 'token', path: '/token', method: 'POST', headers: form, body: () => 'grant_type=client_credentials' },
        {
          carrier: id,
          endpoint: 'sim-swap/v2/check',
          path: '/sim-swap/v2/check',
          method: 'POST',
          headers: json,
          body: (n) => JSON.stringify({ phoneNumber: n, maxAge: 24 }),
          ...(numbers ? { numbers } : {}),
        },
      ];
      if (profile.cibaPath) {
        samples.push({
          carrier: id,
          endpoint: 'bc-authorize',
          path: profile.cibaPath,
          method: 'POST',
          headers: form,
          body: (n) => new URLSearchParams({ scope: 'openid', login_hint: `tel:${n}` }).toString(),
          ...(numbers ? { numbers } : {}),
        });
      }
      if (profile.grantTypes.includes(AUTHORIZATION_CODE_GRANT)) samples.push({ carrier: id, endpoint: 'authorize', path: '/authorize' });
      return samples;
    }
    case 'nokia': {
      const rapidApi = { 'x-rapidapi-key': NAC_DEV_RAPIDAPI_KEY, 'x-rapidapi-host': NAC_LISTING_HOST };
      return [
        {
          carrier: id,
          endpoint: 'sim-swap/check',
          path: '/passthrough/camara/v1/sim-swap/sim-swap/v0/check',
          method: 'POST',
          headers: { ...json, ...rapidApi },
          body: (n) => JSON.stringify({ phoneNumber: n, maxAge: 24 }),
          numbers: ['+447700900501', '+447700900502'],
        },
        // Number Verification: NaC's discovery (behind RapidAPI), its device-facing and token endpoints (its auth host), /verify.
        { carrier: id, endpoint: 'well-known', path: '/.well-known/openid-configuration', headers: rapidApi },
        { carrier: id, endpoint: 'oauth2/retrieve_csp_auth_url', path: '/oauth2/v1/retrieve_csp_auth_url' },
        { carrier: id, endpoint: 'oauth2/token', path: '/oauth2/v1/token', method: 'POST', headers: form, body: () => 'grant_type=authorization_code' },
        {
          carrier: id,
          endpoint: 'number-verification/verify',
          path: '/passthrough/camara/v1/number-verification/number-verification/v0/verify',
          method: 'POST',
          headers: { ...json, ...rapidApi },
          body: (n) => JSON.stringify({ phoneNumber: n }),
          numbers: ['+447700900501', '+447700900502'],
        },
      ];
    }
    case 'twilio':
      return [{ carrier: id, endpoint: 'lookup', path: '', pathOf: (n) => `/v2/PhoneNumbers/${n}?Fields=sim_swap`, numbers: ['+447700900501', '+12025550101'] }];
    case 'telesign':
      return [
        {
          carrier: id,
          endpoint: 'phoneid',
          path: '',
          pathOf: (n) => `/v1/phoneid/${n.slice(1)}`,
          method: 'POST',
          headers: json,
          body: () => '{}',
          numbers: ['+447700900501', '+12025550101'],
        },
      ];
    case 'vonage':
      return [
        {
          carrier: id,
          endpoint: 'identity-insights',
          path: '/identity-insights/v1/requests',
          method: 'POST',
          headers: json,
          body: (n) => JSON.stringify({ phone_number: n, insights: { sim_swap: {} } }),
          numbers: ['+447700900501', '+12025550101'],
        },
      ];
    default:
      throw new Error(`no sample request for carrier kind "${carrier.kind}": add one to ${import.meta.url}`);
  }
}

const CARRIERS = createMockNetwork().carriers;
const SAMPLES = CARRIERS.flatMap(samplesOf).map((sample) => ({ ...sample, label: `${sample.carrier} ${sample.endpoint}` }));

function send(sample: Sample, headers: Record<string, string> = {}, signal?: AbortSignal, phoneNumber = sample.numbers?.[0] ?? '+447700900501'): Promise<Response> {
  const path = sample.pathOf ? sample.pathOf(phoneNumber) : sample.path;
  return fetch(`${h.base(sample.carrier)}${path}`, {
    method: sample.method ?? 'GET',
    headers: { ...sample.headers, ...headers },
    ...(sample.body ? { body: sample.body(phoneNumber) } : {}),
    redirect: 'manual',
    ...(signal ? { signal } : {}),
  });
}

async function baseline(sample: Sample): Promise<{ status: number; text: string; json: JsonValue | undefined }> {
  const response = await send(sample);
  const body = await response.text();
  let parsed: JsonValue | undefined;
  try {
    parsed = JSON.parse(body) as JsonValue;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, text: body, json: parsed };
}

it('every mounted carrier has sample requests, the CAMARA operators’ token endpoints among them', () => {
  expect(new Set(SAMPLES.map((sample) => sample.carrier))).toEqual(new Set(CARRIERS.map((carrier) => carrier.id)));
  for (const operator of CARRIERS.filter((carrier) => carrier.kind === 'camara')) {
    expect(SAMPLES.filter((sample) => sample.carrier === operator.id).map((sample) => sample.endpoint)).toContain('token');
  }
});

describe.each(SAMPLES)('$label', (sample) => {
  it('status: 503 and 429 with an HTTP-date Retry-After', async () => {
    expect((await send(sample, { 'x-mock-fault': 'status=503' })).status).toBe(503);
    const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
    const limited = await send(sample, { 'x-mock-fault': `status=429; retry-after=${date}` });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe(date);
  });

  it('latency with jitter, then the real answer', async () => {
    const expected = await baseline(sample);
    const response = await send(sample, { 'x-mock-fault': 'latency=5; jitter=10' });
    expect(response.status).toBe(expected.status);
    expect((await response.text()).length).toBe(expected.text.length);
  });

  it('hang: the client abort is counted', async () => {
    const controller = new AbortController();
    const pending = send(sample, { 'x-mock-fault': 'hang' }, controller.signal);
    await eventually(() => h.net.stats.get(sample.carrier, sample.endpoint) === 1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await eventually(() => h.net.stats.get(sample.carrier, 'aborted') === 1, 'aborted counted');
  });

  it('reset: the real status and the first byte, then the connection breaks', async () => {
    const expected = await baseline(sample);
    const response = await send(sample, { 'x-mock-fault': 'reset; after-bytes=1' });
    expect(response.status).toBe(expected.status);
    const body = await readBody(response);
    expect(body.error).toBeDefined();
    expect(text(body.bytes)).toBe(expected.text.slice(0, 1));
  });

  it('slow body: all of it arrives, in pieces; an abort mid-body is counted', async () => {
    const expected = await baseline(sample);
    const response = await send(sample, { 'x-mock-fault': 'slow_body=60; chunks=3' });
    expect(response.status).toBe(expected.status);
    const body = await readBody(response);
    expect(body.error).toBeUndefined();
    expect(text(body.bytes).length).toBe(expected.text.length);

    const controller = new AbortController();
    const held = await send(sample, { 'x-mock-fault': 'slow_body=600000' }, controller.signal);
    controller.abort();
    await expect(held.text()).rejects.toThrow();
    await eventually(() => h.net.stats.get(sample.carrier, 'aborted') === 1, 'aborted counted');
  });

  it('malformed: 200 with JSON that does not parse', async () => {
    const response = await send(sample, { 'x-mock-fault': 'malformed' });
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(() => JSON.parse(body)).toThrow();
  });

  it('wrong_type: the same JSON with exactly one value of another type', async () => {
    const expected = await baseline(sample);
    const response = await send(sample, { 'x-mock-fault': 'wrong_type' });
    expect(response.status).toBe(expected.status);
    const body = await response.text();
    if (expected.json === undefined) {
      expect(body.length).toBe(expected.text.length); // not JSON (an HTML page): delivered as it was
    } else {
      expect(retypedLeaves(expected.json, JSON.parse(body))).toHaveLength(1);
    }
  });

  it('oversized: 200 with valid JSON of the requested size', async () => {
    const response = await send(sample, { 'x-mock-fault': 'oversized=300000' });
    expect(response.status).toBe(200);
    const body = await readBody(response);
    expect(body.bytes.length).toBe(300_000);
    expect(JSON.parse(text(body.bytes))).toHaveProperty('padding');
  });

  it('redirect: 302 to another host', async () => {
    const response = await send(sample, { 'x-mock-fault': 'redirect' });
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get('location')!).origin).toBe('http://127.0.0.2:9');
  });

});

describe.each(SAMPLES.filter((sample) => sample.numbers))('$label, per number', (sample) => {
  it('a rule for one number (admin API) applies to that number only', async () => {
    const [aimed, other] = sample.numbers!;
    const expected = await baseline(sample);
    await addFaultRule(h.net.url, { carrier: sample.carrier, endpoint: sample.endpoint, phoneNumber: aimed, kind: 'status', status: 502 });
    expect((await send(sample, {}, undefined, other)).status).toBe(expected.status);
    expect((await send(sample, {}, undefined, aimed)).status).toBe(502);
  });
});
