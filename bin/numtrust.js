#!/usr/bin/env node
// The CLI is TypeScript run by Node's type stripping (Node ≥ 22.18). `npx numtrust` and
// `npm run cli` put the project's pinned Node 24 first on PATH; anything older gets a clear hint.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `numtrust needs Node 22.18 or newer to run TypeScript (this is ${process.version}).\n` +
      'Run it from the repository with `npx numtrust …` or `npm run cli -- …`: both use the project\'s Node 24.\n',
  );
  process.exit(2);
}
await import('../src/cli/main.ts');
