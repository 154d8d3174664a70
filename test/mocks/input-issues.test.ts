/**
 * Input the mock network refuses is described in sentences that name the field (the gateway's
 * phrases), never zod's own text: the admin API, carrier settings, fault rules and headers, and
 * the carriers' own request bodies.
 */
import { describe, expect, it } from 'vitest';
import { TELESIGN_DEV_API_KEY, TELESIGN_DEV_CUSTOMER_ID } from '../../mocks/carriers/telesign/dev-credentials.ts';
import { RAW_VALIDATION_TEXT } from '../support/raw-validation-text.ts';
import { bearer, clientCredentialsToken, postJson, send, useHarness, type JsonReply } from './support/harness.ts';

const h = useHarness();
const world = () => `${h.net.url}/_world`;

function expectSentence(reply: JsonReply, status: number, text: string, sentence: RegExp): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(text).toMatch(sentence);
  expect(text).not.toMatch(RAW_VALIDATION_TEXT);
}

describe('the admin API', () => {
  it.each([
    ['a field of the wrong type', { operator: 5, reachable: [] }, /operator must be a string/],
    ['a missing required field', { operator: 'albion' }, /reachable is required: a list of DATA and SMS/],
    ['a value outside an enum', { operator: 'albion', reachable: ['VOICE'] }, /reachable\.0 must be one of "DATA" or "SMS"/],
    ['a service named twice', { operator: 'albion', reachable: [], forwarding: ['unconditional', 'unconditional'] }, /forwarding must not name a service twice/],
    ['a bad country', { operator: 'albion', reachable: [], roaming: { country: 'gb' } }, /roaming\.country must be an ISO 3166-1 alpha-2 country code/],
  ])('PUT /_world/subscribers/{n}: %s', async (_label, body, sentence) => {
    const reply = await send('PUT', `${world()}/subscribers/%2B447700900001`, body);
    expectSentence(reply, 400, reply.body.message, sentence);
  });

  it('POST /_world/faults and PUT /_world/carriers/{id}/settings', async () => {
    const fault = await send('POST', `${world()}/faults`, { carrier: 'twilio', kind: 'status', status: 'often' });
    expectSentence(fault, 400, fault.body.message, /status must be a number/);
    // A discriminated union names the tags it knows.
    const kind = await send('POST', `${world()}/faults`, { carrier: 'twilio', kind: 'sometimes' });
    expectSentence(kind, 400, kind.body.message, /kind must be one of "status", "latency", .* or "redirect"/);
    const settings = await send('PUT', `${world()}/carriers/telesign/settings`, { activeCallStatusCountries: ['gb'], dateToleranceSeconds: 'long' });
    expectSentence(settings, 400, settings.body.message, /activeCallStatusCountries\.0 must be an ISO 3166-1 alpha-2 country code/);
    expect(settings.body.message).toMatch(/dateToleranceSeconds must be a number/);
  });
});

describe("the carriers' own requests", () => {
  it('a malformed x-mock-fault header', async () => {
    const reply = await send('GET', `${h.base('twilio')}/v2/PhoneNumbers/+447700900001`, undefined, { 'x-mock-fault': 'status=abc' });
    expectSentence(reply, 400, JSON.stringify(reply.body), /status must be a number/);
  });

  it('a CAMARA operation body', async () => {
    const token = await clientCredentialsToken(h);
    const reply = await postJson(`${h.base('brightwave')}/sim-swap/v2/check`, { phoneNumber: 447700900501, maxAge: 'a day' }, bearer(token));
    expectSentence(reply, 400, reply.body.message, /phoneNumber must be a string.*maxAge must be a number/);
  });

  it('a Telesign PhoneID body', async () => {
    const reply = await postJson(`${h.base('telesign')}/v1/phoneid/447700900001`, { addons: { sim_swap: {} }, consent: { method: 1 } }, {
      authorization: `Basic ${Buffer.from(`${TELESIGN_DEV_CUSTOMER_ID}:${TELESIGN_DEV_API_KEY}`).toString('base64')}`,
    });
    expectSentence(reply, 400, reply.body.errors[0].description, /consent\.timestamp is required/);
  });
});
