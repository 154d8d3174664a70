/**
 * docs/examples/client/node.ts against a real embedded gateway on 127.0.0.1: the example's flow
 * (assess, read the record, record an outcome, a typed error) as a reader of docs/client.md runs it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExample } from '../../docs/examples/client/node.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t?.close());

describe('the Node example of numtrust/client', () => {
  it('assesses a swapped number, reads its record, records the outcome and gets a typed error back', async () => {
    const lines: string[] = [];
    const { assessed, record, recorded, invalid } = await runExample({ baseUrl: t.url, apiKey: t.apiKey, log: (line) => lines.push(line) });

    expect(assessed.error).toBeUndefined();
    expect(assessed.data).toMatchObject({ recommendation: 'deny', correlator: 'example-call-0001' });
    expect(assessed.response?.headers.get('x-correlator')).toBe('example-call-0001');
    expect(record).toMatchObject({ assessmentId: assessed.data!.assessmentId, maskedNumber: expect.stringMatching(/01$/) });
    expect(recorded?.outcome?.outcome).toBe('fraud_confirmed');
    expect(invalid?.error).toEqual({ status: 400, code: 'INVALID_ARGUMENT', message: expect.any(String) });
    expect(lines[0]).toMatch(/^deny \(confidence \d/);
    expect(lines.at(-1)).toBe('rejected: 400 INVALID_ARGUMENT');
  });
});
