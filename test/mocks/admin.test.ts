import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockNetwork } from '../../mocks/network.ts';
import { getJson, send, useHarness } from './support/harness.ts';

const h = useHarness();
let world: string;

beforeAll(async () => {
  world = `${h.net.url}/_world`;
});
beforeEach(() => {
  h.net.world.reset();
});

const NEW_NUMBER = '+447700900777';
const state = {
  operator: 'albion',
  activatedAt: '2 years ago',
  simChangedAt: '3 hours ago',
  deviceChangedAt: null,
  forwarding: ['unconditional'],
  call: { direction: 'outgoing', peer: '+442079460123', startedAt: '20 seconds ago' },
  roaming: null,
  reachable: ['DATA', 'SMS'],
};

describe('subscribers', () => {
  it('lists the loaded scenario', async () => {
    const response = await getJson(`${world}/subscribers`);
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(30);
    expect(response.body.map((s: { phoneNumber: string }) => s.phoneNumber)).toContain('+12025550101');
  });

  it('PUT stores a whole state with relative times resolved against now, then GET and DELETE it', async () => {
    const before = h.now();
    const put = await send('PUT', `${world}/subscribers/%2B447700900777`, state);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ phoneNumber: NEW_NUMBER, operator: 'albion', lineType: 'mobile', forwarding: ['unconditional'] });
    const swappedAgo = before - Date.parse(put.body.simChangedAt);
    expect(swappedAgo).toBeGreaterThan(3 * 3_600_000 - 5_000);
    expect(swappedAgo).toBeLessThan(3 * 3_600_000 + 5_000);
    expect(put.body.call.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const get = await getJson(`${world}/subscribers/${NEW_NUMBER}`);
    expect(get.status).toBe(200);
    expect(get.body).toEqual(put.body);
    expect(h.net.world.get(NEW_NUMBER)?.simChangedAt).toBe(put.body.simChangedAt);

    const deleted = await send('DELETE', `${world}/subscribers/%2B447700900777`);
    expect(deleted.status).toBe(204);
    expect((await getJson(`${world}/subscribers/%2B447700900777`)).status).toBe(404);
  });

  it('accepts a raw + in the path as well as %2B', async () => {
    expect((await getJson(`${world}/subscribers/+447700900001`)).body.operator).toBe('albion');
    expect((await getJson(`${world}/subscribers/%2B447700900001`)).body.operator).toBe('albion');
  });

  it('answers 404 NOT_FOUND in the CAMARA shape for an absent number', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await send(method, `${world}/subscribers/%2B447700900400`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ status: 404, code: 'NOT_FOUND', message: expect.any(String) });
    }
  });

  it.each([
    ['an unknown field', { ...state, colour: 'red' }, /colour/],
    ['a bad forwarding service', { ...state, forwarding: ['sometimes'] }, /forwarding\.0/],
    ['a bad relative time', { ...state, simChangedAt: 'yesterday-ish' }, /yesterday-ish/],
    ['a missing field', { ...state, reachable: undefined }, /reachable/],
    ['an unknown operator', { ...state, operator: 'nowhere' }, /nowhere/],
    ['a bad call peer', { ...state, call: { ...state.call, peer: '0207' } }, /call\.peer/],
  ])('400 INVALID_ARGUMENT with the validation issue for %s', async (_label, body, message) => {
    const response = await send('PUT', `${world}/subscribers/%2B447700900777`, body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' });
    expect(response.body.message).toMatch(message);
    expect(h.net.world.get(NEW_NUMBER)).toBeUndefined();
  });

  it('400 for a body that is not JSON and for a path that is not E.164', async () => {
    expect((await send('PUT', `${world}/subscribers/%2B447700900777`, '{nope')).status).toBe(400);
    const badPath = await send('PUT', `${world}/subscribers/447700900777`, state);
    expect(badPath.status).toBe(400);
    expect(badPath.body.code).toBe('INVALID_ARGUMENT');
  });

  it('PUT takes back exactly what GET answered, phoneNumber included: GET, PUT, GET are identical', async () => {
    const numbers = (await getJson(`${world}/subscribers`)).body.map((s: { phoneNumber: string }) => s.phoneNumber);
    // Every subscriber of the scenario, whatever its line type.
    expect(numbers).toHaveLength(30);
    for (const number of numbers) {
      const url = `${world}/subscribers/${encodeURIComponent(number)}`;
      const got = await getJson(url);
      const put = await send('PUT', url, got.body);
      expect(put.status).toBe(200);
      expect(put.body).toEqual(got.body);
      expect((await getJson(url)).body).toEqual(got.body);
    }
  });

  it("PUT refuses a body whose phoneNumber is not the path's: 400 INVALID_ARGUMENT, nothing changed", async () => {
    const other = (await getJson(`${world}/subscribers/%2B447700900002`)).body;
    const before = h.net.world.get('+447700900001');
    for (const phoneNumber of ['+447700900002', null, 447700900001]) {
      const response = await send('PUT', `${world}/subscribers/%2B447700900001`, { ...other, phoneNumber });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT', message: expect.stringContaining("is not the path's +447700900001") });
    }
    expect(h.net.world.get('+447700900001')).toEqual(before);
  });

  it('PUT replaces the whole state: a field left out takes its default', async () => {
    const url = `${world}/subscribers/%2B447700900001`;
    expect(h.net.world.get('+447700900001')).toMatchObject({ activatedAt: expect.any(String), dataSession: { ipv4: '100.64.10.1' } });
    const put = await send('PUT', url, { operator: 'albion', reachable: ['SMS'] });
    expect(put.body).toEqual({
      phoneNumber: '+447700900001',
      operator: 'albion',
      activatedAt: null,
      simChangedAt: null,
      deviceChangedAt: null,
      forwarding: [],
      call: null,
      roaming: null,
      reachable: ['SMS'],
      dataSession: null,
      lineType: 'mobile',
    });
  });

  describe('PATCH (JSON merge patch)', () => {
    const url = `/subscribers/%2B447700900001`;
    const patch = (body: unknown, contentType = 'application/merge-patch+json') =>
      send('PATCH', `${world}${url}`, body, { 'content-type': contentType });

    it('changes only the fields it names; relative times resolved against now', async () => {
      const before = (await getJson(`${world}${url}`)).body;
      const patched = await patch({ simChangedAt: '10 minutes ago', roaming: { country: 'FR' } });
      expect(patched.status).toBe(200);
      expect(patched.body).toEqual({ ...before, simChangedAt: expect.any(String), roaming: { country: 'FR' } });
      expect(Date.parse(patched.body.simChangedAt)).toBeGreaterThan(Date.parse(before.simChangedAt));
      expect((await getJson(`${world}${url}`)).body).toEqual(patched.body);
    });

    it('takes application/json too, and the representation GET answered (its own phoneNumber)', async () => {
      const patched = await patch({ phoneNumber: '+447700900001', forwarding: ['conditional_busy'] }, 'application/json; charset=utf-8');
      expect(patched.status).toBe(200);
      expect(patched.body.forwarding).toEqual(['conditional_busy']);
    });

    it('merges objects member by member; null resets a field to its default', async () => {
      await patch({ call: { direction: 'outgoing', peer: '+442079460123', startedAt: 'now' }, forwarding: ['unconditional'], lineType: 'iot' });
      const turned = await patch({ call: { direction: 'incoming' } });
      expect(turned.body.call).toMatchObject({ direction: 'incoming', peer: '+442079460123' });
      const cleared = await patch({ call: null, forwarding: null, lineType: null, dataSession: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ call: null, forwarding: [], lineType: 'mobile', dataSession: null, operator: 'albion' });
    });

    it.each([
      ['an unknown operator', { operator: 'nowhere' }, /nowhere/],
      ['a required field removed', { reachable: null }, /reachable is required/],
      ['an unknown field', { colour: 'red' }, /colour/],
      ['another phoneNumber', { phoneNumber: '+447700900002' }, /is not the path's/],
    ])('400 INVALID_ARGUMENT for %s, and nothing changes', async (_label, body, message) => {
      const before = h.net.world.get('+447700900001');
      const response = await patch(body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' });
      expect(response.body.message).toMatch(message);
      expect(h.net.world.get('+447700900001')).toEqual(before);
    });

    it('404 NOT_FOUND for a number not in the world (PUT adds one)', async () => {
      const response = await send('PATCH', `${world}/subscribers/%2B447700900777`, { simChangedAt: 'now' }, { 'content-type': 'application/merge-patch+json' });
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect(h.net.world.get(NEW_NUMBER)).toBeUndefined();
    });

    it('415 UNSUPPORTED_MEDIA_TYPE for another patch format, naming the ones it takes', async () => {
      for (const contentType of ['application/json-patch+json', 'text/plain', 'application/x-www-form-urlencoded']) {
        const response = await patch([{ op: 'replace', path: '/simChangedAt', value: 'now' }], contentType);
        expect(response.status).toBe(415);
        expect(response.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
        expect(response.headers.get('accept-patch')).toBe('application/merge-patch+json, application/json');
      }
    });
  });

  it('POST /reset brings the loaded scenario back', async () => {
    await send('DELETE', `${world}/subscribers/%2B447700900001`);
    await send('PUT', `${world}/subscribers/%2B447700900777`, state);
    const reset = await send('POST', `${world}/reset`);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ scenario: 'default', subscribers: 30 });
    expect(h.net.world.get('+447700900001')).toBeDefined();
    expect(h.net.world.get(NEW_NUMBER)).toBeUndefined();
  });
});

describe('carriers', () => {
  it('lists every carrier with its base URL and the operators it covers', async () => {
    const response = await getJson(`${world}/carriers`);
    const camara = response.body.filter((carrier: { kind: string }) => carrier.kind === 'camara');
    expect(camara).toEqual([
      { id: 'albion', kind: 'camara', baseUrl: `${h.net.url}/carriers/albion`, operators: ['albion'] },
      { id: 'brightwave', kind: 'camara', baseUrl: `${h.net.url}/carriers/brightwave`, operators: ['brightwave'] },
      { id: 'liberty', kind: 'camara', baseUrl: `${h.net.url}/carriers/liberty`, operators: ['liberty'] },
    ]);
    for (const carrier of response.body) {
      expect(['camara', 'twilio', 'telesign', 'vonage', 'nokia']).toContain(carrier.kind);
      expect(carrier.baseUrl).toBe(`${h.net.url}/carriers/${carrier.id}`);
    }
    expect(h.net.carriers.map((carrier) => carrier.baseUrl)).toEqual(response.body.map((c: { baseUrl: string }) => c.baseUrl));
  });

  it('reads, changes (validated) and resets run-time settings', async () => {
    const url = `${world}/carriers/albion/settings`;
    expect((await getJson(url)).body).toMatchObject({ cibaApprovalDelayMs: 0, cibaIntervalSeconds: 1, tokenTtlSeconds: 3600 });
    const changed = await send('PUT', url, { cibaApprovalDelayMs: 1500, tokenTtlSeconds: 60 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ cibaApprovalDelayMs: 1500, tokenTtlSeconds: 60, cibaIntervalSeconds: 1 });
    const invalid = await send('PUT', url, { cibaApprovalDelayMs: -1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toMatch(/cibaApprovalDelayMs/);
    expect((await send('PUT', url, { unknownKnob: true })).status).toBe(400);
    expect((await send('DELETE', url)).body.cibaApprovalDelayMs).toBe(0);
    expect((await getJson(`${world}/carriers/nowhere/settings`)).status).toBe(404);
  });
});

describe('stats and faults admin', () => {
  it('counts carrier requests per endpoint, never admin requests, and resets', async () => {
    await send('POST', `${world}/stats/reset`);
    await getJson(`${h.base('albion')}/.well-known/openid-configuration`);
    await getJson(`${h.base('albion')}/.well-known/openid-configuration`);
    await getJson(`${h.base('liberty')}/jwks`);
    const stats = await getJson(`${world}/stats`);
    expect(stats.body).toMatchObject({ albion: { discovery: 2 }, brightwave: {}, liberty: { jwks: 1 } });
    for (const [carrier, counts] of Object.entries(stats.body)) {
      if (!['albion', 'brightwave', 'liberty'].includes(carrier)) expect(counts).toEqual({});
    }
    expect(h.net.stats.get('albion', 'discovery')).toBe(2);
    expect((await send('POST', `${world}/stats/reset`)).status).toBe(204);
    const afterReset = (await getJson(`${world}/stats`)).body;
    expect(Object.keys(afterReset)).toEqual(expect.arrayContaining(['albion', 'brightwave', 'liberty']));
    expect(Object.values(afterReset).every((counts) => Object.keys(counts as object).length === 0)).toBe(true);
  });

  it('adds, lists, deletes and clears fault rules; rejects invalid ones', async () => {
    const added = await send('POST', `${world}/faults`, { carrier: 'albion', kind: 'status', status: 503, retryAfter: 2, times: 3 });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ id: expect.any(String), carrier: 'albion', kind: 'status', status: 503, retryAfter: 2, times: 3 });
    await send('POST', `${world}/faults`, { id: 'slow', kind: 'latency', latencyMs: 10 });
    expect((await getJson(`${world}/faults`)).body.map((rule: { id: string }) => rule.id)).toEqual([added.body.id, 'slow']);
    expect((await send('POST', `${world}/faults`, { id: 'slow', kind: 'hang' })).status).toBe(409);

    for (const invalid of [{ kind: 'status' }, { kind: 'explode' }, { kind: 'latency', latencyMs: -5 }, { kind: 'hang', times: 0 }, { kind: 'status', status: 503, retryAfter: 'soon' }]) {
      const response = await send('POST', `${world}/faults`, invalid);
      expect(response.status, JSON.stringify(invalid)).toBe(400);
      expect(response.body.code).toBe('INVALID_ARGUMENT');
    }

    expect((await send('DELETE', `${world}/faults/slow`)).status).toBe(204);
    expect((await send('DELETE', `${world}/faults/slow`)).status).toBe(404);
    expect((await send('DELETE', `${world}/faults`)).status).toBe(204);
    expect((await getJson(`${world}/faults`)).body).toEqual([]);
  });

  it('faults never apply to the admin API', async () => {
    h.net.faults.add({ kind: 'status', status: 500 });
    try {
      expect((await getJson(`${world}/subscribers`)).status).toBe(200);
      expect((await getJson(`${world}/subscribers`, { 'x-mock-fault': 'hang' })).status).toBe(200);
    } finally {
      h.net.faults.clear();
    }
  });
});

describe('createMockNetwork', () => {
  it('serves in-process through app.request with the injected clock and a custom scenario', async () => {
    const network = createMockNetwork({
      clock: () => Date.parse('2030-01-01T00:00:00Z'),
      scenario: {
        name: 'tiny',
        operators: [{ id: 'albion', name: 'Albion', country: 'GB', mcc: '234', mnc: '97' }],
        subscribers: {
          '+447700900100': {
            operator: 'albion', activatedAt: '1 day ago', simChangedAt: null, deviceChangedAt: null,
            forwarding: [], call: null, roaming: null, reachable: [],
          },
        },
      },
    });
    expect(network.carriers.filter((carrier) => carrier.kind === 'camara').map((carrier) => [carrier.id, carrier.operators])).toEqual([
      ['albion', ['albion']],
      ['brightwave', []],
      ['liberty', []],
    ]);
    const response = await network.app.request('/_world/subscribers/%2B447700900100');
    expect((await response.json()).activatedAt).toBe('2029-12-31T00:00:00.000Z');
  });
});
