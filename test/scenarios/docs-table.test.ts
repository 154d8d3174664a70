import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderScenarioTable, TABLE_END, TABLE_START } from './docs-table.ts';

it('docs/scoring.md shows exactly the scenario suite’s expected recommendations', () => {
  const doc = readFileSync(new URL('../../docs/scoring.md', import.meta.url), 'utf8');
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  expect(start, 'table markers in docs/scoring.md').toBeGreaterThanOrEqual(0);
  expect(doc.slice(start, end + TABLE_END.length)).toBe(renderScenarioTable());
});
