/**
 * numtrust/client's contract: every call settles to { data } or a CAMARA-shaped { error }, never
 * an exception (dataOrThrow throws when asked); the API key, x-correlator and provider are sent.
 * Against a real gateway on 127.0.0.1, and with a stub fetch for what a gateway never does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNumtrustClient, dataOrThrow, NumtrustError } from 'numtrust/client';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

const SWAPPED = '+447700900001';

describe('numtrust/client against the gateway', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t?.close());

  it('calls a CAMARA route with the API key, the correlator and a provider; the raw client reaches every path', async () => {
    const numtrust = createNumtrustClient({ baseUrl: t.url, apiKey: t.apiKey });
    const checked = await numtrust.simSwap.check({ phoneNumber: SWAPPED, maxAge: 24 }, { correlator: 'client-test-1', provider: 'albion' });
    expect(checked.data).toEqual({ swapped: true });
    expect(checked.response?.headers.get('x-correlator')).toBe('client-test-1');
    expect(checked.response?.headers.get('x-numtrust-provider')).toBe('albion');

    const health = await numtrust.raw.GET('/health');
    expect(health.data?.status).toBe('ok');
  });

  it('returns the gateway error typed, and dataOrThrow throws it as a NumtrustError', async () => {
    const wrongKey = createNumtrustClient({ baseUrl: t.url, apiKey: 'nt_test_not_a_key' });
    const refused = await wrongKey.assess({ phoneNumber: SWAPPED, context: { channel: 'ivr' } });
    expect(refused.data).toBeUndefined();
    expect(refused.error).toEqual({ status: 401, code: 'UNAUTHENTICATED', message: expect.any(String) });
    expect(refused.response?.status).toBe(401);

    const numtrust = createNumtrustClient({ baseUrl: t.url, apiKey: t.apiKey });
    const missing = await numtrust.getAssessment('00000000-0000-4000-8000-000000000000');
    expect(() => dataOrThrow(missing)).toThrow(NumtrustError);
    expect(() => dataOrThrow(missing)).toThrow(expect.objectContaining({ status: 404, code: 'NOT_FOUND' }));
  });
});

/** A fetch that answers nothing until the request is aborted. */
const silentFetch = (request: Request) =>
  new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason as Error)));

describe('numtrust/client when no CAMARA answer comes', () => {
  const body = { phoneNumber: SWAPPED, maxAge: 24 };
  const clientWith = (fetch: (request: Request) => Promise<Response>, timeoutMs?: number) =>
    createNumtrustClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'nt_test_key', fetch, timeoutMs });

  it('a refused connection is NETWORK_ERROR (status 0), returned, not thrown', async () => {
    const result = await createNumtrustClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'nt_test_key' }).simSwap.check(body);
    expect(result.error).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
    expect(result.response).toBeUndefined();
  });

  it("the client's time limit is CLIENT_TIMEOUT; the caller's abort is ABORTED; the caller's AbortSignal.timeout() is CLIENT_TIMEOUT", async () => {
    expect((await clientWith(silentFetch, 20).simSwap.check(body)).error).toMatchObject({ status: 0, code: 'CLIENT_TIMEOUT' });
    const controller = new AbortController();
    const pending = clientWith(silentFetch).simSwap.check(body, { signal: controller.signal });
    controller.abort();
    expect((await pending).error).toMatchObject({ status: 0, code: 'ABORTED' });
    expect((await clientWith(silentFetch).simSwap.check(body, { signal: AbortSignal.timeout(20) })).error).toMatchObject({ code: 'CLIENT_TIMEOUT' });
  });

  it('a mistake in the calling code (a base URL that is not http(s), an empty key, a time limit that is not positive) throws a TypeError at once', () => {
    const options = { baseUrl: 'http://127.0.0.1:9', apiKey: 'nt_test_key' };
    expect(() => createNumtrustClient({ ...options, baseUrl: '127.0.0.1:8080' })).toThrow(TypeError);
    expect(() => createNumtrustClient({ ...options, apiKey: '' })).toThrow(TypeError);
    expect(() => createNumtrustClient({ ...options, timeoutMs: 0 })).toThrow(TypeError);
    expect(() => createNumtrustClient(options).simSwap.check(body, { timeoutMs: Number.POSITIVE_INFINITY })).toThrow(/timeoutMs/);
  });

  it('an answer that is not the gateway JSON is UNEXPECTED_RESPONSE with its status', async () => {
    const page = clientWith(async () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    expect((await page.simSwap.check(body)).error).toMatchObject({ status: 502, code: 'UNEXPECTED_RESPONSE' });
    const garbled = clientWith(async () => new Response('{"swapped":', { status: 200, headers: { 'content-type': 'application/json', 'content-length': '11' } }));
    const result = await garbled.simSwap.check(body);
    expect(result.error).toMatchObject({ status: 200, code: 'UNEXPECTED_RESPONSE' });
    expect(result.response?.status).toBe(200);
  });
});
