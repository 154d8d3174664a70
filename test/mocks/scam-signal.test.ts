/**
 * The Scam Signal style call-state API: a vendor definition, not a CAMARA release, so there is no
 * official YAML to validate against; the answers are checked field by field instead.
 */
import { describe, expect, it } from 'vitest';
import { expectDocumented } from './support/conformance.ts';
import { FRAUD, bearer, cibaToken, postJson, useHarness } from './support/harness.ts';

const SCOPE = `openid ${FRAUD} scam-signal:signal`;

const h = useHarness();

const signal = (carrier: string) => `${h.base(carrier)}/scam-signal/v0.3/signal`;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('POST /scam-signal/v0.3/signal (albion, liberty)', () => {
  it.each([
    ['placing a call', '+447700900005', true],
    ['receiving a call (no direction is told)', '+447700900006', true],
    ['not on a call', '+447700900001', false],
  ])('%s → isInVoiceCall %s', async (_label, phoneNumber, inCall) => {
    const token = await cibaToken(h, 'albion', phoneNumber, SCOPE);
    const response = await postJson(signal('albion'), {}, bearer(token));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ isInVoiceCall: inCall, assessedAt: expect.stringMatching(RFC3339) });
    expectDocumented(null, '', response);
  });

  it('accepts a transaction context', async () => {
    const token = await cibaToken(h, 'liberty', '+12025550102', SCOPE);
    const response = await postJson(signal('liberty'), { context: { transactionType: 'payment' } }, bearer(token));
    expect(response.body).toEqual({ isInVoiceCall: false, assessedAt: expect.stringMatching(/-05:00$/) });
  });

  it('isInVoiceCall null when the operator cannot tell: IoT lines, and the setting statusUnknownNumbers', async () => {
    const iot = await cibaToken(h, 'albion', '+447700900008', SCOPE);
    expect((await postJson(signal('albion'), {}, bearer(iot))).body.isInVoiceCall).toBeNull();
    h.net.carrier('albion').settings.update({ statusUnknownNumbers: ['+447700900005'] });
    const caller = await cibaToken(h, 'albion', '+447700900005', SCOPE);
    expect((await postJson(signal('albion'), {}, bearer(caller))).body.isInVoiceCall).toBeNull();
  });

  it('CAMARA-style errors: UNNECESSARY_IDENTIFIER, PERMISSION_DENIED, INVALID_ARGUMENT, UNAUTHENTICATED', async () => {
    const token = await cibaToken(h, 'albion', '+447700900005', SCOPE);
    const other = await cibaToken(h, 'albion', '+447700900005', `openid ${FRAUD} sim-swap`);
    const cases: Array<[unknown, Record<string, string>, number, string]> = [
      [{ phoneNumber: '+447700900005' }, bearer(token), 422, 'UNNECESSARY_IDENTIFIER'],
      [{}, bearer(other), 403, 'PERMISSION_DENIED'],
      [{ context: 'payment' }, bearer(token), 400, 'INVALID_ARGUMENT'],
      [{ extra: true }, bearer(token), 400, 'INVALID_ARGUMENT'],
      [{}, {}, 401, 'UNAUTHENTICATED'],
    ];
    for (const [body, headers, status, code] of cases) {
      const response = await postJson(signal('albion'), body, headers);
      expect(response.body).toEqual({ status, code, message: expect.any(String) });
      expect(response.status).toBe(status);
    }
  });

  it('brightwave offers no call state', async () => {
    expect((await postJson(`${h.base('brightwave')}/scam-signal/v0.3/signal`, {}, {})).status).toBe(404);
  });

  it('the authorization server lists the scope', async () => {
    const discovery = await fetch(`${h.base('liberty')}/.well-known/openid-configuration`).then((r) => r.json());
    expect(discovery.scopes_supported).toContain('scam-signal:signal');
    expect((await fetch(`${h.base('brightwave')}/.well-known/openid-configuration`).then((r) => r.json())).scopes_supported).not.toContain('scam-signal:signal');
  });
});
