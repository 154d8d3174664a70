/**
 * docs/errors.md lists every status and code the gateway can answer: each code the source raises
 * (`new CamaraError('X'`, `camaraError('X'`) and each status and code the OpenAPI document lists
 * for any route must have its row, `| <status> | <CODE> |`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CAMARA_CODES, type CamaraCode } from '../../src/errors.ts';
import { documentedErrors, operationsOf, referenceApp } from '../openapi/support.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RAISED = /\b(?:new CamaraError|camaraError)\(\s*'([A-Z_]+)'/g;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => join(entry.parentPath, entry.name));
}

async function documentedRows(): Promise<Set<string>> {
  const text = await readFile(join(ROOT, 'docs/errors.md'), 'utf8');
  return new Set([...text.matchAll(/^\| (\d{3}) \| ([A-Z_]+) \|/gm)].map(([, status, code]) => `${status} ${code}`));
}

describe('docs/errors.md', () => {
  it('has a row for every code the source raises', async () => {
    const rows = await documentedRows();
    const raised = new Set<string>();
    for (const file of await sourceFiles(join(ROOT, 'src'))) {
      for (const [, code] of (await readFile(file, 'utf8')).matchAll(RAISED)) raised.add(`${CAMARA_CODES[code as CamaraCode]} ${code}`);
    }
    expect(raised.size).toBeGreaterThan(15);
    expect([...raised].filter((row) => !rows.has(row))).toEqual([]);
  });

  it('has a row for every status and code the OpenAPI document lists', async () => {
    const rows = await documentedRows();
    const app = await referenceApp();
    try {
      const listed = new Set(operationsOf(await app.document()).flatMap(([, , operation]) => documentedErrors(operation)));
      expect([...listed].filter((row) => !rows.has(row))).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
