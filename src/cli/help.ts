import { GLOBAL_OPTIONS, THEN } from './argv.ts';
import type { Command, OptionSpec } from './command.ts';
import { COMMANDS, GROUPS } from './commands/index.ts';
import { UsageError } from './errors.ts';

function optionLines(specs: Readonly<Record<string, OptionSpec>>): string[] {
  const labels = Object.entries(specs).map(([name, spec]) => `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`);
  const width = Math.max(...labels.map((label) => label.length));
  return Object.values(specs).map((spec, index) => `  ${labels[index]!.padEnd(width)}  ${spec.help}`);
}

function commandLines(commands: readonly Command[]): string[] {
  const labels = commands.map((command) => `${command.name} ${command.synopsis.replace(/ ?\[options\]$/, '')}`.trim());
  const width = Math.max(...labels.map((label) => label.length));
  return commands.map((command, index) => `  ${labels[index]!.padEnd(width)}  ${command.summary}`);
}

const EXIT_CODES = 'Exit codes: 0 ok; 1 the gateway or the mocks answered an error; 2 usage error; 3 nothing (usable) answered.';

export function generalHelp(): string {
  return [
    'numtrust: ask a numtrust gateway about phone numbers, and drive the mock carriers\' world',
    '',
    `Usage: numtrust [options] <command> [arguments] [options] [${THEN} <command> …]`,
    '',
    'Commands:',
    ...commandLines(COMMANDS),
    '  help [command]',
    '',
    'Options (any command):',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    `Chain commands with "${THEN}": one target, run in order, stopping at the first failure.`,
    `  numtrust --embedded world set +447700900002 --sim-changed "10 minutes ago" ${THEN} assess +447700900002`,
    '',
    EXIT_CODES,
    'More: docs/cli.md',
  ].join('\n');
}

function groupHelp(group: string): string {
  return [`Usage: numtrust ${group} <${COMMANDS.filter((command) => command.name.startsWith(`${group} `)).map((command) => command.name.split(' ')[1]).join('|')}> …`, '', ...commandLines(COMMANDS.filter((command) => command.name.startsWith(`${group} `))), '', `numtrust help ${group} <command> for its options.`].join('\n');
}

export function commandHelp(command: Command): string {
  return [
    `Usage: numtrust ${command.name}${command.synopsis ? ` ${command.synopsis}` : ''}`,
    '',
    `${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`,
    ...(command.details?.length ? ['', ...command.details] : []),
    ...(command.options ? ['', 'Options:', ...optionLines(command.options)] : []),
    ...(command.examples?.length ? ['', 'Examples:', ...command.examples.map((example) => `  ${example}`)] : []),
    '',
    'Every command also takes --gateway, --key, --mocks, --embedded and --json (numtrust help).',
  ].join('\n');
}

export function helpFor(topic: string | undefined): string {
  if (topic === undefined) return generalHelp();
  if (GROUPS.includes(topic)) return groupHelp(topic);
  const command = COMMANDS.find((candidate) => candidate.name === topic);
  if (!command) throw new UsageError(`no help for "${topic}": not a command`);
  return commandHelp(command);
}
