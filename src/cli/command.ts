import type { JsonService } from './http.ts';

/** One option of a command, as node:util parseArgs takes it, with its help line. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder in the help ("NAME", "HOURS"). */
  value?: string;
  help: string;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface CommandInput {
  /** Positional arguments after the command's name. */
  args: string[];
  options: OptionValues;
}

/** What a command answers: the raw JSON (--json) and its readable form. */
export interface CommandOutput {
  json: unknown;
  text: string;
  /** Set when the command ran but its finding is a failure (status: the gateway does not answer). */
  exitCode?: number;
}

export interface TargetInfo {
  mode: 'remote' | 'embedded';
  gatewayUrl: string;
  mocksUrl: string;
  apiKey: string | undefined;
  /** Signs the calls `numtrust call` plays (env NUMTRUST_TWILIO_AUTH_TOKEN; the embedded gateway's own). */
  twilioAuthToken?: string | undefined;
}

/** The services a command talks to; asking for the gateway without an API key is a usage error. */
export interface Services {
  info: TargetInfo;
  gateway(): JsonService;
  mocks(): JsonService;
}

/** A command's work once its arguments are checked: talk to the services, answer. */
export type Action = (services: Services) => Promise<CommandOutput>;

interface CommandBase {
  /** One word, or a group and a word ("world set"). */
  name: string;
  summary: string;
  /** The arguments after the name, for the usage line: "<number> [options]". */
  synopsis: string;
  details?: readonly string[];
  options?: Readonly<Record<string, OptionSpec>>;
  examples?: readonly string[];
}

export interface ActionCommand extends CommandBase {
  /**
   * Checks the arguments (throwing UsageError) before anything is sent, so a chain with a
   * mistake in its last step changes nothing.
   */
  prepare(input: CommandInput): Action;
}

/** A command that is a script of other commands, run on the embedded network (numtrust demo). */
export interface ScriptCommand extends CommandBase {
  script: ReadonlyArray<readonly string[]>;
}

export type Command = ActionCommand | ScriptCommand;
