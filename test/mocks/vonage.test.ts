/** The mock Vonage Identity Insights carrier over real HTTP: application JWTs, insights, per-insight statuses, problems. */
import { generateKeyPair, importPKCS8, SignJWT, type JWTPayload } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startMockNetwork, type RunningMockNetwork } from '../../mocks/network.ts';
import { IDENTITY_INSIGHTS_ENDPOINT, IDENTITY_INSIGHTS_PATH, LEGACY_IDENTITY_INSIGHTS_PATH } from '../../mocks/carriers/vonage/carrier.ts';
import { VONAGE_DEV_APPLICATION_ID, VONAGE_DEV_PRIVATE_KEY_PEM } from '../../mocks/carriers/vonage/dev-credentials.ts';
import { ABORTED } from '../../mocks/stats.ts';
import { resetMockNetwork } from '../support/mock-carriers.ts';

const START = Date.parse('2026-11-22T10:00:00.000Z');
let clock = START;
let net: RunningMockNetwork;
let url: string;
const devKey = await importPKCS8(VONAGE_DEV_PRIVATE_KEY_PEM, 'RS256');

beforeAll(async () => {
  net = await startMockNetwork({ clock: () => clock });
  url = `${net.url}/carriers/vonage${IDENTITY_INSIGHTS_PATH}`;
});
afterAll(() => net.close());
beforeEach(() => {
  clock = START;
  net.world.reset();
});
afterEach(() => resetMockNetwork(net));

const nowS = () => Math.floor(clock / 1000);

/** A JWT with exactly these claims (undefined = left out). */
async function jwt(
  claims: Partial<Record<'application_id' | 'iat' | 'jti' | 'exp' | 'nbf', unknown>> = {},
  key: CryptoKey = devKey,
  alg = 'RS256',
): Promise<string> {
  const payload: JWTPayload = Object.fromEntries(
    Object.entries({ application_id: VONAGE_DEV_APPLICATION_ID, iat: nowS(), jti: crypto.randomUUID(), exp: nowS() + 900, ...claims }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
}

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function post(body: unknown, authorization?: string, target = url, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

async function ask(insights: Record<string, unknown>, phoneNumber = '+447700900001', extra: Record<string, unknown> = {}): Promise<Answer> {
  return post({ phone_number: phoneNumber, purpose: 'FraudPreventionAndDetection', insights, ...extra }, `Bearer ${await jwt()}`);
}

const Status = z.strictObject({ code: z.string(), message: z.string() });
const Instant = z.iso.datetime({ offset: true });
const InsightsAnswer = z.strictObject({
  request_id: z.uuid(),
  insights: z.strictObject({
    sim_swap: z.strictObject({ latest_sim_swap_at: Instant.optional(), is_swapped: z.boolean().optional(), status: Status }).optional(),
    device_swap: z.strictObject({ latest_device_swap_at: Instant.optional(), is_swapped: z.boolean().optional(), status: Status }).optional(),
    roaming: z
      .strictObject({ latest_status_at: Instant.optional(), is_roaming: z.boolean().optional(), country_codes: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(), status: Status })
      .optional(),
    reachability: z
      .strictObject({ latest_status_at: Instant.optional(), is_reachable: z.boolean().optional(), connectivity: z.array(z.enum(['data', 'sms'])).optional(), status: Status })
      .optional(),
    current_carrier: z
      .strictObject({ name: z.string().optional(), network_type: z.string().optional(), country_code: z.string().optional(), network_code: z.string().optional(), status: Status })
      .optional(),
  }),
});
const Problem = z.strictObject({
  type: z.url(),
  title: z.string(),
  detail: z.string(),
  instance: z.string().min(1),
  invalid_parameters: z.array(z.strictObject({ name: z.string(), reason: z.string() })).optional(),
});

function expectInsights(answer: Answer) {
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  return InsightsAnswer.parse(answer.body).insights;
}

function expectProblem(answer: Answer, status: number, kind: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  const problem = Problem.parse(answer.body);
  expect(problem.type).toBe(`https://developer.vonage.com/api-errors#${kind}`);
  return problem;
}

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('insights answered from the world', () => {
  it('sim_swap: the latest swap and whether it falls in the period', async () => {
    const inside = expectInsights(await ask({ sim_swap: { period: 24 } }, '+447700900001'));
    expect(inside.sim_swap).toEqual({ latest_sim_swap_at: iso(START - 3 * HOUR), is_swapped: true, status: { code: 'OK', message: 'Success' } });
    const outside = expectInsights(await ask({ sim_swap: { period: 2 } }, '+447700900001'));
    expect(outside.sim_swap).toMatchObject({ is_swapped: false, status: { code: 'OK' } });
  });

  it('sim_swap: a never swapped line answers its activation date', async () => {
    const insights = expectInsights(await ask({ sim_swap: { period: 2400 } }, '+447700900002'));
    expect(insights.sim_swap).toMatchObject({ latest_sim_swap_at: iso(START - 3 * 365 * 24 * HOUR), is_swapped: false });
  });

  it('sim_swap: without any date on record the date is omitted and the status is PARTIAL_SUCCESS', async () => {
    net.world.put('+447700900002', { ...net.world.get('+447700900002')!, activatedAt: null, simChangedAt: null });
    const insights = expectInsights(await ask({ sim_swap: { period: 24 } }, '+447700900002'));
    expect(insights.sim_swap).toEqual({ is_swapped: false, status: { code: 'PARTIAL_SUCCESS', message: expect.any(String) } });
  });

  it('device_swap, roaming and reachability in one request, each with its own status', async () => {
    const insights = expectInsights(await ask({ device_swap: { period: 240 }, roaming: {}, reachability: {} }, '+447700900007'));
    expect(insights.device_swap).toMatchObject({ latest_device_swap_at: iso(START - 10 * 24 * HOUR), is_swapped: true, status: { code: 'OK' } });
    expect(insights.roaming).toEqual({ latest_status_at: iso(START), is_roaming: true, country_codes: ['FR'], status: { code: 'OK', message: 'Success' } });
    expect(insights.reachability).toEqual({
      latest_status_at: iso(START),
      is_reachable: true,
      connectivity: ['data', 'sms'],
      status: { code: 'OK', message: 'Success' },
    });
    expect(insights.sim_swap).toBeUndefined();
  });

  it('roaming and reachability of a home, unreachable line omit country_codes and connectivity', async () => {
    const insights = expectInsights(await ask({ roaming: {}, reachability: {} }, '+447700900009'));
    expect(insights.roaming).toEqual({ latest_status_at: iso(START), is_roaming: false, status: { code: 'OK', message: 'Success' } });
    expect(insights.reachability).toEqual({ latest_status_at: iso(START), is_reachable: false, status: { code: 'OK', message: 'Success' } });
  });

  it('covers US lines too (SMS only, roaming in MX)', async () => {
    const insights = expectInsights(await ask({ roaming: {}, reachability: {} }, '+12025550103'));
    expect(insights.roaming).toMatchObject({ is_roaming: true, country_codes: ['MX'] });
    expect(insights.reachability).toMatchObject({ is_reachable: true, connectivity: ['sms'] });
  });

  it('extracts the number from spaces, brackets and a missing +, but refuses a 00 prefix', async () => {
    for (const written of ['447700900001', '+44 7700 900001', '(+44) 7700-900001']) {
      const insights = expectInsights(await ask({ sim_swap: { period: 24 } }, written));
      expect(insights.sim_swap).toMatchObject({ is_swapped: true, status: { code: 'OK' } });
    }
    for (const written of ['00447700900001', 'not a number', '+0447700900001']) {
      const insights = expectInsights(await ask({ sim_swap: { period: 24 }, roaming: {} }, written));
      expect(insights.sim_swap).toEqual({ status: { code: 'INVALID_NUMBER_FORMAT', message: expect.any(String) } });
      expect(insights.roaming).toEqual({ status: { code: 'INVALID_NUMBER_FORMAT', message: expect.any(String) } });
    }
  });

  it('answers the Node SDK legacy path the same way, counted under the same endpoint', async () => {
    const answer = await post(
      { phone_number: '447700900001', purpose: 'FraudPreventionAndDetection', insights: { sim_swap: { period: 24 } } },
      `Bearer ${await jwt()}`,
      `${net.url}/carriers/vonage${LEGACY_IDENTITY_INSIGHTS_PATH}`,
    );
    expect(expectInsights(answer).sim_swap).toMatchObject({ is_swapped: true });
    expect(net.stats.get('vonage', IDENTITY_INSIGHTS_ENDPOINT)).toBe(1);
  });
});

describe('per-insight refusals inside a 200', () => {
  it('INVALID_PURPOSE for another purpose or none, for every network insight', async () => {
    for (const extra of [{ purpose: 'Marketing' }, { purpose: undefined }]) {
      const insights = expectInsights(await ask({ sim_swap: { period: 24 }, reachability: {} }, '+447700900001', extra));
      expect(insights.sim_swap).toEqual({ status: { code: 'INVALID_PURPOSE', message: expect.any(String) } });
      expect(insights.reachability).toEqual({ status: { code: 'INVALID_PURPOSE', message: expect.any(String) } });
    }
  });

  it('NOT_FOUND for an unknown number of a covered country, NO_COVERAGE elsewhere', async () => {
    expect(expectInsights(await ask({ sim_swap: { period: 24 } }, '+447700900990')).sim_swap?.status.code).toBe('NOT_FOUND');
    expect(expectInsights(await ask({ roaming: {} }, '+12025550199')).roaming?.status.code).toBe('NOT_FOUND');
    expect(expectInsights(await ask({ sim_swap: { period: 24 } }, '+33612345678')).sim_swap?.status.code).toBe('NO_COVERAGE');
  });

  it('NO_COVERAGE for a known line whose country the insight does not cover (settings)', async () => {
    net.carrier('vonage').settings.update({ coverage: { roaming: ['GB'] } });
    const insights = expectInsights(await ask({ roaming: {}, sim_swap: { period: 24 } }, '+12025550103'));
    expect(insights.roaming?.status.code).toBe('NO_COVERAGE');
    expect(insights.sim_swap?.status.code).toBe('OK');
  });

  it('UNSUPPORTED_NETWORK_TYPE for an IoT line', async () => {
    const insights = expectInsights(await ask({ sim_swap: { period: 24 }, reachability: {} }, '+447700900008'));
    expect(insights.sim_swap).toEqual({ status: { code: 'UNSUPPORTED_NETWORK_TYPE', message: expect.any(String) } });
    expect(insights.reachability?.status.code).toBe('UNSUPPORTED_NETWORK_TYPE');
  });

  it('current_carrier classifies every kind of line, the mobile-only insights refuse the others', async () => {
    const mobile = expectInsights(await ask({ current_carrier: {} }, '+447700900002'));
    expect(mobile.current_carrier).toEqual({
      name: 'Albion Mobile',
      network_type: 'mobile',
      country_code: 'GB',
      network_code: '23497',
      status: { code: 'OK', message: expect.any(String) },
    });
    const cases: Array<[string, string]> = [
      ['+442079460001', 'landline'],
      ['+447700900010', 'virtual'],
      ['+448081570001', 'tollfree'],
      ['+449098790001', 'premium'],
      ['+447700900015', 'unknown'],
      ['+447700900008', 'mobile'],
    ];
    for (const [number, type] of cases) {
      const insights = expectInsights(await ask({ current_carrier: {}, sim_swap: { period: 24 } }, number));
      expect(insights.current_carrier).toMatchObject({ network_type: type, status: { code: 'OK' } });
      expect(insights.sim_swap?.status.code).toBe('UNSUPPORTED_NETWORK_TYPE');
    }
  });

  it('check_error faults answer the named insight with the given code, the others normally', async () => {
    net.faults.add({ carrier: 'vonage', endpoint: IDENTITY_INSIGHTS_ENDPOINT, kind: 'check_error', check: 'sim_swap', code: 'no_coverage', times: 1 });
    const insights = expectInsights(await ask({ sim_swap: { period: 24 }, roaming: {} }));
    expect(insights.sim_swap).toEqual({ status: { code: 'NO_COVERAGE', message: expect.any(String) } });
    expect(insights.roaming?.status.code).toBe('OK');
    expect(expectInsights(await ask({ sim_swap: { period: 24 } })).sim_swap?.status.code).toBe('OK');
  });

  it('check_error without check or code fails every insight with SUPPLIER_ERROR, also from the header', async () => {
    net.faults.add({ carrier: 'vonage', phoneNumber: '+447700900001', kind: 'check_error', times: 1 });
    const other = expectInsights(await ask({ roaming: {} }, '+447700900002'));
    expect(other.roaming?.status.code).toBe('OK');
    const insights = expectInsights(await ask({ sim_swap: { period: 24 }, roaming: {} }, '447700900001'));
    expect(insights.sim_swap?.status.code).toBe('SUPPLIER_ERROR');
    expect(insights.roaming?.status.code).toBe('SUPPLIER_ERROR');

    const body = { phone_number: '+447700900001', purpose: 'FraudPreventionAndDetection', insights: { reachability: {} } };
    const viaHeader = await post(body, `Bearer ${await jwt()}`, url, { 'x-mock-fault': 'check_error; check=reachability; code=INTERNAL_ERROR' });
    expect(expectInsights(viaHeader).reachability?.status.code).toBe('INTERNAL_ERROR');
  });

  it('spells status codes in lower case when set to, as the Node SDK enum does', async () => {
    net.carrier('vonage').settings.update({ statusCodeCase: 'lower' });
    const insights = expectInsights(await ask({ sim_swap: { period: 24 } }, '+447700900990'));
    expect(insights.sim_swap?.status.code).toBe('not_found');
    expect(() => net.carrier('vonage').settings.update({ statusCodeCase: 'title' })).toThrow();
  });
});

describe('application JWT', () => {
  const body = { phone_number: '+447700900001', purpose: 'FraudPreventionAndDetection', insights: { sim_swap: { period: 24 } } };
  const send = async (token: string | undefined) => post(body, token === undefined ? undefined : `Bearer ${token}`);

  it('one JWT (one jti) serves many requests until it expires', async () => {
    const token = await jwt();
    expect((await send(token)).status).toBe(200);
    expect((await send(token)).status).toBe(200);
    clock += 910_000; // past exp and the 5 s clock tolerance
    expectProblem(await send(token), 401, 'jwt-expired');
  });

  it('is required', async () => {
    expectProblem(await send(undefined), 401, 'unauthorized');
    expectProblem(await post(body, `Basic ${btoa('key:secret')}`), 401, 'unauthorized');
    expectProblem(await send('not.a.jwt'), 401, 'unauthorized');
  });

  it('must verify with the registered application public key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const problem = expectProblem(await send(await jwt({}, privateKey)), 401, 'unauthorized');
    expect(problem.detail).toMatch(/signature/);
  });

  it('must be RS256', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    expectProblem(await send(await jwt({}, privateKey, 'ES256')), 401, 'unauthorized');
  });

  it('must name a registered application', async () => {
    expectProblem(await send(await jwt({ application_id: crypto.randomUUID() })), 401, 'unauthorized');
    expectProblem(await send(await jwt({ application_id: undefined })), 401, 'unauthorized');
  });

  it('must carry iat and jti', async () => {
    expect(expectProblem(await send(await jwt({ jti: undefined })), 401, 'unauthorized').detail).toMatch(/jti/);
    expect(expectProblem(await send(await jwt({ jti: '' })), 401, 'unauthorized').detail).toMatch(/jti/);
    expect(expectProblem(await send(await jwt({ iat: undefined })), 401, 'unauthorized').detail).toMatch(/iat/);
    expectProblem(await send(await jwt({ iat: undefined, exp: undefined })), 401, 'unauthorized');
  });

  it('is refused once exp has passed', async () => {
    expectProblem(await send(await jwt({ iat: nowS() - 600, exp: nowS() - 60 })), 401, 'jwt-expired');
  });

  it('without exp lives 15 minutes from iat', async () => {
    expect((await send(await jwt({ iat: nowS() - 14 * 60, exp: undefined }))).status).toBe(200);
    expectProblem(await send(await jwt({ iat: nowS() - 16 * 60, exp: undefined })), 401, 'jwt-expired');
  });

  it('is never honoured more than 24 hours after iat, whatever exp says', async () => {
    expectProblem(await send(await jwt({ iat: nowS() - 25 * 3600, exp: nowS() + 3600 })), 401, 'jwt-expired');
  });

  it('is refused before nbf and when issued in the future', async () => {
    expectProblem(await send(await jwt({ nbf: nowS() + 600 })), 401, 'unauthorized');
    expectProblem(await send(await jwt({ iat: nowS() + 600, exp: nowS() + 1200 })), 401, 'unauthorized');
  });

  it('is checked before the body', async () => {
    expectProblem(await post('{"broken', undefined), 401, 'unauthorized');
  });
});

describe('request problems (RFC 7807)', () => {
  const authorized = async (body: unknown) => post(body, `Bearer ${await jwt()}`);

  it('400 invalid-json for a body that is not JSON', async () => {
    expectProblem(await authorized('{"phone_number": '), 400, 'invalid-json');
  });

  it('400 invalid-params naming each bad field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ purpose: 'FraudPreventionAndDetection', insights: { roaming: {} } }, 'phone_number'],
      [{ phone_number: '+447700900001', insights: {} }, 'insights'],
      [{ phone_number: '+447700900001', insights: { sim_swap: {} } }, 'insights.sim_swap.period'],
      [{ phone_number: '+447700900001', insights: { sim_swap: { period: 2401 } } }, 'insights.sim_swap.period'],
      [{ phone_number: '+447700900001', insights: { roaming: { extra: 1 } } }, 'insights.roaming'],
      [{ phone_number: '+447700900001', insights: { format: {} } }, 'insights.format'],
      [{ phone_number: '+447700900001', insights: { weather: {} } }, 'insights.weather'],
    ];
    for (const [body, field] of cases) {
      const problem = expectProblem(await authorized(body), 400, 'invalid-params');
      expect(problem.invalid_parameters?.map((each) => each.name)).toContain(field);
    }
  });

  it('405 for other methods, uncounted', async () => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${await jwt()}` } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(net.stats.get('vonage', IDENTITY_INSIGHTS_ENDPOINT)).toBe(0);
  });

  it('status faults answer problem+json with Retry-After, counted', async () => {
    net.faults.add({ carrier: 'vonage', endpoint: IDENTITY_INSIGHTS_ENDPOINT, kind: 'status', status: 429, retryAfter: 3, times: 1 });
    net.faults.add({ carrier: 'vonage', endpoint: IDENTITY_INSIGHTS_ENDPOINT, kind: 'status', status: 503, times: 1 });
    const limited = await ask({ roaming: {} });
    expectProblem(limited, 429, 'throttled');
    expect(limited.headers.get('retry-after')).toBe('3');
    expectProblem(await ask({ roaming: {} }), 503, 'service-unavailable');
    expect((await ask({ roaming: {} })).status).toBe(200);
    expect(net.stats.get('vonage', IDENTITY_INSIGHTS_ENDPOINT)).toBe(3);
  });

  it('hang faults are counted as aborted when the client gives up', async () => {
    net.faults.add({ carrier: 'vonage', kind: 'hang', times: 1 });
    const controller = new AbortController();
    const pending = fetch(url, { method: 'POST', body: '{}', signal: controller.signal }).catch((error: unknown) => error);
    for (let i = 0; i < 200 && net.stats.get('vonage', IDENTITY_INSIGHTS_ENDPOINT) === 0; i++) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    for (let i = 0; i < 200 && net.stats.get('vonage', ABORTED) === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(net.stats.get('vonage', ABORTED)).toBe(1);
  });
});

describe('the carrier', () => {
  it('is listed with the GB and US operators it covers and its dev application', () => {
    expect(net.carriers.find((carrier) => carrier.id === 'vonage')).toMatchObject({
      kind: 'vonage',
      basePath: '/carriers/vonage',
      operators: ['albion', 'brightwave', 'liberty'],
    });
    const description = Object.fromEntries(net.carrier('vonage').describe());
    expect(description.application_id).toBe(VONAGE_DEV_APPLICATION_ID);
  });
});
