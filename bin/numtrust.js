#!/usr/bin/env node
// The CLI is TypeScript run by Node's type stripping (Node ≥ 22.18). `npx numtrust` and
// `npm run cli` put the project's pinned Node 24 first on PATH. Started by an older Node
// (`node bin/numtrust.js` with the machine's Node 20), it hands over to the pinned one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  const pinned = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(pinned)) {
    process.stderr.write(
      `numtrust needs Node 22.18 or newer to run TypeScript (this is ${process.version}), and the project's\n` +
        'pinned Node is not installed: run `npm install` (without --ignore-scripts) in the repository.\n',
    );
    process.exit(2);
  }
  const run = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
await import('../src/cli/main.ts');
