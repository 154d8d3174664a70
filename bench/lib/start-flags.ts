import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function startScript(root: string): string[] {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/);
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
