/**
 * The agent's screen over real HTTP: the signed link opens the page of its own assessment only
 * (expired, forged, unknown and another tenant's id each get a clear page, the last three the
 * same one), the page says what to do in words and holds no number beyond its last two digits,
 * its form records the outcome under the same link, and CORS answers preflights without a key.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { memorySharedState } from '../../src/shared-state/memory.ts';
import { parseGatewayConfig } from '../../src/config/load.ts';
import type { GatewayConfigInput } from '../../src/config/schema.ts';
import { embeddedConfig } from '../../src/runtime/embedded.ts';
import { agentLinks } from '../../src/routes/agent-screen/link.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { numberFragments, withoutLink } from '../support/number-fragments.ts';

/** SIM swapped hours ago in the demo world. */
const SWAPPED = '+447700900001';
const OTHER_KEY = 'nt_other_0123456789abcdef0123456789';
const DESK = 'https://desk.example.com';
const SECRET = 'agent-screen-test-secret-0123456789abcdef';

let t: TestGateway;
const state = memorySharedState();
beforeAll(async () => {
  t = await startTestGateway({
    sharedState: state,
    configure: (config) => ({
      ...config,
      numberKeySecret: SECRET,
      tenants: [
        { ...config.tenants[0]!, corsOrigins: [DESK] },
        { ...config.tenants[0]!, id: 'other', apiKeys: [{ id: 'other', key: OTHER_KEY }], corsOrigins: ['https://other.example.com'] },
      ],
    }),
  });
});
afterAll(() => t?.close());

describe("the agent's screen", () => {
  const assess = async (key = t.apiKey) => {
    const response = await t.post('/v1/assessments', { phoneNumber: SWAPPED, context: { channel: 'agent', action: 'change_address' } }, { authorization: `Bearer ${key}` });
    expect(response.status).toBe(200);
    return response.body;
  };
  const open = (url: string, init?: RequestInit) => fetch(url.startsWith('http') ? url : t.url + url, { redirect: 'manual', ...init });

  it('links each assessment to its page, which says what to do in words and no more of the number than its last two digits', async () => {
    const answer = await assess();
    expect(answer.agentScreenUrl).toMatch(new RegExp(`^${t.url}/agent/calls/${answer.assessmentId}\\?t=\\d+\\.[A-Za-z0-9_-]{43}$`));
    const response = await open(answer.agentScreenUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'$/);
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Refuse this request');
    expect(html).toContain('The SIM card for this number was changed within the last day.');
    expect(html).toContain('••••••••01');
    expect(html).toContain('change address (high risk)');
    expect(html).not.toMatch(/<script|src=|href=/i);
    const page = withoutLink(html, answer.agentScreenUrl);
    for (const fragment of numberFragments(SWAPPED)) expect(page).not.toContain(fragment);
  });

  it('shows step-up guidance from the policy for a step-up answer', async () => {
    // SIM changed two days ago: a low-risk action steps up.
    const response = await t.post('/v1/assessments', { phoneNumber: '+447700900501', context: { channel: 'agent', action: 'balance_inquiry', inboundCall: false } });
    expect(response.body.recommendation, JSON.stringify(response.body.policy.decidedBy)).toBe('step_up');
    const html = await (await open(response.body.agentScreenUrl)).text();
    expect(html).toContain('Verify the caller further before you proceed');
    expect(html).toContain('Send a one-time code to the registered e-mail address or the banking app, not by text or call to this phone.');
  });

  it('gets the same link again with the record, and records the outcome from the page under the same link', async () => {
    const answer = await assess();
    const record = await (await fetch(`${t.url}/v1/assessments/${answer.assessmentId}`, { headers: { authorization: `Bearer ${t.apiKey}` } })).json();
    expect(record.agentScreenUrl).toBe(answer.agentScreenUrl);

    const form = (outcome: string, extra: Record<string, string> = {}) =>
      open(answer.agentScreenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...extra }, body: `outcome=${outcome}` });
    expect((await form('fraud', {})).status).toBe(400);
    expect((await form('genuine', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const forged = answer.agentScreenUrl.replace(/.$/, (last: string) => (last === 'A' ? 'B' : 'A'));
    expect((await open(forged, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'outcome=genuine' })).status).toBe(404);

    const posted = await form('fraud_confirmed', { 'sec-fetch-site': 'same-origin' });
    expect(posted.status).toBe(303);
    expect(t.url + posted.headers.get('location')).toBe(answer.agentScreenUrl);
    const html = await (await open(answer.agentScreenUrl)).text();
    expect(html).toMatch(/Confirmed fraud, recorded \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(html).not.toContain('<form');
    const again = await form('genuine');
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Recorded first: Confirmed fraud.');
  });

  it('answers an expired link with a clear 410 page, and forged, unknown and foreign links with one same 404 page', async () => {
    const answer = await assess();
    const links = agentLinks(SECRET);
    const expired = await links.pathFor('default', answer.assessmentId, Date.now() - 1_000);
    const expiredPage = await open(expired);
    expect(expiredPage.status).toBe(410);
    expect(await expiredPage.text()).toContain('This link has expired');

    const other = await assess(OTHER_KEY);
    const token = new URL(answer.agentScreenUrl).search;
    const unknownId = crypto.randomUUID();
    const cases = {
      forged: answer.agentScreenUrl.replace(/.$/, (last: string) => (last === 'A' ? 'B' : 'A')),
      noToken: `/agent/calls/${answer.assessmentId}`,
      malformed: `/agent/calls/${answer.assessmentId}?t=12.abc`,
      // A valid-looking token, but made for another id.
      anotherId: `/agent/calls/${other.assessmentId}${token}`,
      // Signed by this tenant for the other tenant's record.
      foreign: await links.pathFor('default', other.assessmentId, Date.now() + 60_000),
      unknown: await links.pathFor('default', unknownId, Date.now() + 60_000),
      notAnId: `/agent/calls/..%2f..%2fhealth${token}`,
    };
    const bodies = new Set<string>();
    for (const [name, url] of Object.entries(cases)) {
      const response = await open(url);
      expect(response.status, name).toBe(404);
      const html = await response.text();
      expect(html, name).toContain('This link is not valid');
      bodies.add(html);
    }
    expect(bodies.size).toBe(1);
  });
});

describe("the agent's screen in a CRM's frame", () => {
  it('is framed by no one unless agentScreen.frameAncestors lists the CRM', async () => {
    const framed = await startTestGateway({ configure: (config) => ({ ...config, agentScreen: { ...config.agentScreen, frameAncestors: ['https://crm.example.com'] } }) });
    try {
      const answer = await framed.post('/v1/assessments', { phoneNumber: SWAPPED, context: { channel: 'agent', action: 'change_address' } });
      const page = await fetch(answer.body.agentScreenUrl);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toMatch(/; frame-ancestors https:\/\/crm\.example\.com$/);
      expect(page.headers.get('x-frame-options')).toBeNull();
    } finally {
      await framed.close();
    }
  });
});

describe("the agent's screen when the records cannot be reached", () => {
  it('answers a clear 503 page that says to treat the caller as unverified', async () => {
    const response = await t.post('/v1/assessments', { phoneNumber: SWAPPED, context: { channel: 'agent', action: 'change_address' } });
    const down = vi.spyOn(state.records, 'get').mockRejectedValue(new Error('store down'));
    try {
      const page = await fetch(response.body.agentScreenUrl);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('treat the caller as unverified');
    } finally {
      down.mockRestore();
    }
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${t.url}/v1/assessments`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

  it('answers a preflight from an origin some tenant allows, without a key, listing only what is allowed', async () => {
    for (const origin of [DESK, 'https://other.example.com']) {
      const response = await preflight(origin);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
      expect(response.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type,x-correlator,x-numtrust-provider');
      expect(response.headers.get('vary')).toMatch(/Origin/);
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('gives an origin no tenant allows no CORS header at all', async () => {
    const response = await preflight('https://evil.example.com');
    expect(response.status).toBe(204);
    expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect(response.headers.get('vary')).toMatch(/Origin/);
  });

  it("lets the actual request be read only by an origin the key's own tenant allows", async () => {
    const body = { phoneNumber: SWAPPED, context: { channel: 'agent', action: 'balance_inquiry' } };
    const own = await t.post('/v1/assessments', body, { origin: DESK });
    expect(own.headers.get('access-control-allow-origin')).toBe(DESK);
    expect(own.headers.get('access-control-expose-headers')).toContain('x-correlator');
    expect(own.headers.get('vary')).toMatch(/Origin/);
    const foreign = await t.post('/v1/assessments', body, { origin: 'https://other.example.com' });
    expect(foreign.status).toBe(200);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const noKey = await fetch(`${t.url}/v1/assessments`, { method: 'POST', headers: { origin: DESK, 'content-type': 'application/json' }, body: '{}' });
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get('access-control-allow-origin')).toBe(DESK);
  });

  it('takes exact origins only: a wildcard or a path is refused at start', () => {
    const base = embeddedConfig('http://127.0.0.1:1', 'nt_test_0123456789abcdef0123456789') as GatewayConfigInput;
    const withOrigins = (corsOrigins: string[]) => ({ ...base, tenants: [{ ...base.tenants[0]!, corsOrigins }] });
    expect(parseGatewayConfig(withOrigins(['https://desk.example.com/']), {}, 'test').tenants[0]!.corsOrigins).toEqual(['https://desk.example.com']);
    for (const origin of ['*', 'https://*.example.com', 'https://desk.example.com/app', 'null', 'desk.example.com']) {
      expect(() => parseGatewayConfig(withOrigins([origin]), {}, 'test'), origin).toThrow(/corsOrigins/);
    }
  });

  it('answers an OPTIONS that is not a preflight as any other method the path does not serve: 405 with Allow, no CORS headers', async () => {
    const response = await fetch(`${t.url}/v1/assessments`, { method: 'OPTIONS', headers: { origin: DESK } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
