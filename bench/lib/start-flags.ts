import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface Scripts {
  start: string;
  prestart?: string;
}

function scriptsOf(root: string): Scripts {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Scripts }).scripts;
}

function startScript(root: string): string[] {
  return scriptsOf(root).start.split(/\s+/);
}

/** The Node flags `npm start` of a checkout passes (its package.json's start script): the benches run the gateway as it does. */
export function startScriptFlags(root = '.'): string[] {
  return startScript(root).filter((word) => word.startsWith('--'));
}

/** The environment the start script sets before it runs Node (`NAME=value exec node …`). */
export function startScriptEnv(root = '.'): Record<string, string> {
  const words = startScript(root);
  const assignments = words.slice(0, Math.max(0, words.indexOf('exec'))).filter((word) => /^[A-Z_][A-Z0-9_]*=/.test(word));
  return Object.fromEntries(assignments.map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]));
}

const prepared = new Set<string>();

/**
 * The file the start script runs (its last word, relative to the checkout), after running the
 * checkout's `prestart` (the build `npm start` runs first) once per checkout and bench process.
 * An earlier commit without one ran its TypeScript as it is.
 */
export function startScriptEntry(root = '.'): string {
  const { prestart } = scriptsOf(root);
  if (prestart && !prepared.has(resolve(root))) {
    const [command, ...args] = prestart.split(/\s+/);
    if (command !== 'node') throw new Error(`prestart is not a node script: ${prestart}`);
    execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
    prepared.add(resolve(root));
  }
  return startScript(root).at(-1)!;
}
