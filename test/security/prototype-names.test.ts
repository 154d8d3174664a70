/**
 * Every lookup by a client-supplied name finds own entries only: `constructor`, `__proto__`,
 * `toString`, `hasOwnProperty` and `valueOf` as an action, a risk tier, a channel, a signal kind, a
 * provider pin, a Number Verification session id or state, and at the mock world's admin API, are
 * as unknown as any other name: a 400 naming the field, or the route's 404 for an unknown id;
 * never a 500, and no prototype touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOTYPE_NAMES } from '../support/prototype-names.ts';
import { startSecurityGateway, type SecurityGateway } from './support.ts';

let t: SecurityGateway;
beforeAll(async () => {
  t = await startSecurityGateway();
});
afterAll(() => t?.close());

const NUMBER = '+447700900502';
const assessment = (context: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  t.call('POST', '/v1/assessments', { body: JSON.stringify({ phoneNumber: NUMBER, context: { channel: 'ivr', ...context }, ...extra }) });

function expectPrototypesUntouched(): void {
  for (const prototype of [Object.prototype, Array.prototype, Function.prototype]) {
    const inherited: string[] = [];
    for (const key in prototype) inherited.push(key);
    expect(inherited).toEqual([]);
  }
}

describe.each(PROTOTYPE_NAMES)('%s as a name the client chooses', (name) => {
  it('as an action: 400, the answer any unknown action of its shape gets', async () => {
    const response = await assessment({ action: name });
    expect(response.status, response.text).toBe(400);
    expect(response.json.code).toBe('INVALID_ARGUMENT');
    // A snake_case name is looked up (and unknown); any other shape fails the syntax first.
    const twin = /^[a-z][a-z0-9_]*$/.test(name) ? 'no_such_action' : 'noSuchAction';
    const unknown = await assessment({ action: twin });
    expect(response.json.message).toBe(unknown.json.message.replace(twin, name));
    expect(response.json.message).toMatch(/action/);
  });

  it.each([
    ['context.riskTier', { riskTier: name }, {}],
    ['context.channel', { channel: name, riskTier: 'low' }, {}],
    ['checks.include[0]', { riskTier: 'low' }, { checks: { include: [name] } }],
    ['checks.exclude[0]', { riskTier: 'low' }, { checks: { exclude: [name] } }],
  ] as const)('as %s: 400 naming the field', async (field, context, extra) => {
    const response = await assessment(context, extra);
    expect(response.status, response.text).toBe(400);
    expect(response.json).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(field) });
  });

  it('as a provider pin: 400 naming the header', async () => {
    const response = await t.call('POST', '/sim-swap/v2/check', { body: { phoneNumber: NUMBER, maxAge: 24 }, headers: { 'x-numtrust-provider': name } });
    expect(response.status, response.text).toBe(400);
    expect(response.json).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('x-numtrust-provider') });
  });

  it('as a Number Verification session id or state: the unknown session', async () => {
    const session = await t.call('GET', `/v1/number-verification/sessions/${name}`);
    expect(session.status).toBe(404);
    expect(session.json).toEqual((await t.call('GET', '/v1/number-verification/sessions/nv_unknown')).json);
    const json = { accept: 'application/json' };
    expect((await t.call('GET', `/v1/number-verification/sessions/${name}/start`, { key: null, headers: json })).status).toBe(404);
    expect((await t.call('GET', `/v1/number-verification/callback?state=${name}&code=x`, { key: null, headers: json })).status).toBe(404);
    // In an assessment an unknown session reads the verification as unknown, as any unknown id does.
    const assessed = await assessment({ riskTier: 'low' }, { numberVerification: { sessionId: name } });
    expect(assessed.status, assessed.text).toBe(200);
    expect(assessed.json.unanswered).toContainEqual(expect.objectContaining({ signal: 'number_verification', code: 'SIGNAL_UNAVAILABLE' }));
  });

  it("at the mock world's admin API: 400, or 404 for an unknown id", async () => {
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${t.network.url}/_world${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const subscriberState = { operator: 'brightwave', simChangedAt: null, deviceChangedAt: null, forwarding: [], call: null, roaming: null, reachable: ['DATA'] };
    const statuses = {
      getSubscriber: (await admin('GET', `/subscribers/${name}`)).status,
      putSubscriber: (await admin('PUT', `/subscribers/${name}`, subscriberState)).status,
      deleteSubscriber: (await admin('DELETE', `/subscribers/${name}`)).status,
      subscriberField: (await admin('PUT', `/subscribers/${encodeURIComponent('+447700900599')}`, JSON.parse(`{"${name}": {"x": 1}, ${JSON.stringify(subscriberState).slice(1)}`))).status,
      carrierSettings: (await admin('GET', `/carriers/${name}/settings`)).status,
      carrierSetting: (await admin('PUT', '/carriers/twilio/settings', JSON.parse(`{"${name}": 1}`))).status,
      deleteFault: (await admin('DELETE', `/faults/${name}`)).status,
      faultKind: (await admin('POST', '/faults', { kind: name })).status,
      faultField: (await admin('POST', '/faults', JSON.parse(`{"kind": "status", "status": 500, "${name}": 1}`))).status,
    };
    expect(statuses).toEqual({
      getSubscriber: 404,
      putSubscriber: 400,
      deleteSubscriber: 404,
      subscriberField: 400,
      carrierSettings: 404,
      carrierSetting: 400,
      deleteFault: 404,
      faultKind: 400,
      faultField: 400,
    });
    // A rule for a carrier of that name is data: it matches no real carrier and breaks nothing.
    const rule = await admin('POST', '/faults', { kind: 'status', status: 500, carrier: name, id: name });
    expect(rule.status).toBe(201);
    expect((await t.call('POST', '/sim-swap/v2/check', { body: { phoneNumber: NUMBER, maxAge: 24 } })).status).toBe(200);
    expect((await admin('DELETE', `/faults/${name}`)).status).toBe(204);
  });

  it('touches no prototype', () => {
    expectPrototypesUntouched();
  });
});

it('no lookup reached a prototype: nothing was logged as an error', () => {
  expect(t.logLines.filter((line) => line.includes('"level":"error"'))).toEqual([]);
});
