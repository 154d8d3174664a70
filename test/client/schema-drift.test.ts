/**
 * client/schema.d.ts is generated from the gateway's OpenAPI document; it must never drift from it.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateSchema, OUT_OF_DATE, SCHEMA_FILE } from '../../tools/client-generator/generate.ts';

describe('numtrust/client types', () => {
  it('client/schema.d.ts is what `npm run client:generate` writes from the current routes', async () => {
    const committed = await readFile(SCHEMA_FILE, 'utf8');
    expect(committed === (await generateSchema()), OUT_OF_DATE).toBe(true);
  });
});
