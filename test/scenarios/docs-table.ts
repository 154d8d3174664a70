/** Renders the scenario table of docs/scoring.md from SCENARIOS (the suite's own expectations). */
import { RISK_TIERS } from '../../src/engine/assessment/policy.ts';
import { SCENARIOS } from './scenarios.ts';

export const TABLE_START = '<!-- scenarios:start (generated from test/scenarios/scenarios.ts; test/scenarios/docs-table.test.ts keeps it equal) -->';
export const TABLE_END = '<!-- scenarios:end -->';

export function renderScenarioTable(): string {
  const header = `| | scenario | channel | inbound call | ${RISK_TIERS.map((tier) => `${tier} risk`).join(' | ')} |`;
  const rule = `|---|---|---|---|${RISK_TIERS.map(() => '---').join('|')}|`;
  const rows = SCENARIOS.map(
    (scenario) =>
      `| ${scenario.kind} | ${scenario.title} | ${scenario.channel} | ${scenario.inboundCall ? 'yes' : 'no'} | ${RISK_TIERS.map((tier) => scenario.expected[tier]).join(' | ')} |`,
  );
  return [TABLE_START, header, rule, ...rows, TABLE_END].join('\n');
}
