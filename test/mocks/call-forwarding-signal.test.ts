import { beforeAll, describe, expect, it } from 'vitest';
import { CORRELATOR_0_5, expectDocumented } from './support/conformance.ts';
import { NEEDS_SPECS, loadSpec, responseSchema, specsAvailable } from './support/openapi.ts';
import { FRAUD, bearer, cibaToken, clientCredentialsToken, postJson, send, useHarness, type JsonReply } from './support/harness.ts';

const SPEC_0_4 = 'call-forwarding-signal/0.4.0/call-forwarding-signal.yaml';
const UNCONDITIONAL = 'call-forwarding-signal:unconditional-call-forwardings:read';
const LIST = 'call-forwarding-signal:call-forwardings:read';

const h = useHarness();
let cc: string;

beforeAll(async () => {
  cc = await clientCredentialsToken(h, `${FRAUD} ${UNCONDITIONAL} ${LIST}`);
});

const url = (carrier: string, version: 'v0.4' | 'v0.3', operation: 'unconditional-call-forwardings' | 'call-forwardings') =>
  `${h.base(carrier)}/call-forwarding-signal/${version}/${operation}`;

/** 0.3.0 is not among the official files here: its schemas are those of 0.4.0, its x-correlator the 0.5 pattern. */
function expectV03(response: JsonReply): void {
  expectDocumented(null, '', response, CORRELATOR_0_5);
}

it.skipIf(!specsAvailable)(`checks v0.4 answers against the official YAML (${NEEDS_SPECS})`, () => {
  expect(responseSchema(loadSpec(SPEC_0_4), '/call-forwardings', 501)).toBeDefined();
});

describe('v0.4 with a 3-legged CIBA token (albion)', () => {
  const scopes = `openid ${FRAUD} ${UNCONDITIONAL} ${LIST}`;

  it.each([
    ['+447700900004', true, ['unconditional']],
    ['+447700900001', false, ['inactive']],
    ['+447700900009', false, ['conditional_not_reachable']],
  ])('%s → active %s, services %j', async (phoneNumber, active, services) => {
    const token = await cibaToken(h, 'albion', phoneNumber, scopes);
    const unconditional = await postJson(url('albion', 'v0.4', 'unconditional-call-forwardings'), {}, bearer(token));
    expect(unconditional.status).toBe(200);
    expect(unconditional.body).toEqual({ active });
    expectDocumented(SPEC_0_4, '/unconditional-call-forwardings', unconditional);
    const list = await postJson(url('albion', 'v0.4', 'call-forwardings'), {}, bearer(token));
    expect(list.body).toEqual(services);
    expectDocumented(SPEC_0_4, '/call-forwardings', list);
  });

  it('several services at once, in any order', async () => {
    h.net.world.put('+447700900002', { ...h.net.world.get('+447700900002')!, forwarding: ['conditional_busy', 'unconditional', 'conditional_no_answer'] });
    const token = await cibaToken(h, 'albion', '+447700900002', scopes);
    const list = await postJson(url('albion', 'v0.4', 'call-forwardings'), {}, bearer(token));
    expect([...(list.body as string[])].sort((a, b) => a.localeCompare(b))).toEqual(['conditional_busy', 'conditional_no_answer', 'unconditional']);
    expectDocumented(SPEC_0_4, '/call-forwardings', list);
  });

  it('422 UNNECESSARY_IDENTIFIER when the body names the line as well, even the same one', async () => {
    const token = await cibaToken(h, 'albion', '+447700900004', scopes);
    const response = await postJson(url('albion', 'v0.4', 'unconditional-call-forwardings'), { phoneNumber: '+447700900004' }, bearer(token));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('UNNECESSARY_IDENTIFIER');
    expectDocumented(SPEC_0_4, '/unconditional-call-forwardings', response);
  });

  it('422 SERVICE_NOT_APPLICABLE for an IoT line', async () => {
    const token = await cibaToken(h, 'albion', '+447700900008', scopes);
    const response = await postJson(url('albion', 'v0.4', 'call-forwardings'), {}, bearer(token));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('SERVICE_NOT_APPLICABLE');
    expectDocumented(SPEC_0_4, '/call-forwardings', response);
  });

  it('403 PERMISSION_DENIED with a token for the other endpoint only', async () => {
    const token = await cibaToken(h, 'albion', '+447700900004', `openid ${FRAUD} ${UNCONDITIONAL}`);
    const response = await postJson(url('albion', 'v0.4', 'call-forwardings'), {}, bearer(token));
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('PERMISSION_DENIED');
    expectDocumented(SPEC_0_4, '/call-forwardings', response);
  });

  it.each([
    ['an unknown property', { extra: true }],
    ['a number without +', { phoneNumber: '447700900004' }],
    ['a JSON array', []],
  ])('400 INVALID_ARGUMENT for %s', async (_label, body) => {
    const token = await cibaToken(h, 'albion', '+447700900004', scopes);
    const response = await postJson(url('albion', 'v0.4', 'unconditional-call-forwardings'), body, bearer(token));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_ARGUMENT');
    expectDocumented(SPEC_0_4, '/unconditional-call-forwardings', response);
  });

  it('401 UNAUTHENTICATED without a token', async () => {
    const response = await postJson(url('albion', 'v0.4', 'unconditional-call-forwardings'), {}, {});
    expect(response.status).toBe(401);
    expectDocumented(SPEC_0_4, '/unconditional-call-forwardings', response);
  });
});

describe('v0.4 without /call-forwardings (liberty)', () => {
  const scopes = `openid ${FRAUD} ${UNCONDITIONAL} ${LIST}`;

  it('answers the core endpoint and 501 NOT_IMPLEMENTED on /call-forwardings', async () => {
    const token = await cibaToken(h, 'liberty', '+12025550101', scopes);
    const unconditional = await postJson(url('liberty', 'v0.4', 'unconditional-call-forwardings'), {}, bearer(token));
    expect(unconditional.body).toEqual({ active: true });
    expectDocumented(SPEC_0_4, '/unconditional-call-forwardings', unconditional);
    const list = await postJson(url('liberty', 'v0.4', 'call-forwardings'), {}, bearer(token));
    expect(list.status).toBe(501);
    expect(list.body).toEqual({ status: 501, code: 'NOT_IMPLEMENTED', message: expect.any(String) });
    expectDocumented(SPEC_0_4, '/call-forwardings', list);
  });

  it('still checks the token before answering 501', async () => {
    const response = await postJson(url('liberty', 'v0.4', 'call-forwardings'), {}, bearer('not-a-token'));
    expect(response.status).toBe(401);
  });

  it('does not serve v0.3', async () => {
    const token = await cibaToken(h, 'liberty', '+12025550101', scopes);
    expect((await postJson(url('liberty', 'v0.3', 'unconditional-call-forwardings'), {}, bearer(token))).status).toBe(404);
  });
});

describe('v0.3 with a 2-legged token (brightwave)', () => {
  it.each([
    ['+447700900503', false, ['conditional_busy', 'conditional_no_answer']],
    ['+447700900502', false, ['inactive']],
  ])('%s → active %s, services %j', async (phoneNumber, active, services) => {
    const unconditional = await postJson(url('brightwave', 'v0.3', 'unconditional-call-forwardings'), { phoneNumber }, bearer(cc));
    expect(unconditional.body).toEqual({ active });
    expectV03(unconditional);
    const list = await postJson(url('brightwave', 'v0.3', 'call-forwardings'), { phoneNumber }, bearer(cc));
    expect(list.body).toEqual(services);
    expectV03(list);
  });

  it('404 CALL_FORWARDING.UNKNOWN_PHONE_NUMBER for a number it does not serve (the 0.3.0 code)', async () => {
    const response = await postJson(url('brightwave', 'v0.3', 'unconditional-call-forwardings'), { phoneNumber: '+447700900001' }, bearer(cc));
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('CALL_FORWARDING.UNKNOWN_PHONE_NUMBER');
    expectV03(response);
  });

  it('422 MISSING_IDENTIFIER without phoneNumber', async () => {
    const response = await postJson(url('brightwave', 'v0.3', 'call-forwardings'), {}, bearer(cc));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('MISSING_IDENTIFIER');
  });

  it('refuses an x-correlator only Commonalities 0.6 allows (0.3.0 follows 0.5)', async () => {
    const response = await postJson(url('brightwave', 'v0.3', 'call-forwardings'), { phoneNumber: '+447700900503' }, {
      ...bearer(cc),
      'x-correlator': 'order:42',
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_ARGUMENT');
  });

  it('does not serve v0.4', async () => {
    expect((await postJson(url('brightwave', 'v0.4', 'call-forwardings'), { phoneNumber: '+447700900503' }, bearer(cc))).status).toBe(404);
  });

  it('answers from the world as it is now', async () => {
    const body = { phoneNumber: '+447700900502' };
    expect((await postJson(url('brightwave', 'v0.3', 'unconditional-call-forwardings'), body, bearer(cc))).body).toEqual({ active: false });
    await send('PUT', `${h.net.url}/_world/subscribers/%2B447700900502`, { ...h.net.world.get('+447700900502')!, forwarding: ['unconditional'] });
    expect((await postJson(url('brightwave', 'v0.3', 'unconditional-call-forwardings'), body, bearer(cc))).body).toEqual({ active: true });
  });
});
