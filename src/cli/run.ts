import packageJson from '../../package.json' with { type: 'json' };
import { parseInvocation, scriptSteps, type Step } from './argv.ts';
import { AnsweredError, EXIT, UnreachableError, UsageError, exitCodeOf } from './errors.ts';
import { helpFor } from './help.ts';
import { maskKey, openTarget, type Target, type TargetOptions } from './target.ts';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

/** Runs one command line; resolves the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const invocation = parseInvocation(argv);
    if (invocation.kind === 'help') {
      if (invocation.unasked) {
        io.err(helpFor(invocation.topic));
        return EXIT.usage;
      }
      io.out(helpFor(invocation.topic));
      return EXIT.ok;
    }
    if (invocation.kind === 'version') {
      io.out(`${packageJson.version} (Node ${process.version})`);
      return EXIT.ok;
    }
    const { steps, target } = expandScripts(invocation.steps, invocation.target);
    return await runSteps(steps, target, invocation.json, io);
  } catch (error) {
    report(error, false, io);
    return exitCodeOf(error);
  }
}

/** A script command (demo) runs alone, on the embedded network. */
function expandScripts(steps: Step[], target: TargetOptions): { steps: Step[]; target: TargetOptions } {
  const script = steps.find((step) => 'script' in step.command);
  if (!script || !('script' in script.command)) return { steps, target };
  const name = script.command.name;
  if (steps.length > 1) throw new UsageError(`${name} runs alone, not in a chain`, name);
  if (script.input.args.length > 0 || Object.values(script.input.options).some((value) => value !== undefined)) {
    throw new UsageError(`${name} takes no arguments`, name);
  }
  if (target.gateway || target.key || target.mocks) throw new UsageError(`${name} runs on the embedded network: drop --gateway, --key and --mocks`, name);
  return { steps: scriptSteps(script.command.script), target: { embedded: true } };
}

async function runSteps(steps: readonly Step[], options: TargetOptions, json: boolean, io: CliIo): Promise<number> {
  // Every step's arguments are checked before anything is started or sent.
  const actions = steps.map((step) => {
    if ('script' in step.command) throw new UsageError(`${step.command.name} runs alone, not in a chain`, step.command.name);
    return step.command.prepare(step.input);
  });
  const target: Target = await openTarget(options, io.env);
  try {
    for (const [index, action] of actions.entries()) {
      if (steps.length > 1 && !json) io.out(`${index > 0 ? '\n' : ''}$ numtrust ${shellWords(steps[index]!.words)}\n`);
      try {
        const output = await action(target);
        io.out(json ? JSON.stringify(output.json, null, 2) : output.text);
        if (output.exitCode) return output.exitCode;
      } catch (error) {
        report(error, json, io);
        return exitCodeOf(error);
      }
    }
    return EXIT.ok;
  } finally {
    await target.close();
  }
}

function report(error: unknown, json: boolean, io: CliIo): void {
  if (error instanceof UsageError) {
    io.err(`numtrust: ${error.message}`);
    io.err(`Run "numtrust help${error.helpFor ? ` ${error.helpFor}` : ''}" for usage.`);
  } else if (error instanceof AnsweredError) {
    io.err(`numtrust: the ${error.service} answered ${error.status} ${error.code}: ${error.message}`);
    if (json) io.out(JSON.stringify(error.body, null, 2));
  } else if (error instanceof UnreachableError) {
    io.err(`numtrust: ${error.message}`);
  } else {
    io.err(`numtrust: unexpected error: ${(error as Error).message}`);
    if (io.env.NUMTRUST_DEBUG) io.err(String((error as Error).stack));
  }
}

/** The words as a shell would need them, to show what ran; an API key given with --key shows masked. */
function shellWords(words: readonly string[]): string {
  const shown = words.map((word, index) => {
    if (words[index - 1] === '--key') return maskKey(word);
    return word.startsWith('--key=') ? `--key=${maskKey(word.slice('--key='.length))}` : word;
  });
  return shown.map((word) => (/^[\w+@%=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`)).join(' ');
}
