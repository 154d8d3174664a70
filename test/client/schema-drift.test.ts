/**
 * client/schema.d.ts is generated from the gateway's OpenAPI document; it must never drift from it,
 * and the generator must read the document the gateway serves.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { gatewayDocument, generateSchema, OUT_OF_DATE, SCHEMA_FILE } from '../../tools/client-generator/generate.ts';
import { referenceApp } from '../openapi/support.ts';

describe('numtrust/client types', () => {
  it('client/schema.d.ts is what `npm run client:generate` writes from the current routes', async () => {
    const committed = await readFile(SCHEMA_FILE, 'utf8');
    expect(committed === (await generateSchema()), OUT_OF_DATE).toBe(true);
  });

  it('the generator reads the document npm start serves at /openapi.json (but for the version)', async () => {
    const ref = await referenceApp();
    try {
      const served = await ref.document();
      const generated = gatewayDocument() as typeof served;
      expect({ ...generated, info: { ...generated.info, version: served.info.version } }).toEqual(served);
    } finally {
      await ref.close();
    }
  });
});
