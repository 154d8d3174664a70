/**
 * The session store's lifetime rules (expiry, retention, tenant scope, bounded size) on a fake
 * clock, and the app-redirect rules: what the end-to-end test cannot reach without waiting.
 */
import { describe, expect, it } from 'vitest';
import { appRedirectFor, appRedirectProblem } from '../../src/routes/number-verification/app-redirect.ts';
import { complete, publicView, SessionStore, type VerificationSession } from '../../src/routes/number-verification/sessions.ts';

const TTL = 300_000;
const T0 = Date.parse('2026-11-22T10:00:00Z');

function session(id: string, tenantId = 'a', createdAt = T0): VerificationSession {
  return {
    id,
    tenantId,
    phoneNumber: '+447700900002',
    provider: 'albion',
    state: `state-${id}`,
    codeVerifier: `verifier-${id}`,
    operatorUrl: 'https://operator.example/authorize?state=x',
    callbackUrl: 'https://gw.example/v1/number-verification/callback',
    appRedirectUri: undefined,
    createdAt,
    expiresAt: createdAt + TTL,
    status: 'pending',
    callbackReceived: false,
  };
}

describe('SessionStore', () => {
  it('finds a session by tenant and id, by id alone (device) and by state (callback)', () => {
    const store = new SessionStore({ maxPerTenant: 10, retentionMs: TTL });
    store.add(session('s1'));
    expect(store.forTenant('a', 's1', T0)?.id).toBe('s1');
    expect(store.forTenant('b', 's1', T0)).toBeUndefined();
    expect(store.forDevice('s1', T0)?.id).toBe('s1');
    expect(store.forState('state-s1', T0)?.id).toBe('s1');
    expect(store.forState('state-s2', T0)).toBeUndefined();
  });

  it('expires a pending session at expiresAt as failed SESSION_EXPIRED, readable for the retention, then gone', () => {
    const store = new SessionStore({ maxPerTenant: 10, retentionMs: TTL });
    store.add(session('s1'));
    expect(store.forTenant('a', 's1', T0 + TTL - 1)?.status).toBe('pending');
    const expired = store.forTenant('a', 's1', T0 + TTL)!;
    expect(publicView(expired)).toMatchObject({ status: 'failed', problem: { code: 'SESSION_EXPIRED', retryable: true } });
    expect(publicView(expired).completedAt).toBe(new Date(T0 + TTL).toISOString());
    expect(store.forTenant('a', 's1', T0 + 2 * TTL - 1)).toBeDefined();
    expect(store.forTenant('a', 's1', T0 + 2 * TTL)).toBeUndefined();
    expect(store.forState('state-s1', T0)).toBeUndefined();
  });

  it('does not expire a session whose callback is being handled, and keeps a result for the retention after completion', () => {
    const store = new SessionStore({ maxPerTenant: 10, retentionMs: TTL });
    const s = session('s1');
    store.add(s);
    s.callbackReceived = true;
    expect(store.forTenant('a', 's1', T0 + TTL + 5)?.status).toBe('pending');
    complete(s, T0 + TTL + 10, 'verified');
    expect(store.forTenant('a', 's1', T0 + 2 * TTL + 9)?.status).toBe('verified');
    expect(store.forTenant('a', 's1', T0 + 2 * TTL + 10)).toBeUndefined();
  });

  it('bounds each tenant on its own: the least recently used goes, with its id and state', () => {
    const store = new SessionStore({ maxPerTenant: 2, retentionMs: TTL });
    store.add(session('a1'));
    store.add(session('b1', 'b'));
    store.add(session('a2'));
    store.add(session('a3'));
    expect(store.forTenant('a', 'a1', T0)).toBeUndefined();
    expect(store.forDevice('a1', T0)).toBeUndefined();
    expect(store.forState('state-a1', T0)).toBeUndefined();
    expect(store.forTenant('a', 'a3', T0)).toBeDefined();
    expect(store.forTenant('b', 'b1', T0)).toBeDefined();
  });

  it('publicView carries no number, state or verifier', () => {
    const text = JSON.stringify(publicView(session('s1')));
    expect(text).not.toContain('447700900002');
    expect(text).not.toContain('state-s1');
    expect(text).not.toContain('verifier-s1');
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
