/** POST /v1/ivr/prescreen through a real gateway: flat string values only, CAMARA 400s, fail closed. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterEach(() => t.network.faults.clear());
afterAll(() => t?.close());

const prescreen = (body: unknown) => t.post('/v1/ivr/prescreen', body);

describe('POST /v1/ivr/prescreen', () => {
  it('answers one flat object of strings: the verdict, its reasons, its record and the agent’s link', async () => {
    const answer = await prescreen({ callerNumber: '+447700900001', calledNumber: '+442079460000', callId: 'connect-contact-1', action: 'change_address', deadlineMs: 5_000 });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    for (const [field, value] of Object.entries(answer.body)) expect(typeof value, field).toBe('string');
    expect(answer.body).toMatchObject({ recommendation: 'deny', degraded: 'false', action: 'change_address', tier: 'high', callId: 'connect-contact-1' });
    expect(answer.body.confidence).toMatch(/^\d+$/);
    expect(answer.body.reasonCodes.split(',')).toEqual(expect.arrayContaining(['SIM_SWAP_HOURS', 'CALLER_NOT_ON_CALL']));
    expect(answer.body.agentScreenUrl).toMatch(new RegExp(`^${t.url}/agent/calls/${answer.body.assessmentId}\\?t=`));
    expect(JSON.stringify(answer.body)).not.toContain('7700900001');
    const record = await fetch(`${t.url}/v1/assessments/${answer.body.assessmentId}`, { headers: { authorization: `Bearer ${t.apiKey}` } });
    expect(await record.json()).toMatchObject({ recommendation: 'deny', policy: { channel: 'ivr', inboundCall: true, action: 'change_address' } });
  });

  it('422 MISSING_IDENTIFIER without callerNumber, as every route answers a body without its number', async () => {
    const answer = await prescreen({ action: 'change_address' });
    expect(answer.body).toEqual({ status: 422, code: 'MISSING_IDENTIFIER', message: expect.stringMatching(/^callerNumber is required/) });
  });

  it.each([
    [{ callerNumber: 'anonymous', action: 'change_address' }, 'callerNumber must be a string in E.164 format'],
    [{ callerNumber: '+447700900001' }, 'action is required.'],
    [{ callerNumber: '+447700900001', action: 'teleport' }, 'context.action "teleport" is not one of this tenant\'s actions'],
    [{ callerNumber: '+447700900001', action: 'payment', callId: 'has spaces' }, 'callId must be printable ASCII without spaces.'],
    [{ callerNumber: '+447700900001', action: 'payment', nested: { a: 1 } }, 'The request body has an unknown property "nested".'],
    [{ phoneNumber: '+447700900001', action: 'payment' }, 'send it as callerNumber'],
  ])('400 INVALID_ARGUMENT for %j', async (body, message) => {
    const answer = await prescreen(body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ status: 400, code: 'INVALID_ARGUMENT', message: expect.stringContaining(message) });
  });

  it('fails closed when every provider hangs: degraded, never allowed, answered by the deadline', async () => {
    t.network.faults.add({ kind: 'hang' });
    const answer = await prescreen({ callerNumber: '+447700900502', action: 'change_address', deadlineMs: 300 });
    expect(answer.status).toBe(200);
    expect(answer.body.degraded).toBe('true');
    expect(answer.body.recommendation).not.toBe('allow');
    for (const value of Object.values(answer.body)) expect(typeof value).toBe('string');
  });
});
