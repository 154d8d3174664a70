import { beforeAll, describe, expect, it } from 'vitest';
import { expectDocumented } from './support/conformance.ts';
import { NEEDS_SPECS, loadSpec, responseSchema, specsAvailable } from './support/openapi.ts';
import { FRAUD, bearer, cibaToken, clientCredentialsToken, postJson, useHarness } from './support/harness.ts';

const SPEC = 'device-swap/1.0.0/device-swap.yaml';

const h = useHarness();
let cc: string;

beforeAll(async () => {
  cc = await clientCredentialsToken(h, `${FRAUD} device-swap`);
});

const url = (carrier: string, operation: 'check' | 'retrieve-date') => `${h.base(carrier)}/device-swap/v1/${operation}`;

it.skipIf(!specsAvailable)(`checks answers against the official YAML (${NEEDS_SPECS})`, () => {
  expect(responseSchema(loadSpec(SPEC), '/check', 200)).toBeDefined();
});

describe('2-legged, 7-day window (brightwave)', () => {
  it.each([
    ['+447700900504', 48, true], // device changed 1 day ago
    ['+447700900504', 12, false],
    ['+447700900502', 168, false], // 300 days ago
  ])('check %s maxAge %i → swapped %s', async (phoneNumber, maxAge, swapped) => {
    const response = await postJson(url('brightwave', 'check'), { phoneNumber, maxAge }, bearer(cc));
    expect(response.body).toEqual({ swapped });
    expectDocumented(SPEC, '/check', response);
  });

  it('retrieve-date answers the change within the window, null + monitoredPeriod 7 beyond it', async () => {
    const recent = await postJson(url('brightwave', 'retrieve-date'), { phoneNumber: '+447700900504' }, bearer(cc));
    expect(Date.parse(recent.body.latestDeviceChange)).toBe(Date.parse(h.net.world.get('+447700900504')!.deviceChangedAt!));
    expect(recent.body.latestDeviceChange).toMatch(/\+00:00$/);
    expectDocumented(SPEC, '/retrieve-date', recent);
    const old = await postJson(url('brightwave', 'retrieve-date'), { phoneNumber: '+447700900502' }, bearer(cc));
    expect(old.body).toEqual({ latestDeviceChange: null, monitoredPeriod: 7 });
    expectDocumented(SPEC, '/retrieve-date', old);
  });

  it('400 OUT_OF_RANGE for a maxAge beyond the window (also the default 240 h)', async () => {
    for (const body of [{ phoneNumber: '+447700900504', maxAge: 169 }, { phoneNumber: '+447700900504' }]) {
      const response = await postJson(url('brightwave', 'check'), body, bearer(cc));
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('OUT_OF_RANGE');
      expectDocumented(SPEC, '/check', response);
    }
  });

  it('422 SERVICE_NOT_APPLICABLE for a number never attached to the network', async () => {
    h.net.world.put('+447700900555', {
      operator: 'brightwave', activatedAt: null, simChangedAt: null, deviceChangedAt: null,
      forwarding: [], call: null, roaming: null, reachable: [],
    });
    const response = await postJson(url('brightwave', 'retrieve-date'), { phoneNumber: '+447700900555' }, bearer(cc));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('SERVICE_NOT_APPLICABLE');
    expectDocumented(SPEC, '/retrieve-date', response);
  });

  it('422 MISSING_IDENTIFIER, 404 IDENTIFIER_NOT_FOUND, 400 INVALID_ARGUMENT', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ maxAge: 24 }, 422, 'MISSING_IDENTIFIER'],
      [{ phoneNumber: '+447700900001', maxAge: 24 }, 404, 'IDENTIFIER_NOT_FOUND'],
      [{ phoneNumber: '+447700900504', maxAge: 2401 }, 400, 'INVALID_ARGUMENT'],
      [{ phoneNumber: '+447700900504', maxAge: 24, extra: 1 }, 400, 'INVALID_ARGUMENT'],
    ];
    for (const [body, status, code] of cases) {
      const response = await postJson(url('brightwave', 'check'), body, bearer(cc));
      expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
      expectDocumented(SPEC, '/check', response);
    }
  });

  it('403 PERMISSION_DENIED with a SIM Swap token; device-swap:check alone allows /check only', async () => {
    const simSwap = await clientCredentialsToken(h, `${FRAUD} sim-swap`);
    const denied = await postJson(url('brightwave', 'check'), { phoneNumber: '+447700900504', maxAge: 24 }, bearer(simSwap));
    expect(denied.status).toBe(403);
    expectDocumented(SPEC, '/check', denied);
    const checkOnly = await clientCredentialsToken(h, `${FRAUD} device-swap:check`);
    expect((await postJson(url('brightwave', 'check'), { phoneNumber: '+447700900504', maxAge: 24 }, bearer(checkOnly))).status).toBe(200);
    expect((await postJson(url('brightwave', 'retrieve-date'), { phoneNumber: '+447700900504' }, bearer(checkOnly))).status).toBe(403);
  });
});

describe('3-legged, full history (albion)', () => {
  it('retrieve-date answers the first use (activation) when the device never changed', async () => {
    h.net.world.put('+447700900004', { ...h.net.world.get('+447700900004')!, deviceChangedAt: null });
    const token = await cibaToken(h, 'albion', '+447700900004', `openid ${FRAUD} device-swap:retrieve-date`);
    const response = await postJson(url('albion', 'retrieve-date'), {}, bearer(token));
    expect(Date.parse(response.body.latestDeviceChange)).toBe(Date.parse(h.net.world.get('+447700900004')!.activatedAt!));
    expect(response.body).not.toHaveProperty('monitoredPeriod');
    expectDocumented(SPEC, '/retrieve-date', response);
  });

  it('any maxAge up to 2400 h; 422 UNNECESSARY_IDENTIFIER when the body names the line too', async () => {
    const token = await cibaToken(h, 'albion', '+447700900007', `openid ${FRAUD} device-swap:check`);
    const check = await postJson(url('albion', 'check'), { maxAge: 2400 }, bearer(token));
    expect(check.body).toEqual({ swapped: true }); // 10 days ago
    expectDocumented(SPEC, '/check', check);
    expect((await postJson(url('albion', 'check'), { maxAge: 24 }, bearer(token))).body).toEqual({ swapped: false });
    const twice = await postJson(url('albion', 'check'), { phoneNumber: '+447700900007', maxAge: 24 }, bearer(token));
    expect(twice.status).toBe(422);
    expect(twice.body.code).toBe('UNNECESSARY_IDENTIFIER');
    expectDocumented(SPEC, '/check', twice);
  });

  it('422 SERVICE_NOT_APPLICABLE for an IoT line', async () => {
    const token = await cibaToken(h, 'albion', '+447700900008', `openid ${FRAUD} device-swap`);
    const response = await postJson(url('albion', 'check'), { maxAge: 24 }, bearer(token));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('SERVICE_NOT_APPLICABLE');
  });
});

describe('liberty: 90-day window, -05:00 offsets', () => {
  it('retrieve-date within the window and OUT_OF_RANGE beyond 2160 h', async () => {
    const token = await cibaToken(h, 'liberty', '+12025550103', `openid ${FRAUD} device-swap`);
    const date = await postJson(url('liberty', 'retrieve-date'), {}, bearer(token));
    expect(date.body.latestDeviceChange).toMatch(/-05:00$/);
    expectDocumented(SPEC, '/retrieve-date', date);
    expect((await postJson(url('liberty', 'check'), { maxAge: 2161 }, bearer(token))).body.code).toBe('OUT_OF_RANGE');
  });
});
