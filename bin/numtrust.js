#!/usr/bin/env node
// The CLI is TypeScript run by Node's type stripping, on a Node that package.json's `engines`
// allows (undici, a runtime dependency, asks for 22.19). `npx numtrust` and `npm run cli` put the
// project's pinned Node 24 first on PATH. Started by an older Node (`node bin/numtrust.js` with
// a machine's Node 20), it hands over to the pinned one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Major and minor of the lowest version `engines` allows (test/unit/node-versions.test.ts keeps them equal). */
const MINIMUM_NODE = [22, 19];

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor < MINIMUM_NODE[1])) {
  const pinned = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(pinned)) {
    process.stderr.write(
      `numtrust needs Node ${MINIMUM_NODE.join('.')} or newer (this is ${process.version}), and the project's\n` +
        'pinned Node is not installed: run `npm install` (without --ignore-scripts) in the repository.\n',
    );
    process.exit(2);
  }
  const run = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
await import('../src/cli/main.ts');
