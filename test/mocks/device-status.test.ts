import { beforeAll, describe, expect, it } from 'vitest';
import { expectDocumented } from './support/conformance.ts';
import { NEEDS_SPECS, loadSpec, responseSchema, specsAvailable } from './support/openapi.ts';
import { FRAUD, bearer, cibaToken, clientCredentialsToken, postJson, useHarness } from './support/harness.ts';

const REACHABILITY = 'device-reachability-status/1.1.0/device-reachability-status.yaml';
const ROAMING = 'device-roaming-status/1.1.0/device-roaming-status.yaml';

const h = useHarness();
let cc: string;

beforeAll(async () => {
  cc = await clientCredentialsToken(h, `${FRAUD} device-reachability-status:read`);
});

const reachability = (carrier: string) => `${h.base(carrier)}/device-reachability-status/v1/retrieve`;
const roaming = (carrier: string) => `${h.base(carrier)}/device-roaming-status/v1/retrieve`;

it.skipIf(!specsAvailable)(`checks answers against the official YAML (${NEEDS_SPECS})`, () => {
  expect(responseSchema(loadSpec(REACHABILITY), '/retrieve', 503)).toBeDefined();
  expect(responseSchema(loadSpec(ROAMING), '/retrieve', 200)).toBeDefined();
});

describe('Device Reachability Status 1.1.0, 2-legged (brightwave)', () => {
  it.each([
    ['DATA and SMS', ['DATA', 'SMS'], { reachable: true, connectivity: ['DATA', 'SMS'] }],
    ['SMS only', ['SMS'], { reachable: true, connectivity: ['SMS'] }],
    ['nothing (connectivity left out)', [], { reachable: false }],
  ])('%s', async (_label, reachable, expected) => {
    h.net.world.put('+447700900502', { ...h.net.world.get('+447700900502')!, reachable });
    const response = await postJson(reachability('brightwave'), { device: { phoneNumber: '+447700900502' } }, bearer(cc));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ...expected, lastStatusTime: expect.stringMatching(/\+00:00$/) });
    expectDocumented(REACHABILITY, '/retrieve', response);
  });

  it('serves IoT lines: reachability is an IoT use case', async () => {
    h.net.world.put('+447700900555', {
      operator: 'brightwave', activatedAt: '1 year ago', simChangedAt: null, deviceChangedAt: null,
      forwarding: [], call: null, roaming: null, reachable: ['DATA'], lineType: 'iot',
    });
    const response = await postJson(reachability('brightwave'), { device: { phoneNumber: '+447700900555' } }, bearer(cc));
    expect(response.body).toMatchObject({ reachable: true, connectivity: ['DATA'] });
  });

  it('finds the device by the IPv4 address of its data session, and echoes the identifier used when several were sent', async () => {
    const byAddress = await postJson(reachability('brightwave'), { device: { ipv4Address: { publicAddress: '100.64.20.2', publicPort: 40123 } } }, bearer(cc));
    expect(byAddress.body).toMatchObject({ reachable: true });
    expect(byAddress.body).not.toHaveProperty('device');
    expectDocumented(REACHABILITY, '/retrieve', byAddress);
    const several = await postJson(
      reachability('brightwave'),
      { device: { phoneNumber: '+447700900502', ipv6Address: '2001:db8::1' } },
      bearer(cc),
    );
    expect(several.body.device).toEqual({ phoneNumber: '+447700900502' });
    expectDocumented(REACHABILITY, '/retrieve', several);
  });

  it.each([
    ['no device', {}, 422, 'MISSING_IDENTIFIER'],
    ['only an IPv6 address', { device: { ipv6Address: '2001:db8::1' } }, 422, 'UNSUPPORTED_IDENTIFIER'],
    ['only a network access identifier', { device: { networkAccessIdentifier: '123@example.com' } }, 422, 'UNSUPPORTED_IDENTIFIER'],
    ['another operator’s number', { device: { phoneNumber: '+447700900001' } }, 404, 'IDENTIFIER_NOT_FOUND'],
    ['an address no data session holds', { device: { ipv4Address: { publicAddress: '192.0.2.1', publicPort: 1 } } }, 404, 'IDENTIFIER_NOT_FOUND'],
    ['an empty device', { device: {} }, 400, 'INVALID_ARGUMENT'],
    ['a public address alone', { device: { ipv4Address: { publicAddress: '100.64.20.2' } } }, 400, 'INVALID_ARGUMENT'],
    ['phoneNumber at the top level', { phoneNumber: '+447700900502' }, 400, 'INVALID_ARGUMENT'],
  ])('%s → %i %s', async (_label, body, status, code) => {
    const response = await postJson(reachability('brightwave'), body, bearer(cc));
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expectDocumented(REACHABILITY, '/retrieve', response);
  });

  it('503 UNAVAILABLE when the network cannot tell (setting statusUnknownNumbers)', async () => {
    h.net.carrier('brightwave').settings.update({ statusUnknownNumbers: ['+447700900502'] });
    const response = await postJson(reachability('brightwave'), { device: { phoneNumber: '+447700900502' } }, bearer(cc));
    expect(response.status).toBe(503);
    expect(response.body.code).toBe('UNAVAILABLE');
    expectDocumented(REACHABILITY, '/retrieve', response);
  });

  it('brightwave offers no roaming status', async () => {
    expect((await postJson(roaming('brightwave'), { device: { phoneNumber: '+447700900502' } }, bearer(cc))).status).toBe(404);
  });
});

describe('Device Roaming Status 1.1.0, 3-legged (liberty, albion)', () => {
  const scope = `openid ${FRAUD} device-roaming-status:read`;

  it('roaming in Mexico: MCC 334 and its country, -05:00 offset', async () => {
    const token = await cibaToken(h, 'liberty', '+12025550103', scope);
    const response = await postJson(roaming('liberty'), {}, bearer(token));
    expect(response.body).toEqual({ roaming: true, countryCode: 334, countryName: ['MX'], lastStatusTime: expect.stringMatching(/-05:00$/) });
    expectDocumented(ROAMING, '/retrieve', response);
  });

  it('roaming in France (MCC 208); at home only lastStatusTime and roaming false', async () => {
    const roamer = await cibaToken(h, 'albion', '+447700900007', scope);
    const abroad = await postJson(roaming('albion'), {}, bearer(roamer));
    expect(abroad.body).toMatchObject({ roaming: true, countryCode: 208, countryName: ['FR'] });
    expectDocumented(ROAMING, '/retrieve', abroad);
    const homebody = await cibaToken(h, 'albion', '+447700900001', scope);
    const home = await postJson(roaming('albion'), {}, bearer(homebody));
    expect(home.body).toEqual({ roaming: false, lastStatusTime: expect.stringMatching(/Z$/) });
    expectDocumented(ROAMING, '/retrieve', home);
  });

  it('a country the MCC table lacks is named without a countryCode', async () => {
    h.net.world.put('+447700900002', { ...h.net.world.get('+447700900002')!, roaming: { country: 'IS' } });
    const token = await cibaToken(h, 'albion', '+447700900002', scope);
    const response = await postJson(roaming('albion'), {}, bearer(token));
    expect(response.body).toEqual({ roaming: true, countryName: ['IS'], lastStatusTime: expect.any(String) });
    expectDocumented(ROAMING, '/retrieve', response);
  });

  it('422 UNNECESSARY_IDENTIFIER when a 3-legged call names the device too', async () => {
    const token = await cibaToken(h, 'albion', '+447700900007', scope);
    const response = await postJson(roaming('albion'), { device: { phoneNumber: '+447700900007' } }, bearer(token));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('UNNECESSARY_IDENTIFIER');
    expectDocumented(ROAMING, '/retrieve', response);
  });

  it('403 PERMISSION_DENIED with a reachability-only token', async () => {
    const token = await cibaToken(h, 'albion', '+447700900007', `openid ${FRAUD} device-reachability-status:read`);
    const response = await postJson(roaming('albion'), {}, bearer(token));
    expect(response.status).toBe(403);
    expectDocumented(ROAMING, '/retrieve', response);
    expect((await postJson(reachability('albion'), {}, bearer(token))).status).toBe(200);
  });

  it('503 UNAVAILABLE when the network cannot tell', async () => {
    h.net.carrier('liberty').settings.update({ statusUnknownNumbers: ['+12025550103'] });
    const token = await cibaToken(h, 'liberty', '+12025550103', scope);
    const response = await postJson(roaming('liberty'), {}, bearer(token));
    expect(response.status).toBe(503);
    expectDocumented(ROAMING, '/retrieve', response);
  });
});
