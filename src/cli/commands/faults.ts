import { FaultHeaderError, FAULT_HEADER, parseFaultHeader } from '../../../mocks/faults/header.ts';
import { FAULT_KINDS, MATCH_FIELDS } from '../../../mocks/faults/rule.ts';
import { integer, jsonObject, phoneNumber, positionals } from '../arguments.ts';
import type { ActionCommand } from '../command.ts';
import { UsageError } from '../errors.ts';
import { cell, table } from '../table.ts';

type FaultRule = Record<string, unknown> & { id: string; kind: string };

function parametersText(rule: FaultRule): string {
  return Object.entries(rule)
    .filter(([name]) => !MATCH_FIELDS.includes(name))
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ');
}

function rulesTable(rules: readonly FaultRule[]): string {
  if (rules.length === 0) return 'no fault rules';
  return table(
    ['ID', 'CARRIER', 'ENDPOINT', 'NUMBER', 'KIND', 'PARAMETERS', 'TIMES LEFT'],
    rules.map((rule) => [rule.id, cell(rule.carrier ?? '*'), cell(rule.endpoint ?? '*'), cell(rule.phoneNumber ?? '*'), rule.kind, parametersText(rule) || '-', cell(rule.times)]),
  );
}

export const faultsListCommand: ActionCommand = {
  name: 'faults list',
  summary: 'fault rules in force on the mock carriers',
  synopsis: '',
  prepare({ args }) {
    positionals(args, [], 'faults list');
    return async (services) => {
      const rules = (await services.mocks().call('GET', '/_world/faults')).body as FaultRule[];
      return { json: rules, text: rulesTable(rules) };
    };
  },
};

const ADD = 'faults add';

/** The fault in the x-mock-fault header's words ("status=503; retry-after=2"), or a whole rule as JSON. */
function ruleOf(fault: string): Record<string, unknown> {
  if (fault.trimStart().startsWith('{')) return jsonObject(fault, 'the fault rule', ADD);
  try {
    const { id: _header, ...rule } = parseFaultHeader(fault);
    return rule;
  } catch (error) {
    if (error instanceof FaultHeaderError) throw new UsageError(`${ADD}: ${error.message.replace(`invalid ${FAULT_HEADER} header: `, '')}`, ADD);
    throw error;
  }
}

export const faultsAddCommand: ActionCommand = {
  name: ADD,
  summary: 'make mock carrier requests misbehave (status, latency, hang, reset, malformed…)',
  synopsis: '<fault> [options]',
  details: [
    `<fault> is written as the ${FAULT_HEADER} header (mocks/README.md): kind[=value][; parameter=value]…,`,
    `kinds: ${FAULT_KINDS.join(', ')}. Or give a whole rule as a JSON object.`,
    'Without --carrier, --endpoint or --number the rule matches every carrier request.',
  ],
  options: {
    carrier: { type: 'string', value: 'ID', help: 'albion, brightwave, liberty, twilio, telesign, vonage, nokia' },
    endpoint: { type: 'string', value: 'NAME', help: 'endpoint as counted in the stats: token, sim-swap/v2/check…' },
    number: { type: 'string', value: 'E164', help: 'only requests about this number' },
    times: { type: 'string', value: 'N', help: 'apply to this many requests, then expire' },
  },
  examples: [
    'numtrust faults add "status=503; retry-after=2" --carrier albion --times 1',
    'numtrust faults add latency=800 --carrier twilio --endpoint token',
    `numtrust faults add '{"carrier":"telesign","kind":"reset","afterBytes":20}'`,
  ],
  prepare({ args, options }) {
    const [fault] = positionals(args, ['fault'], ADD);
    const number = options.number as string | undefined;
    const match = {
      ...(options.carrier !== undefined ? { carrier: options.carrier } : {}),
      ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
      ...(number !== undefined ? { phoneNumber: phoneNumber(number, ADD) } : {}),
      ...(options.times !== undefined ? { times: integer(options.times as string, 'times', ADD) } : {}),
    };
    const input = { ...ruleOf(fault!), ...match };
    return async (services) => {
      const rule = (await services.mocks().call('POST', '/_world/faults', input)).body as FaultRule;
      return { json: rule, text: rulesTable([rule]) };
    };
  },
};

export const faultsClearCommand: ActionCommand = {
  name: 'faults clear',
  summary: 'remove one fault rule, or all of them',
  synopsis: '[<id>]',
  prepare({ args }) {
    if (args.length > 1) positionals(args, ['id'], 'faults clear');
    const [id] = args;
    return async (services) => {
      await services.mocks().call('DELETE', id === undefined ? '/_world/faults' : `/_world/faults/${encodeURIComponent(id)}`);
      return { json: { cleared: id ?? 'all' }, text: id === undefined ? 'every fault rule removed' : `fault rule ${id} removed` };
    };
  },
};

export const FAULTS_COMMANDS = [faultsListCommand, faultsAddCommand, faultsClearCommand];
