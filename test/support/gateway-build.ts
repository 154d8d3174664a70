/**
 * Vitest global setup: builds the gateway once per run, as `npm start` builds it
 * (scripts/build-node.ts), into a directory of its own under build/ (ignored by git; inside the
 * project, where the built modules' imports of npm packages resolve). Tests that start the real process
 * (gateway-process.ts) run that file; the directory is removed when the run ends.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildNodeRuntime } from '../../scripts/build-node.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    builtGateway: string;
  }
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export default function buildGateway(project: TestProject): () => void {
  mkdirSync(join(ROOT, 'build'), { recursive: true });
  const outdir = mkdtempSync(join(ROOT, 'build', 'test-'));
  project.provide('builtGateway', buildNodeRuntime(outdir));
  return () => rmSync(outdir, { recursive: true, force: true });
}
