/**
 * Twilio's voice webhook through a real gateway on 127.0.0.1: requests signed as Twilio signs them
 * (the official `twilio` package computes the reference signature), TwiML per recommendation, and
 * the tenant's fallback whenever there is no verdict to act on.
 */
import twilio from 'twilio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { silentSharedState } from '../support/silent-shared-state.ts';
import { embeddedTwilioWebhook } from '../../src/runtime/embedded.ts';

const TOKEN = '0123456789abcdef0123456789abcdef';
const PATH = '/v1/voice/twilio/default';
const PUBLIC = 'https://voice.numtrust.example';
const WORKFLOW = 'WW0123456789abcdef0123456789abcdef';

/** A call as Twilio posts it; From is the caller. */
const callFrom = (from: string): Record<string, string> => ({
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  CallSid: 'CA0123456789abcdef0123456789abcdef',
  From: from,
  To: '+442079460000',
  Direction: 'inbound',
  CallStatus: 'ringing',
  ApiVersion: '2010-04-01',
});

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({
    configure: (config) => ({
      ...config,
      voice: { publicUrl: PUBLIC },
      tenants: config.tenants.map((tenant) => ({
        ...tenant,
        voice: {
          twilio: {
            authToken: TOKEN,
            action: 'change_address',
            deadlineMs: 2_000,
            answers: {
              allow: { verb: 'redirect', url: 'https://flows.example/allow?flow=1' },
              step_up: { verb: 'redirect', url: 'https://flows.example/step-up', say: 'One more check, <please> & thanks.' },
              specialist: { verb: 'enqueue', workflowSid: WORKFLOW },
              deny: { verb: 'hangup', say: 'Sorry.' },
            },
            fallback: { verb: 'redirect', url: 'https://flows.example/no-numtrust' },
          },
        },
      })),
    }),
  });
});
afterEach(() => t.network.faults.clear());
afterAll(() => t?.close());

interface Sent {
  path?: string;
  signedUrl?: string;
  signature?: string | null;
  /** The body's parameter order, when not the object's. */
  body?: string;
}

async function call(params: Record<string, string>, sent: Sent = {}) {
  const path = sent.path ?? PATH;
  const signedUrl = sent.signedUrl ?? PUBLIC + path;
  const signature = sent.signature === undefined ? twilio.getExpectedTwilioSignature(TOKEN, signedUrl, params) : sent.signature;
  const response = await fetch(t.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
    body: sent.body ?? new URLSearchParams(params).toString(),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const taskOf = (twiml: string) => JSON.parse(twiml.match(/<Task>(.*)<\/Task>/)![1]!.replaceAll('&quot;', '"').replaceAll('&amp;', '&'));
const redirectOf = (twiml: string) => new URL(twiml.match(/<Redirect method="POST">(.*)<\/Redirect>/)![1]!.replaceAll('&amp;', '&'));

describe('the signature', () => {
  it('a request signed as Twilio signs it is answered TwiML; the reference validator agrees with what was signed', async () => {
    const params = callFrom('+447700900005');
    const signature = twilio.getExpectedTwilioSignature(TOKEN, PUBLIC + PATH, params);
    expect(twilio.validateRequest(TOKEN, signature, PUBLIC + PATH, params)).toBe(true);
    const answer = await call(params);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expect(answer.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response>/);
  });

  it('the parameters in another order are the same signed request', async () => {
    const params = callFrom('+447700900005');
    const reordered = new URLSearchParams(Object.entries(params).reverse()).toString();
    expect((await call(params, { body: reordered })).status).toBe(200);
  });

  it.each([
    ['no signature', { signature: null }],
    ['an empty signature', { signature: '' }],
    ['a signature under another token', { signature: twilio.getExpectedTwilioSignature('f'.repeat(32), PUBLIC + PATH, callFrom('+447700900005')) }],
    ['a signature of the URL Twilio did not call (the internal origin)', { signedUrl: t?.url ?? 'http://127.0.0.1' }],
    ['a signature of another path', { signedUrl: `${PUBLIC}/v1/voice/twilio/other` }],
    ['a signature without the query the URL has', { path: `${PATH}?action=balance_inquiry`, signedUrl: PUBLIC + PATH }],
    ['an unknown tenant', { path: '/v1/voice/twilio/nobody', signedUrl: `${PUBLIC}/v1/voice/twilio/nobody` }],
    ['a tenant named like an Object.prototype member', { path: '/v1/voice/twilio/constructor', signedUrl: `${PUBLIC}/v1/voice/twilio/constructor` }],
  ] as Array<[string, Sent]>)('403 for %s, with nothing to learn from it', async (_name, sent) => {
    const answer = await call(callFrom('+447700900005'), sent);
    expect(answer.status).toBe(403);
    expect(answer.text).toBe('Forbidden');
  });

  it('a tampered parameter breaks the signature', async () => {
    const params = callFrom('+447700900005');
    const signature = twilio.getExpectedTwilioSignature(TOKEN, PUBLIC + PATH, params);
    expect((await call({ ...params, From: '+447700900001' }, { signature })).status).toBe(403);
  });

  it('accepts the public URL with its default port, as a proxy may pass it on', async () => {
    const params = callFrom('+447700900005');
    expect((await call(params, { signedUrl: `${PUBLIC}:443${PATH}` })).status).toBe(200);
  });
});

describe('TwiML per recommendation', () => {
  it('allow: a redirect to the tenant flow, the verdict in nt_ parameters, its own query kept', async () => {
    const answer = await call(callFrom('+447700900005'));
    const target = redirectOf(answer.text);
    expect(target.origin + target.pathname).toBe('https://flows.example/allow');
    expect(Object.fromEntries(target.searchParams)).toMatchObject({
      flow: '1',
      nt_recommendation: 'allow',
      nt_degraded: 'false',
      nt_action: 'change_address',
      nt_assessmentId: answer.headers.get('x-numtrust-assessment-id'),
      nt_agentScreenUrl: answer.headers.get('x-numtrust-agent-screen'),
    });
    expect(target.searchParams.get('nt_reasonCodes')).toContain('CALLER_ON_CALL');
    // The agent's link is on the configured public origin, like the webhook.
    expect(answer.headers.get('x-numtrust-agent-screen')).toMatch(new RegExp(`^${PUBLIC}/agent/calls/`));
  });

  it('step_up: the say text XML-escaped, then the redirect', async () => {
    const answer = await call(callFrom('+447700900008'));
    expect(answer.text).toContain('<Say>One more check, &lt;please&gt; &amp; thanks.</Say><Redirect method="POST">https://flows.example/step-up?nt_recommendation=step_up&amp;');
  });

  it('specialist (the action from the signed URL): enqueued with the verdict in the task attributes', async () => {
    const path = `${PATH}?action=payment`;
    const answer = await call(callFrom('+447700900006'), { path, signedUrl: PUBLIC + path });
    expect(answer.text).toContain(`<Enqueue workflowSid="${WORKFLOW}"><Task>`);
    const { numtrust } = taskOf(answer.text);
    expect(numtrust).toMatchObject({ recommendation: 'specialist', action: 'payment', assessmentId: answer.headers.get('x-numtrust-assessment-id') });
    expect(numtrust.reasonCodes).toContain('CALL_DIRECTION_MISMATCH');
    expect(Object.values(numtrust).every((value) => typeof value === 'string')).toBe(true);
  });

  it('deny (the SIM swapped hours ago): said, then hung up; the verdict is kept under its id', async () => {
    const answer = await call(callFrom('+447700900001'));
    expect(answer.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say>Sorry.</Say><Hangup/></Response>');
    const record = await fetch(`${t.url}/v1/assessments/${answer.headers.get('x-numtrust-assessment-id')}`, { headers: { authorization: `Bearer ${t.apiKey}` } });
    expect(await record.json()).toMatchObject({ recommendation: 'deny', maskedNumber: '••••••••01', policy: { channel: 'ivr', inboundCall: true } });
  });
});

describe('the fallback: a call is never dropped because of numtrust', () => {
  const FALLBACK = '<?xml version="1.0" encoding="UTF-8"?><Response><Redirect method="POST">https://flows.example/no-numtrust?nt_fallback=true</Redirect></Response>';

  it('when every provider hangs, by the deadline', async () => {
    t.network.faults.add({ kind: 'hang' });
    const answer = await call(callFrom('+447700900502'));
    expect(answer).toMatchObject({ status: 200, text: FALLBACK });
    expect(answer.headers.get('x-numtrust-assessment-id')).toBeNull();
  });

  it.each(['anonymous', 'client:alice', 'sip:alice@example.com', '', '+0'])('for a caller id that is no number: %j', async (from) => {
    expect(await call(callFrom(from))).toMatchObject({ status: 200, text: FALLBACK });
  });

  it('for an outbound call, and for an action the tenant does not have', async () => {
    expect(await call({ ...callFrom('+447700900005'), Direction: 'outbound-api' })).toMatchObject({ status: 200, text: FALLBACK });
    const path = `${PATH}?action=teleport`;
    expect(await call(callFrom('+447700900005'), { path, signedUrl: PUBLIC + path })).toMatchObject({ status: 200, text: FALLBACK });
  });

  it('never logs a caller number', () => {
    const log = t.logLines.join('\n');
    expect(log).toContain('twilio webhook answered its fallback');
    for (const digits of ['447700900005', '447700900001', '447700900502', '7700900']) expect(log).not.toContain(digits);
  });
});

describe('the fallback when the shared store does not answer', () => {
  let down: TestGateway;
  beforeAll(async () => {
    down = await startTestGateway({
      sharedState: silentSharedState(),
      // A daily cap, so that every upstream call needs the store.
      configure: (config) => ({ ...config, tenants: config.tenants.map((tenant) => ({ ...tenant, dailyUpstreamCap: 1_000, voice: { twilio: embeddedTwilioWebhook(TOKEN) } })) }),
    });
  });
  afterAll(() => down?.close());

  it('answers the fallback TwiML, not an error', async () => {
    const params = callFrom('+447700900001');
    const url = down.url + PATH;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, url, params) },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say>numtrust could not assess this call.</Say></Response>');
  });
});
