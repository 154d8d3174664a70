/**
 * numtrust/client on Node, against the embedded gateway of `npm start` (docs/client.md):
 *
 *   npm start                                   # prints the development API key
 *   NUMTRUST_API_KEY=<that key> npx node docs/examples/client/node.ts
 *
 * NUMTRUST_URL moves the gateway (default http://127.0.0.1:8080). It assesses a demo number whose
 * SIM was swapped 3 hours ago, reads the assessment's record, records what the call turned out to
 * be, and shows a typed error. test/client/node-example.test.ts runs it against a real gateway.
 */
import { createNumtrustClient, dataOrThrow } from 'numtrust/client';

const SWAPPED_3_HOURS_AGO = '+447700900001';

export async function runExample(options: { baseUrl: string; apiKey: string; log?: (line: string) => void }) {
  const log = options.log ?? console.log;
  const numtrust = createNumtrustClient({ baseUrl: options.baseUrl, apiKey: options.apiKey });

  // 1. The verdict, before an agent changes the customer's address.
  const assessed = await numtrust.assess(
    { phoneNumber: SWAPPED_3_HOURS_AGO, context: { channel: 'agent', action: 'change_address' } },
    { correlator: 'example-call-0001' },
  );
  if (assessed.error) {
    // Fail closed: without a verdict the request is treated as untrusted.
    log(`no verdict (${assessed.error.status} ${assessed.error.code}): ${assessed.error.message}`);
    return { assessed };
  }
  const verdict = assessed.data;
  log(`${verdict.recommendation} (confidence ${verdict.confidence}): ${verdict.reasons.map((reason) => reason.code).join(', ')}`);

  // 2. The record, as an agent desktop reads it later (the number masked).
  const record = dataOrThrow(await numtrust.getAssessment(verdict.assessmentId));
  log(`record ${record.assessmentId} for ${record.maskedNumber}, kept until ${record.expiresAt}`);

  // 3. What the call turned out to be, for the fraud statistics.
  const recorded = dataOrThrow(await numtrust.recordOutcome(verdict.assessmentId, { outcome: 'fraud_confirmed' }));
  log(`outcome recorded: ${recorded.outcome?.outcome}`);

  // 4. A typed error: a number that is not E.164 is INVALID_ARGUMENT, returned, not thrown.
  const invalid = await numtrust.simSwap.check({ phoneNumber: '07700 900001', maxAge: 24 });
  if (invalid.error) log(`rejected: ${invalid.error.status} ${invalid.error.code}`);

  return { assessed, record, recorded, invalid };
}

if (import.meta.main) {
  const apiKey = process.env.NUMTRUST_API_KEY;
  if (!apiKey) {
    console.error('Set NUMTRUST_API_KEY to the key `npm start` printed.');
    process.exit(2);
  }
  await runExample({ baseUrl: process.env.NUMTRUST_URL ?? 'http://127.0.0.1:8080', apiKey });
}
