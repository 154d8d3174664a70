import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Node flags `npm start` of a checkout passes (its package.json's start script): the benches run the gateway as it does. */
export function startScriptFlags(root = '.'): string[] {
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  return script.split(/\s+/).filter((word) => word.startsWith('--'));
}
