/**
 * Size limits and untrusted upstream data, end to end: request bodies over the limit are refused
 * before any upstream call; upstream bodies over the cap, redirects and answers that fail zod
 * validation are 'unavailable' (never a definite answer) at every provider of the chain.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../mocks/faults/rule.ts';
import type { TestGateway } from '../support/gateway.ts';
import { BRIGHTWAVE_NUMBER, CHECK, CHECK_PATH, eventually, startFaultGateway } from './support.ts';

let t: TestGateway;
let elsewhere: { server: Server; url: string; hits: number };
beforeAll(async () => {
  t = await startFaultGateway({ cacheTtlSeconds: 0, server: { bodyLimitBytes: 4_096 } });
  // Another host the redirects point at: it must never be asked.
  const server = createServer((_request, response) => {
    elsewhere.hits++;
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"swapped":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  elsewhere = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: 0 };
});
beforeEach(() => {
  t.network.stats.reset();
  t.gateway.engine.breakers.shutdown();
});
afterEach(() => t.network.faults.clear());
afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => elsewhere?.server.close(resolve));
});

describe('request bodies', () => {
  const upstreamCalls = () => Object.values(t.network.stats.snapshot()).reduce((sum, byEndpoint) => sum + Object.values(byEndpoint).reduce((a, b) => a + b, 0), 0);
  const oversized = JSON.stringify({ phoneNumber: BRIGHTWAVE_NUMBER, maxAge: 24, padding: 'x'.repeat(5_000) });

  it('refuses a body over bodyLimitBytes with a CAMARA 413 before any upstream call', async () => {
    const response = await t.post(CHECK_PATH, oversized);
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ status: 413, code: 'CONTENT_TOO_LARGE' });
    expect(upstreamCalls()).toBe(0);
  });

  it('refuses a chunked body (no content-length) that grows over the limit', async () => {
    const bytes = new TextEncoder().encode(oversized);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 1_000) controller.enqueue(bytes.slice(at, at + 1_000));
        controller.close();
      },
    });
    const response = await fetch(t.url + CHECK_PATH, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'CONTENT_TOO_LARGE' });
    expect(upstreamCalls()).toBe(0);
  });
});

describe('untrusted upstream answers, at every provider of the chain', () => {
  /** The carriers of brightwave's range and the stats name of the call behind a SIM Swap check there. */
  const PROVIDERS = { brightwave: CHECK, nokia: 'sim-swap/check', twilio: 'lookup', vonage: 'identity-insights' } as const;
  type Carrier = keyof typeof PROVIDERS;

  const cases = (): Array<[string, Carrier, FaultRuleInput]> =>
    (Object.keys(PROVIDERS) as Carrier[]).flatMap((carrier) => {
      const at = { carrier, endpoint: PROVIDERS[carrier] };
      return [
        [`an oversized body (2 MiB) from ${carrier}`, carrier, { ...at, kind: 'oversized' }],
        [`a redirect to another host from ${carrier}`, carrier, { ...at, kind: 'redirect', location: `${elsewhere.url}/steal` }],
        [`a permanent redirect (308) from ${carrier}`, carrier, { ...at, kind: 'redirect', status: 308, location: `${elsewhere.url}/steal` }],
        [`an answer of the wrong types from ${carrier}`, carrier, { ...at, kind: 'wrong_type' }],
        [`truncated JSON from ${carrier}`, carrier, { ...at, kind: 'malformed' }],
      ] satisfies Array<[string, Carrier, FaultRuleInput]>;
    });

  it('each provider answers the check definitely when nothing is wrong (the control for the cases below)', async () => {
    // Twilio's SIM swap package does not cover brightwave's lines: its definite answer is 422.
    const expected = { brightwave: 200, nokia: 200, twilio: 422, vonage: 200 };
    for (const carrier of Object.keys(PROVIDERS) as Carrier[]) {
      const response = await t.post(CHECK_PATH, { phoneNumber: '+447700900501', maxAge: 72 }, { 'x-numtrust-provider': carrier });
      expect({ carrier, status: response.status }).toEqual({ carrier, status: expected[carrier] });
      expect({ carrier, calls: t.network.stats.get(carrier, PROVIDERS[carrier]) }).toEqual({ carrier, calls: 1 });
    }
  });

  it('is never a definite answer: 503 UNAVAILABLE, not retried, redirects not followed', async () => {
    for (const [name, carrier, fault] of cases()) {
      t.network.stats.reset();
      elsewhere.hits = 0;
      const id = t.network.faults.add(fault).id;
      const response = await t.post(CHECK_PATH, { phoneNumber: '+447700900501', maxAge: 72 }, { 'x-numtrust-provider': carrier });
      t.network.faults.remove(id);
      expect({ name, status: response.status, code: response.body?.code }).toEqual({ name, status: 503, code: 'UNAVAILABLE' });
      expect({ name, hitsElsewhere: elsewhere.hits }).toEqual({ name, hitsElsewhere: 0 });
      // One call: a garbled answer is not retried.
      expect({ name, calls: t.network.stats.get(carrier, PROVIDERS[carrier]) }).toEqual({ name, calls: 1 });
    }
  });

  it('stops reading an oversized body at the cap: the operator sees the body abandoned', async () => {
    t.network.faults.add({ carrier: 'brightwave', endpoint: CHECK, kind: 'oversized', sizeBytes: 16 * 1024 * 1024 });
    const response = await t.post(CHECK_PATH, { phoneNumber: BRIGHTWAVE_NUMBER, maxAge: 24 }, { 'x-numtrust-provider': 'brightwave' });
    expect(response.status).toBe(503);
    await eventually(() => t.network.stats.get('brightwave', 'aborted') === 1, 'the rest of the body was never read');
  });
});
