/**
 * The session lifetime rules (expiry as of a time, retention, the state that names its session)
 * on a fake clock, the sealed number, and the app-redirect rules: what the end-to-end test cannot
 * reach without waiting. The stores' own rules are the shared-state contract (test/shared-state/).
 */
import { describe, expect, it } from 'vitest';
import { appRedirectFor, appRedirectProblem } from '../../src/routes/number-verification/app-redirect.ts';
import { asOf, isSessionId, publicView, retainUntil, sessionIdOfState, stateFor } from '../../src/routes/number-verification/sessions.ts';
import { numberSeal } from '../../src/routes/number-verification/sealed-number.ts';
import { sessionFor } from '../shared-state/contract.ts';

const TTL = 300_000;
const T0 = Date.parse('2026-11-22T10:00:00Z');

describe('session lifetime', () => {
  it('a pending session whose device never came back has failed SESSION_EXPIRED as of expiresAt', () => {
    const session = sessionFor('a', 'nv_s1', T0);
    expect(asOf(session, T0 + TTL - 1).status).toBe('pending');
    const expired = asOf(session, T0 + TTL);
    expect(publicView(expired)).toMatchObject({ status: 'failed', problem: { code: 'SESSION_EXPIRED', retryable: true } });
    expect(publicView(expired).completedAt).toBe(new Date(T0 + TTL).toISOString());
    expect(session.status).toBe('pending');
  });

  it('does not expire a session whose callback is being handled, nor one that finished', () => {
    const claimed = { ...sessionFor('a', 'nv_s1', T0), callbackReceived: true };
    expect(asOf(claimed, T0 + 2 * TTL).status).toBe('pending');
    const finished = { ...claimed, status: 'verified' as const, completedAt: T0 + 10 };
    expect(asOf(finished, T0 + 2 * TTL)).toBe(finished);
  });

  it('keeps a session for the retention after the later of its end and its expiry', () => {
    expect(retainUntil({ expiresAt: T0 + TTL }, TTL)).toBe(T0 + 2 * TTL);
    expect(retainUntil({ expiresAt: T0 + TTL, completedAt: T0 + 10 }, TTL)).toBe(T0 + 2 * TTL);
    expect(retainUntil({ expiresAt: T0 + TTL, completedAt: T0 + TTL + 10 }, TTL)).toBe(T0 + 2 * TTL + 10);
  });

  it('the state names its session; a state without one names none', () => {
    expect(sessionIdOfState(stateFor('nv_abc-_1', 'r4nd0m'))).toBe('nv_abc-_1');
    expect(sessionIdOfState('no-dot-here')).toBeUndefined();
    expect(isSessionId(sessionIdOfState(stateFor('nv_0123456789abcdefABCD_-', 'r')))).toBe(true);
    for (const id of [undefined, 'nv_short', 'nv_0123456789abcdefABCD_-x', 'xx_0123456789abcdefABCD_-', 'nv_0123456789abcdefABC%2e']) expect(isSessionId(id)).toBe(false);
    expect(sessionIdOfState('.leading')).toBeUndefined();
  });

  it('publicView carries no number, state or verifier', () => {
    const text = JSON.stringify(publicView(sessionFor('a', 'nv_s1', T0)));
    expect(text).not.toContain('sealed');
    expect(text).not.toContain('random-state');
    expect(text).not.toContain('verifier');
  });
});

describe('sealed numbers', () => {
  it('seal to text without the number, open with the same secret only', async () => {
    const secret = 'a-shared-secret-of-at-least-32-characters';
    const sealed = await numberSeal(secret).seal('+447700900002');
    expect(sealed).not.toContain('447700900002');
    expect(await numberSeal(secret).open(sealed)).toBe('+447700900002');
    await expect(numberSeal('another-secret-of-at-least-32-characters!').open(sealed)).rejects.toThrow();
    await expect(numberSeal(undefined).open(sealed)).rejects.toThrow();
    // Random nonces: the same number seals differently each time.
    expect(await numberSeal(secret).seal('+447700900002')).not.toBe(sealed);
  });
});

describe('app redirect URIs', () => {
  it.each([
    ['https://app.example/done', undefined],
    ['https://app.example/done?x=1', undefined],
    ['http://127.0.0.1:3000/done', undefined],
    ['http://localhost/done', undefined],
    ['com.example.app:/nv', undefined],
    ['http://app.example/done', /loopback/],
    ['javascript:alert(1)', /private-use/],
    ['data:text/html,hi', /private-use/],
    ['myapp://done', /private-use/],
    ['https://user:pw@app.example/', /user information/],
    ['https://app.example/#frag', /fragment/],
    ['not a url', /absolute/],
    [`https://app.example/${'x'.repeat(2100)}`, /2048/],
  ] as const)('%s → %s', (uri, problem) => {
    const found = appRedirectProblem(uri);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  it('adds only the session id, keeping the query', () => {
    expect(appRedirectFor('https://app.example/done?flow=a', 'nv_1')).toBe('https://app.example/done?flow=a&session=nv_1');
  });
});
