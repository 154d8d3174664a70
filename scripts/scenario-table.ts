/**
 * Writes the scenario table of docs/scoring.md from test/scenarios/scenarios.ts (the suite's own
 * expectations), between its markers: `node scripts/scenario-table.ts`. The docs-table test fails
 * until the two agree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderScenarioTable, TABLE_END, TABLE_START } from '../test/scenarios/docs-table.ts';

const path = new URL('../docs/scoring.md', import.meta.url);
const doc = readFileSync(path, 'utf8');
const start = doc.indexOf(TABLE_START);
const end = doc.indexOf(TABLE_END);
if (start < 0 || end < 0) throw new Error('docs/scoring.md has no scenario table markers');
writeFileSync(path, doc.slice(0, start) + renderScenarioTable() + doc.slice(end + TABLE_END.length));
