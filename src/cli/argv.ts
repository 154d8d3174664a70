/**
 * The command line: `numtrust [options] <command> [arguments] [options] [then <command> …]`.
 * Parsed with node:util parseArgs, one `then`-separated step at a time: first loosely, to find
 * the command, then strictly with the global options and that command's own.
 */
import { parseArgs } from 'node:util';
import type { Command, CommandInput, OptionSpec } from './command.ts';
import { COMMANDS, GROUPS } from './commands/index.ts';
import { UsageError } from './errors.ts';
import { DEFAULT_GATEWAY_URL, DEFAULT_MOCKS_URL, type TargetOptions } from './target.ts';

/** The word that separates the steps of a chain. */
export const THEN = 'then';

/** Options every command takes; the target ones apply to the whole run. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  gateway: { type: 'string', value: 'URL', help: `the gateway (env NUMTRUST_URL; default ${DEFAULT_GATEWAY_URL})` },
  key: { type: 'string', value: 'KEY', help: 'its API key (env NUMTRUST_API_KEY)' },
  mocks: { type: 'string', value: 'URL', help: `the mock carriers, for world and faults (env NUMTRUST_MOCKS_URL; default ${DEFAULT_MOCKS_URL})` },
  embedded: { type: 'boolean', help: 'start the mock carriers and a gateway in this process (127.0.0.1, ephemeral ports) for this run' },
  json: { type: 'boolean', help: 'print the raw JSON answers' },
  help: { type: 'boolean', short: 'h', help: 'show help (also: numtrust help <command>)' },
  version: { type: 'boolean', help: 'print the version' },
};

export interface Step {
  command: Command;
  input: CommandInput;
  /** The words as typed, to show before each step's answer in a chain. */
  words: readonly string[];
}

export type Invocation =
  /** `unasked`: no command at all, a usage error (the help goes to stderr, exit 2). */
  | { kind: 'help'; topic: string | undefined; unasked?: true }
  | { kind: 'version' }
  | { kind: 'run'; steps: Step[]; target: TargetOptions; json: boolean };

type ParseArgsOptions = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parseArgsOptions(specs: Readonly<Record<string, OptionSpec>>): ParseArgsOptions {
  return Object.fromEntries(Object.entries(specs).map(([name, { type, short }]) => [name, short ? { type, short } : { type }]));
}

const LOOSE = parseArgsOptions(GLOBAL_OPTIONS);

/** parseArgs' own messages suggest `--` tricks; say what is wrong and for which command. */
function usageErrorOf(error: unknown, command: string): UsageError {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1] ?? message;
    return new UsageError(`${command}: unknown option ${option}`, command);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError(`${command}: ${message}`, command);
  return error as UsageError;
}

/** The command the first positional words name; a group without a known second word is a usage error. */
function commandNamed(words: readonly string[]): Command {
  const [first = '', second] = words;
  if (GROUPS.includes(first)) {
    const members = COMMANDS.filter((command) => command.name.startsWith(`${first} `)).map((command) => command.name.split(' ')[1]);
    const command = COMMANDS.find((candidate) => candidate.name === `${first} ${second}`);
    if (!command) {
      const given = second === undefined ? 'needs' : `has no "${second}"; it takes`;
      throw new UsageError(`${first} ${given} one of: ${members.join(', ')}`, first);
    }
    return command;
  }
  const command = COMMANDS.find((candidate) => candidate.name === first);
  if (!command) throw new UsageError(`unknown command "${first}"; see numtrust help`);
  return command;
}

type Parsed = { kind: 'help'; topic: string | undefined; unasked?: true } | { kind: 'version' } | { kind: 'step'; step: Step; values: Record<string, unknown> };

function parseSegment(segment: readonly string[]): Parsed {
  let loose: { values: Record<string, unknown>; positionals: string[] };
  try {
    loose = parseArgs({ args: [...segment], options: LOOSE, strict: false, allowPositionals: true });
  } catch (error) {
    throw usageErrorOf(error, 'numtrust');
  }
  const words = loose.positionals;
  if (words[0] === 'help') return { kind: 'help', topic: words.slice(1).join(' ') || undefined };
  if (words.length === 0) {
    if (loose.values.version && !loose.values.help) return { kind: 'version' };
    return loose.values.help ? { kind: 'help', topic: undefined } : { kind: 'help', topic: undefined, unasked: true };
  }
  if (loose.values.help) {
    const group = GROUPS.includes(words[0]!) && !COMMANDS.some((command) => command.name === `${words[0]} ${words[1]}`);
    return { kind: 'help', topic: group ? words[0] : commandNamed(words).name };
  }

  const command = commandNamed(words);
  let strict: { values: Record<string, unknown>; positionals: string[] };
  try {
    strict = parseArgs({ args: [...segment], options: { ...LOOSE, ...parseArgsOptions(command.options ?? {}) }, strict: true, allowPositionals: true });
  } catch (error) {
    throw usageErrorOf(error, command.name);
  }
  const nameWords = command.name.split(' ');
  if (nameWords.some((word, index) => strict.positionals[index] !== word)) {
    throw new UsageError(`${command.name}: put options after "${command.name}"`, command.name);
  }
  const options = Object.fromEntries(Object.entries(strict.values).filter(([name]) => !Object.hasOwn(GLOBAL_OPTIONS, name))) as CommandInput['options'];
  return {
    kind: 'step',
    step: { command, input: { args: strict.positionals.slice(nameWords.length), options }, words: segment },
    values: strict.values,
  };
}

function splitSteps(argv: readonly string[]): string[][] {
  const segments: string[][] = [[]];
  for (const word of argv) {
    if (word === THEN) segments.push([]);
    else segments.at(-1)!.push(word);
  }
  if (segments.length > 1 && segments.some((segment) => segment.length === 0)) {
    throw new UsageError(`"${THEN}" goes between two commands`);
  }
  return segments;
}

/** Target options may be given in any step; the same option twice must agree. */
function mergeTarget(all: ReadonlyArray<Record<string, unknown>>): TargetOptions {
  const target: Record<string, unknown> = {};
  for (const values of all) {
    for (const name of ['gateway', 'key', 'mocks', 'embedded'] as const) {
      const value = values[name];
      if (value === undefined) continue;
      if (target[name] !== undefined && target[name] !== value) throw new UsageError(`--${name} is given twice with different values`);
      target[name] = value;
    }
  }
  return target;
}

export function parseInvocation(argv: readonly string[]): Invocation {
  const parsed = splitSteps(argv).map(parseSegment);
  const first = parsed[0]!;
  if (parsed.length === 1 && first.kind !== 'step') return first;
  const steps: Array<Extract<Parsed, { kind: 'step' }>> = [];
  for (const item of parsed) {
    if (item.kind !== 'step') throw new UsageError(`help and --version do not go in a chain of commands`);
    steps.push(item);
  }
  return {
    kind: 'run',
    steps: steps.map(({ step }) => step),
    target: mergeTarget(steps.map(({ values }) => values)),
    json: steps.some(({ values }) => values.json === true),
  };
}

/** A script command's steps, parsed like typed ones. */
export function scriptSteps(script: ReadonlyArray<readonly string[]>): Step[] {
  return script.map((segment) => {
    const parsed = parseSegment(segment);
    if (parsed.kind !== 'step') throw new Error(`script step "${segment.join(' ')}" is not a command`);
    return parsed.step;
  });
}
