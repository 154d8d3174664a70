/**
 * No phone number in any output: every byte written to stdout and stderr and every console call
 * during a full run (startup, every route, validation errors, upstream failures of every kind, the
 * Number Verification device flow, refused keys, rate limits) is captured, with every error body
 * the gateway sent, and searched for E.164 numbers and for the bare digits of every number used.
 * (numtrust has no metrics yet: when it gets labels, they belong in this search.)
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { CAMARA_ROUTES } from '../../src/app.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { browseAsDevice } from '../support/device-browser.ts';
import { KEYS, startSecurityGateway, twoTenants, validBody, type SecurityGateway } from './support.ts';
import { twilioSignature } from '../../src/routes/voice/twilio-signature.ts';
import { embeddedTwilioWebhook } from '../../src/runtime/embedded.ts';

const TWILIO_TOKEN = 'logprivacy0123456789abcdef012345';

const captured: string[] = [];
const restores: Array<() => void> = [];

function captureAllOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const spy = vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((item) => typeof item === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    });
    restores.push(() => spy.mockRestore());
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const spy = vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      captured.push(args.map((arg) => (typeof arg === 'string' ? arg : safeStringify(arg))).join(' '));
    });
    restores.push(() => spy.mockRestore());
  }
}

function safeStringify(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ''}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Every number the run sends or the world holds (subscribers and call peers). */
const numbersUsed = new Set<string>();
/** Every answer body the gateway sent with a status of 400 or more, and every session view. */
const errorBodies: string[] = [];

let t: SecurityGateway;
const SESSIONS = '/v1/number-verification/sessions';

async function call(method: string, path: string, options: Parameters<SecurityGateway['call']>[2] = {}) {
  const body = options.body as { phoneNumber?: unknown; device?: { phoneNumber?: unknown } } | undefined;
  for (const value of [body?.phoneNumber, body?.device?.phoneNumber]) if (typeof value === 'string') numbersUsed.add(value);
  const response = await t.call(method, path, options);
  if (response.status >= 400) errorBodies.push(response.text);
  return response;
}

beforeAll(async () => {
  captureAllOutput();
  t = await startSecurityGateway({
    tenants: twoTenants({ alpha: { voice: { twilio: embeddedTwilioWebhook(TWILIO_TOKEN) } }, beta: { rateLimit: { requestsPerSecond: 0.1, burst: 2 } } }),
    // The gateway's production logger: JSON lines through console.log.
    logger: createLogger({ level: 'info' }),
    configure: (input) => ({ ...input, server: { ...input.server, requestDeadlineMs: 2_000, attemptTimeoutMs: 1_500 } }),
    cacheTtlSeconds: 0,
  });
  for (const subscriber of t.network.world.list()) {
    numbersUsed.add(subscriber.phoneNumber);
    if (subscriber.call?.peer) numbersUsed.add(subscriber.call.peer);
  }
  process.stdout.write('capture check: stdout\n');
  process.stderr.write('capture check: stderr\n');
}, 30_000);

afterAll(async () => {
  await t?.close();
  for (const restore of restores.reverse()) restore();
});

describe('a full run with faults', () => {
  it('answers every route for operator, aggregator and CIBA lines', async () => {
    for (const route of CAMARA_ROUTES) {
      for (const line of ['+447700900501', '+447700900504']) {
        const response = await call('POST', route.path, { body: validBody(route, line) });
        expect(response.status, `${route.path} ${response.text}`).not.toBe(500);
      }
    }
    // CIBA (the number travels in login_hint): once each is enough, each new scope costs a poll interval.
    for (const phoneNumber of ['+447700900001', '+12025550103']) {
      expect((await call('POST', '/sim-swap/v2/check', { body: { phoneNumber, maxAge: 24 } })).status).toBe(200);
    }
    const assessment = await call('POST', '/v1/assessments', {
      body: { phoneNumber: '+447700900504', context: { channel: 'ivr', action: 'change_address', inboundCall: true } },
    });
    expect(assessment.status).toBe(200);
  }, 30_000);

  it('the voice routes: the pre-screen, and Twilio webhook calls answered with a verdict, a fallback and a 403', async () => {
    for (const callerNumber of ['+447700900504', '447700900503']) {
      numbersUsed.add(callerNumber.startsWith('+') ? callerNumber : `+${callerNumber}`);
      expect((await call('POST', '/v1/ivr/prescreen', { body: { callerNumber, action: 'change_address', callId: 'CA447700900504' } })).status).not.toBe(500);
    }
    const path = '/v1/voice/twilio/alpha';
    for (const from of ['+447700900504', 'client:447700900503', '+447700900502']) {
      const form = new URLSearchParams({ From: from, To: '+442079460123', Direction: 'inbound', CallSid: 'CA0123' });
      const signature = await twilioSignature(TWILIO_TOKEN, `http://localhost${path}`, form);
      if (from.endsWith('502')) t.network.faults.add({ kind: 'hang', times: 6 });
      const response = await t.gateway.app.request(path, { method: 'POST', headers: { 'x-twilio-signature': signature, 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
      expect(response.status).toBe(200);
      await response.text();
    }
    t.network.faults.clear();
    const refused = await t.gateway.app.request(path, { method: 'POST', body: 'From=%2B447700900504' });
    expect(refused.status).toBe(403);
    expect(captured.join('\n')).toContain('twilio webhook answered its fallback');
  }, 30_000);

  it('refuses bad input that carries numbers', async () => {
    const cases: unknown[] = [
      { phoneNumber: '447700900501', maxAge: 24 },
      { phoneNumber: '+44 7700 900501' },
      { phoneNumber: '+4477009005O1' },
      { phoneNumber: '+447700900501', '+447700900502': true },
      { phoneNumber: '+447700900501', msisdn: '447700900503' },
      { device: { phoneNumber: '+447700900501', networkAccessIdentifier: '447700900501@example.com' } },
      '{"phoneNumber":"+447700900501"',
      [{ phoneNumber: '+447700900501' }],
    ];
    for (const body of cases) {
      const response = await call('POST', '/sim-swap/v2/check', { body });
      expect(response.status).toBeGreaterThanOrEqual(400);
    }
    numbersUsed.add('+447700900501');
    const correlated = await call('POST', '/sim-swap/v2/check', { body: { phoneNumber: '+447700900501', maxAge: 24 }, headers: { 'x-correlator': '447700900501' } });
    expect(correlated.headers.get('x-correlator')).toBe('447700900501');
    const assessment = await call('POST', '/v1/assessments', { body: { phoneNumber: '+447700900502', context: { channel: 'ivr', action: 'call_447700900502' } } });
    expect(assessment.status).toBe(400);
    const pinned = await call('POST', '/sim-swap/v2/check', { body: { phoneNumber: '+447700900502' }, headers: { 'x-numtrust-provider': 'liberty' } });
    expect(pinned.status).toBe(400);
    const unrouted = await call('POST', '/sim-swap/v2/check', { body: { phoneNumber: '+33612345678', maxAge: 24 } });
    expect(unrouted.status).toBe(422);
  });

  it('keeps numbers inside a correlator out of the log, and echoes the correlator to its client; logs generated ones whole', async () => {
    numbersUsed.add('+447700900001');
    for (const correlator of ['ivr-447700900001', 'call_447700900001', 'x447700900001y', 'CallSid447700900001']) {
      const response = await call('POST', '/sim-swap/v2/check', { body: { phoneNumber: '+447700900502', maxAge: 24 }, headers: { 'x-correlator': correlator } });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-correlator')).toBe(correlator);
      const masked = correlator.replace('447700900001', '[number]');
      expect(captured.some((line) => line.includes(`"correlator":"${masked}"`)), masked).toBe(true);
    }
    // The gateway's own correlators (none sent) are logged whole, so the echoed header finds its line.
    for (let i = 0; i < 40; i++) {
      const generated = (await t.call('GET', '/health', { key: null })).headers.get('x-correlator')!;
      expect(captured.some((line) => line.includes(`"correlator":"${generated}"`)), generated).toBe(true);
    }
    // Not a valid correlator (a space, a +): refused, never echoed, never logged.
    const refused = await call('POST', '/sim-swap/v2/check', { body: { phoneNumber: '+447700900502', maxAge: 24 }, headers: { 'x-correlator': '+44 7700 900001' } });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-correlator')).not.toContain('7700');
  });

  it('fails closed through upstream faults of every kind', async () => {
    const faults = t.network.faults;
    onTestFinished(() => faults.clear());
    faults.add({ phoneNumber: '+447700900501', kind: 'status', status: 502 });
    faults.add({ carrier: 'brightwave', endpoint: 'sim-swap/v2/check', kind: 'status', status: 500 });
    faults.add({ carrier: 'nokia', kind: 'status', status: 503, retryAfter: 7 });
    faults.add({ carrier: 'twilio', kind: 'malformed' });
    faults.add({ carrier: 'vonage', phoneNumber: '+447700900503', kind: 'status', status: 429, retryAfter: 2 });
    faults.add({ carrier: 'vonage', phoneNumber: '+447700900502', kind: 'hang' });
    faults.add({ carrier: 'brightwave', endpoint: 'token', kind: 'status', status: 503, times: 2 });
    faults.add({ carrier: 'albion', endpoint: 'bc-authorize', kind: 'status', status: 500 });
    for (const phoneNumber of ['+447700900501', '+447700900502', '+447700900503', '+447700900003']) {
      const response = await call('POST', '/sim-swap/v2/check', { body: { phoneNumber, maxAge: 24 } });
      expect([200, 502, 503, 504], response.text).toContain(response.status);
    }
    const roaming = await call('POST', '/device-roaming-status/v1/retrieve', { body: { device: { phoneNumber: '+447700900501' } } });
    expect(roaming.status).toBeGreaterThanOrEqual(500);
    const assessment = await call('POST', '/v1/assessments', { body: { phoneNumber: '+447700900503', context: { channel: 'app', riskTier: 'high' } } });
    expect(assessment.status).toBe(200);
    expect(assessment.json.degraded).toBe(true);
  }, 30_000);

  it('runs the Number Verification device flow to its answers and failures', async () => {
    const origins = { gateway: 'http://localhost', mocks: t.network.url };
    const url = await t.listen();
    origins.gateway = url;
    const create = async (phoneNumber: string) => {
      numbersUsed.add(phoneNumber);
      const response = await fetch(`${url}${SESSIONS}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEYS.alpha}`, 'content-type': 'application/json' },
        body: JSON.stringify({ phoneNumber, redirectUri: 'https://app.example/done' }),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as { sessionId: string; authorizationUrl: string };
    };
    const view = async (sessionId: string) => {
      const response = await call('GET', `${SESSIONS}/${sessionId}`);
      errorBodies.push(response.text);
      return response.json;
    };

    const verified = await create('+447700900002');
    await browseAsDevice(verified.authorizationUrl, origins, '100.64.10.2');
    expect((await view(verified.sessionId)).status).toBe('verified');

    const otherLine = await create('+447700900001');
    await browseAsDevice(otherLine.authorizationUrl, origins, '100.64.10.2');
    expect((await view(otherLine.sessionId)).status).toBe('not_verified');

    const overWifi = await create('+447700900002');
    await browseAsDevice(overWifi.authorizationUrl, origins);
    expect((await view(overWifi.sessionId)).status).toBe('failed');

    t.network.faults.add({ carrier: 'albion', endpoint: 'number-verification/v2/verify', kind: 'status', status: 500, times: 1 });
    const operatorDown = await create('+447700900002');
    await browseAsDevice(operatorDown.authorizationUrl, origins, '100.64.10.2');
    expect((await view(operatorDown.sessionId)).problem.code).toBe('UNAVAILABLE');

    const replay = await fetch(`${url}/v1/number-verification/callback?state=forged&code=447700900002`, { headers: { accept: 'application/json' } });
    errorBodies.push(await replay.text());
    expect((await call('POST', SESSIONS, { body: { phoneNumber: '+33612345678' } })).status).toBe(404);
    expect((await call('POST', SESSIONS, { body: { phoneNumber: '+447700900002', redirectUri: 'http://447700900002.example/' } })).status).toBe(400);
  }, 30_000);

  it('refuses keys and rate-limits', async () => {
    expect((await call('POST', '/sim-swap/v2/check', { key: KEYS.alphaRevoked, body: { phoneNumber: '+447700900501' } })).status).toBe(401);
    expect((await call('POST', '/sim-swap/v2/check', { key: KEYS.unknown, body: { phoneNumber: '+447700900501' } })).status).toBe(401);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call('POST', '/sim-swap/v2/check', { key: KEYS.beta, body: { phoneNumber: '+447700900502', maxAge: 24 } })).status);
    expect(statuses.slice(2)).toEqual([429, 429]);
  });
});

describe('what the run wrote', () => {
  it('captured the gateway log, console and both streams', () => {
    const output = captured.join('\n');
    expect(output).toContain('capture check: stdout');
    expect(output).toContain('capture check: stderr');
    expect(output).toMatch(/"msg":"request"/);
    expect(output).toContain('number verification finished');
    expect(output).toContain('revoked api key used');
    expect(captured.filter((line) => line.includes('"msg":"request"')).length).toBeGreaterThan(40);
    expect(errorBodies.length).toBeGreaterThan(20);
  });

  it('holds no E.164 number and no bare digits of any number used, in any output line or error body', () => {
    expect(numbersUsed.size).toBeGreaterThan(15);
    const haystacks: Array<[string, string[]]> = [
      ['output', captured],
      ['error bodies', errorBodies],
    ];
    for (const [what, texts] of haystacks) {
      const text = texts.join('\n');
      expect(text.match(/\+\d[\d ().-]{6,}\d/g), what).toBeNull();
      for (const number of numbersUsed) {
        const digits = number.replace(/\D/g, '');
        const national = digits.slice(-10);
        expect(text.includes(digits), `${what} holds ${number}`).toBe(false);
        expect(text.includes(national), `${what} holds the national digits of ${number}`).toBe(false);
      }
    }
  });
});
