/**
 * The Node runtime's fast path for repeated assessments (src/runtime/repeat-fast-path.ts): a body
 * the tenant sent before, while its verdict is cached, is answered ahead of the app, and the
 * client cannot tell: the same status, headers and body as the app's answer, its own record, link,
 * access-log line and metrics. Everything else reaches the app with its body intact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { jsonHeaders, RawRequest } from '../support/raw-request.ts';

const LIMITED_KEY = 'nt_limited_0123456789abcdef0123456789';
const OTHER_KEY = 'nt_other_0123456789abcdef01234567890';
const NUMBER = '+447700900502';
/** A request with an Origin is always the app's (CORS); one no tenant allows gets the same headers as none. */
const APP_ONLY = { origin: 'https://not-allowed.example' };
const BODY = { phoneNumber: NUMBER, context: { channel: 'ivr', action: 'change_address', inboundCall: false } };

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({
    metrics: true,
    repeatFastPath: true,
    configure: (config) => ({
      ...config,
      tenants: [
        ...config.tenants,
        { ...config.tenants[0]!, id: 'limited', apiKeys: [{ id: 'limited', key: LIMITED_KEY }], rateLimit: { requestsPerSecond: 0.001, burst: 2 } },
        { ...config.tenants[0]!, id: 'other', apiKeys: [{ id: 'other', key: OTHER_KEY }] },
      ],
    }),
  });
});
afterAll(() => t?.close());

const counts = () => ({ ...t.repeatCounts! });
/** What differs between two assessments of the same verdict: their own id, time, correlator, link and the signals' ages. */
function verdictOf(answer: Record<string, unknown>) {
  const { assessmentId: _id, assessedAt: _at, correlator: _correlator, agentScreenUrl: _url, signals, ...rest } = answer;
  return { ...rest, signals: (signals as Array<Record<string, unknown>>).map(({ ageSeconds: _age, ...signal }) => signal) };
}
const metric = async (line: string) => {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  return Number(text.split('\n').find((row) => row.startsWith(line))?.split(' ').at(-1) ?? 0);
};

describe('repeated assessments answered ahead of the app', () => {
  it('answers a repeat as the app answers it: status, headers, body, record, link, log line, metrics', async () => {
    const body = { ...BODY, deadlineMs: 1200 };
    const first = await t.post('/v1/assessments', body);
    expect(first.status).toBe(200);
    // The app's answer to an identical assessment.
    const before = counts();
    const byApp = await t.post('/v1/assessments', body, APP_ONLY);
    expect(counts()).toEqual(before);
    const hitsBefore = await metric('numtrust_assessment_cache_lookups_total{result="hit"}');
    const requestsBefore = await metric('numtrust_http_requests_total{route="/v1/assessments",method="POST",status="200",tenant="default"}');

    const repeat = await t.post('/v1/assessments', body, { 'x-correlator': 'repeat-1' });
    expect(counts().answered).toBe(before.answered + 1);

    expect(repeat.status).toBe(byApp.status);
    const names = (headers: Headers) => [...headers.keys()].sort();
    expect(names(repeat.headers)).toEqual(names(byApp.headers));
    for (const header of ['content-type', 'vary', 'connection', 'keep-alive']) expect(repeat.headers.get(header)).toBe(byApp.headers.get(header));
    expect(repeat.headers.get('x-correlator')).toBe('repeat-1');
    expect(verdictOf(repeat.body)).toEqual(verdictOf(byApp.body));
    expect(Object.keys(repeat.body)).toEqual(Object.keys(byApp.body));
    expect(repeat.body).toMatchObject({ correlator: 'repeat-1', deadlineMs: 1200 });
    expect(repeat.body.assessmentId).not.toBe(byApp.body.assessmentId);
    expect(repeat.body.signals.every((signal: { cached: boolean }) => signal.cached)).toBe(true);

    const record = await fetch(`${t.url}/v1/assessments/${repeat.body.assessmentId}`, { headers: { authorization: `Bearer ${t.apiKey}` } });
    expect(record.status).toBe(200);
    expect(await record.json()).toMatchObject({ assessmentId: repeat.body.assessmentId, recommendation: repeat.body.recommendation, maskedNumber: '••••••••02' });
    const screen = await fetch(repeat.body.agentScreenUrl);
    expect(screen.status).toBe(200);

    const line = t.logLines.map((text) => JSON.parse(text)).find((entry) => entry.msg === 'request' && entry.correlator === 'repeat-1');
    expect(line).toMatchObject({ level: 'info', method: 'POST', route: '/v1/assessments', status: 200, tenant: 'default' });
    expect(typeof line.durationMs).toBe('number');
    expect(t.logLines.join('\n')).not.toContain(NUMBER.slice(1));
    expect(await metric('numtrust_assessment_cache_lookups_total{result="hit"}')).toBe(hitsBefore + 1);
    expect(await metric('numtrust_cache_entries{cache="repeats"}')).toBeGreaterThanOrEqual(1);
    expect(await metric('numtrust_cache_bytes{cache="repeats"}')).toBeGreaterThan(300);
    // The metrics scrape between the two reads is a request of its own, on another route.
    expect(await metric('numtrust_http_requests_total{route="/v1/assessments",method="POST",status="200",tenant="default"}')).toBe(requestsBefore + 1);
  });

  it('answers a generated correlator when none is sent, and echoes it', async () => {
    await t.post('/v1/assessments', BODY);
    const before = counts();
    const repeat = await t.post('/v1/assessments', BODY);
    expect(counts().answered).toBe(before.answered + 1);
    expect(repeat.headers.get('x-correlator')).toMatch(/^[0-9a-f-]{36}$/);
    expect(repeat.body.correlator).toBe(repeat.headers.get('x-correlator'));
  });

  it("never answers one tenant's body for another: each tenant's first is the app's, with its own verdict", async () => {
    const body = { ...BODY, deadlineMs: 1300 };
    await t.post('/v1/assessments', body);
    const before = counts();
    const other = await t.post('/v1/assessments', body, { authorization: `Bearer ${OTHER_KEY}` });
    expect(other.status).toBe(200);
    expect(counts()).toEqual({ answered: before.answered, handedOn: before.handedOn + 1 });
    const record = await fetch(`${t.url}/v1/assessments/${other.body.assessmentId}`, { headers: { authorization: `Bearer ${t.apiKey}` } });
    expect(record.status).toBe(404);
  });

  it('hands the app every request it does not answer, body intact: a bad key, a new body, an Origin, a draining server', async () => {
    const body = { ...BODY, deadlineMs: 1400 };
    await t.post('/v1/assessments', body);

    const before = counts();
    const badKey = await t.post('/v1/assessments', body, { authorization: 'Bearer nt_nobody_0123456789abcdef0123456789' });
    expect(badKey.status).toBe(401);
    expect(badKey.headers.get('www-authenticate')).toBe('Bearer');
    const fresh = await t.post('/v1/assessments', { ...body, deadlineMs: 1401 });
    expect(fresh.status).toBe(200);
    expect(fresh.body.deadlineMs).toBe(1401);
    const invalid = await t.post('/v1/assessments', '{"phoneNumber":');
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('INVALID_ARGUMENT');
    expect(counts()).toEqual({ answered: before.answered, handedOn: before.handedOn + 3 });

    const withOrigin = await t.post('/v1/assessments', body, APP_ONLY);
    expect(withOrigin.status).toBe(200);
    const badCorrelator = await t.post('/v1/assessments', body, { 'x-correlator': 'no spaces allowed' });
    expect(badCorrelator.status).toBe(400);
    t.draining.now = true;
    try {
      expect((await t.post('/v1/assessments', body)).status).toBe(200);
    } finally {
      t.draining.now = false;
    }
    expect(counts()).toEqual({ answered: before.answered, handedOn: before.handedOn + 3 });
    expect((await t.post('/v1/assessments', body)).status).toBe(200);
    expect(counts().answered).toBe(before.answered + 1);
  });

  it('leaves a body that is still arriving to the app, which reads it within its bounds', async () => {
    const text = JSON.stringify({ ...BODY, deadlineMs: 1500 });
    await t.post('/v1/assessments', text);
    const before = counts();
    const raw = await RawRequest.start(t.url, 'POST', '/v1/assessments', jsonHeaders(t.apiKey, Buffer.byteLength(text)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    raw.write(text);
    await expect.poll(() => raw.answer()?.body.endsWith('}') ?? false).toBe(true);
    expect(raw.answer()!.status).toBe(200);
    expect(JSON.parse(raw.answer()!.body).deadlineMs).toBe(1500);
    raw.close();
    expect(counts()).toEqual(before);
  });

  it("answers the tenant's rate limit as the app does (429, Retry-After), and counts a repeat against it", async () => {
    const limited = { authorization: `Bearer ${LIMITED_KEY}` };
    const first = await t.post('/v1/assessments', BODY, limited);
    expect(first.status).toBe(200);
    const before = counts();
    const second = await t.post('/v1/assessments', BODY, limited);
    expect(second.status).toBe(200);
    const third = await t.post('/v1/assessments', BODY, limited);
    expect(counts().answered).toBe(before.answered + 2);
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The app's own 429 for the same tenant, word for word.
    const byApp = await t.post('/v1/assessments', BODY, { ...limited, ...APP_ONLY });
    expect(byApp.status).toBe(429);
    expect(third.body).toEqual(byApp.body);
    expect(third.headers.get('retry-after')).toBe(byApp.headers.get('retry-after'));
  });
});
