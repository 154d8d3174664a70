/** `npx numtrust …` / `npm run cli -- …` (through bin/numtrust.js). Usage: docs/cli.md. */
import { runCli } from './run.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
});
