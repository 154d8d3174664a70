/**
 * The IVR examples of docs/ivr.md, run against a real gateway on 127.0.0.1: the Amazon Connect
 * Lambda handler as Connect invokes it, and the Genesys Cloud data action applied as Genesys
 * applies it (its request template, then its translation map and success template over the
 * gateway's real answer, checked against its output contract).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

const EXAMPLES = fileURLToPath(new URL('../../docs/examples/ivr/', import.meta.url));

type Flat = Record<string, string>;

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t?.close());

/** A Connect contact-flow event (the fields the handler reads, and some it does not). */
const connectEvent = (caller: string, action?: string) => ({
  Name: 'ContactFlowEvent',
  Details: {
    ContactData: {
      Channel: 'VOICE',
      ContactId: '4a573372-1f28-4e26-b97b-000000000001',
      InitiationMethod: 'INBOUND',
      CustomerEndpoint: { Address: caller, Type: 'TELEPHONE_NUMBER' },
      SystemEndpoint: { Address: '+442079460000', Type: 'TELEPHONE_NUMBER' },
      Attributes: {},
    },
    Parameters: action ? { action } : {},
  },
});

describe('the Amazon Connect Lambda', () => {
  let handler: (event: unknown) => Promise<Flat>;
  beforeAll(async () => {
    process.env.NUMTRUST_URL = t.url;
    process.env.NUMTRUST_API_KEY = t.apiKey;
    process.env.NUMTRUST_ACTION = 'change_address';
    process.env.NUMTRUST_TIMEOUT_MS = '5000';
    ({ handler } = (await import(`${EXAMPLES}connect-lambda.mjs`)) as { handler: typeof handler });
  });
  afterAll(() => {
    for (const name of ['NUMTRUST_URL', 'NUMTRUST_API_KEY', 'NUMTRUST_ACTION', 'NUMTRUST_TIMEOUT_MS']) delete process.env[name];
  });

  const expectFlat = (answer: Flat) => {
    for (const [name, value] of Object.entries(answer)) expect(typeof value, name).toBe('string');
  };

  it('returns the verdict as flat string contact attributes', async () => {
    const attributes = await handler(connectEvent('+447700900001'));
    expectFlat(attributes);
    expect(attributes).toMatchObject({ recommendation: 'deny', action: 'change_address', callId: '4a573372-1f28-4e26-b97b-000000000001' });
    expect(attributes.agentScreenUrl).toMatch(new RegExp(`^${t.url}/agent/calls/${attributes.assessmentId}\\?t=`));
    // The flow's own `action` parameter wins over the function's default.
    const inquiry = await handler(connectEvent('+447700900005', 'balance_inquiry'));
    expect(inquiry).toMatchObject({ action: 'balance_inquiry', tier: 'low' });
  });

  it('a withheld caller id or an unreachable gateway: "unavailable", still flat strings, never a throw', async () => {
    const withheld = await handler(connectEvent('anonymous'));
    expectFlat(withheld);
    expect(withheld).toMatchObject({ recommendation: 'unavailable', numtrustError: 'INVALID_ARGUMENT', degraded: 'true' });
    process.env.NUMTRUST_URL = 'http://127.0.0.1:1';
    const unreachable = await handler(connectEvent('+447700900001')).finally(() => (process.env.NUMTRUST_URL = t.url));
    expect(unreachable).toMatchObject({ recommendation: 'unavailable', numtrustError: 'UNREACHABLE' });
  });
});

interface DataAction {
  contract: { input: { inputSchema: { required: string[] } }; output: { successSchema: { required: string[]; properties: Record<string, { type: string }> } } };
  config: {
    request: { requestUrlTemplate: string; requestType: string; headers: Record<string, string>; requestTemplate: string };
    response: { translationMap: Record<string, string>; translationMapDefaults: Record<string, string>; successTemplate: string };
  };
}

/** The Velocity this action uses: ${input.x}, ${credentials.x}, $esc.jsonString(...); anything else left over fails. */
function velocity(template: string, scope: { input: Record<string, string>; credentials: Record<string, string> }): string {
  const value = (namespace: 'input' | 'credentials', name: string) => {
    const found = scope[namespace][name];
    if (found === undefined) throw new Error(`no ${namespace}.${name}`);
    return found;
  };
  const out = template
    .replace(/\$esc\.jsonString\(\$\{(input|credentials)\.(\w+)\}\)/g, (_match, namespace: 'input' | 'credentials', name: string) => JSON.stringify(value(namespace, name)).slice(1, -1))
    .replace(/\$\{(input|credentials)\.(\w+)\}/g, (_match, namespace: 'input' | 'credentials', name: string) => value(namespace, name));
  expect(out).not.toMatch(/\$[{a-z]/);
  return out;
}

/** Translation map (JSONPath `$.field`, defaults as JSON literals), then the success template with each value as JSON. */
function translated(response: DataAction['config']['response'], raw: Record<string, unknown>): unknown {
  const values: Record<string, unknown> = {};
  for (const [name, path] of Object.entries(response.translationMap)) {
    const field = /^\$\.(\w+)$/.exec(path)?.[1];
    expect(field, path).toBeDefined();
    const found = raw[field!];
    values[name] = found !== undefined ? found : JSON.parse(response.translationMapDefaults[name] ?? 'null');
  }
  const text = response.successTemplate.replace(/\$\{(\w+)\}/g, (_match, name: string) => JSON.stringify(values[name]));
  return JSON.parse(text);
}

describe('the Genesys Cloud data action', () => {
  it('its request reaches the gateway; its translation of the real answer meets its output contract', async () => {
    const action = JSON.parse(await readFile(`${EXAMPLES}genesys-data-action.json`, 'utf8')) as DataAction;
    const input = { callerNumber: '+447700900001', conversationId: 'b7c4f1de-52c1-4f37-9e3c-2c4a9f1b0c11', action: 'change_address' };
    for (const name of action.contract.input.inputSchema.required) expect(input).toHaveProperty(name);
    const scope = { input, credentials: { numtrustUrl: t.url, apiKey: t.apiKey } };
    const { request } = action.config;
    const response = await fetch(velocity(request.requestUrlTemplate, scope), {
      method: request.requestType,
      headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== 'Transfer-Encoding').map(([name, value]) => [name, velocity(value, scope)])),
      body: velocity(request.requestTemplate, scope),
    });
    expect(response.status).toBe(200);
    const raw = (await response.json()) as Record<string, unknown>;
    expect(raw.callId).toBe(input.conversationId);

    const output = translated(action.config.response, raw) as Record<string, unknown>;
    const { required, properties } = action.contract.output.successSchema;
    for (const name of required) expect(output, name).toHaveProperty(name);
    for (const [name, schema] of Object.entries(properties)) expect(typeof output[name], name).toBe(schema.type);
    expect(output).toMatchObject({ recommendation: 'deny', degraded: 'false', assessmentId: raw.assessmentId });
    expect(String(output.reasonCodes).split(',')).toContain('SIM_SWAP_HOURS');
  });
});
