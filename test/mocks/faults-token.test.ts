/**
 * The token and bc-authorize endpoints failing: status faults answer RFC 6749-shaped errors, and
 * the other kinds deliver a real token answer badly. (Every kind at every operator's token and
 * bc-authorize endpoint is also covered by faults-every-carrier.test.ts.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addFaultRule, readBody, text } from './support/faults.ts';
import { CLIENT_ID, FRAUD, SECRETS, pollCiba, postForm, startCiba, startHarness, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => {
  h.net.faults.clear();
  h.net.stats.reset();
});

const tokenUrl = () => `${h.base('brightwave')}/token`;
const clientCredentials = { grant_type: 'client_credentials', scope: `${FRAUD} sim-swap`, client_id: CLIENT_ID, client_secret: SECRETS.brightwave };
const requestToken = (headers: Record<string, string> = {}) =>
  fetch(tokenUrl(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(clientCredentials) });

describe('status faults at the token endpoint', () => {
  it.each([
    [500, 'server_error'],
    [502, 'server_error'],
    [503, 'temporarily_unavailable'],
    [429, 'temporarily_unavailable'],
    [401, 'invalid_client'],
    [400, 'invalid_request'],
  ])('%i → RFC 6749 error %s, not cacheable', async (status, error) => {
    await addFaultRule(h.net.url, { carrier: 'brightwave', endpoint: 'token', kind: 'status', status, times: 1 });
    const response = await postForm(tokenUrl(), clientCredentials);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ error, error_description: expect.any(String) });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('bc-authorize: 503 with Retry-After, then the flow works again', async () => {
    await addFaultRule(h.net.url, { carrier: 'albion', endpoint: 'bc-authorize', kind: 'status', status: 503, retryAfter: 2, times: 1 });
    const failed = await startCiba(h, 'albion', '+447700900001');
    expect(failed.status).toBe(503);
    expect(failed.body.error).toBe('temporarily_unavailable');
    expect(failed.headers.get('retry-after')).toBe('2');
    expect((await startCiba(h, 'albion', '+447700900001')).status).toBe(200);
  });

  it('a CIBA poll fails only for the number its auth_req_id was issued for', async () => {
    const aimed = await startCiba(h, 'albion', '+447700900001');
    const other = await startCiba(h, 'albion', '+447700900002');
    h.advance(aimed.body.interval * 1000);
    await addFaultRule(h.net.url, { carrier: 'albion', endpoint: 'token', phoneNumber: '+447700900001', kind: 'status', status: 500 });
    expect((await pollCiba(h, 'albion', other.body.auth_req_id)).status).toBe(200);
    const failed = await pollCiba(h, 'albion', aimed.body.auth_req_id);
    expect(failed.status).toBe(500);
    expect(failed.body.error).toBe('server_error');
  });
});

describe('a real token answer delivered badly', () => {
  it('wrong_type: expires_in as a string', async () => {
    const response = await requestToken({ 'x-mock-fault': 'wrong_type' });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ access_token: expect.any(String), token_type: 'Bearer', expires_in: '3600' });
  });

  it('oversized: the token answer padded to 2 MiB', async () => {
    const body = await readBody(await requestToken({ 'x-mock-fault': 'oversized' }));
    expect(body.bytes.length).toBe(2 * 1024 * 1024);
    expect(JSON.parse(text(body.bytes))).toMatchObject({ access_token: expect.any(String), expires_in: 3600 });
  });

  it('reset: the token answer breaks off', async () => {
    const response = await requestToken({ 'x-mock-fault': 'reset' });
    expect(response.status).toBe(200);
    const body = await readBody(response);
    expect(body.error).toBeDefined();
    expect(text(body.bytes)).toMatch(/^\{"access_token":"/);
  });

  it('slow body: the whole token answer, in pieces', async () => {
    const body = await readBody(await requestToken({ 'x-mock-fault': 'slow_body=50; chunks=5' }));
    expect(body.error).toBeUndefined();
    expect(JSON.parse(text(body.bytes))).toMatchObject({ access_token: expect.any(String) });
  });

  it('redirect: no token, a Location on another host', async () => {
    const response = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-mock-fault': 'redirect=307' },
      body: new URLSearchParams(clientCredentials),
      redirect: 'manual',
    });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('http://127.0.0.2:9/carriers/brightwave/token');
  });
});
