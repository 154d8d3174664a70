/**
 * The Node gateway as `npm start` runs it: src/runtime/node.ts and every module of ours it imports,
 * as plain JavaScript (build/node/, one .js file for each .ts, the same tree). tsc only removes
 * the types (tsconfig.build.json: no type check, relative imports renamed to .js); npm packages
 * are imported from node_modules as usual.
 *
 * Why not run the TypeScript as it is: Node's type stripper is WebAssembly that keeps ~17 MiB for
 * the life of the process, and stripping the files takes time at every start. Built, an embedded
 * gateway listens in ~0.65 s with ~120 MiB RSS, against ~0.9 s and ~152 MiB (docs/benchmarks.md,
 * sixth session). Not an esbuild bundle: with it the cached assessment cost 5-8 % more CPU (the
 * cause not isolated; the likeliest is that bundling turns every top-level `const` into a `var`).
 *
 *   node scripts/build-node.ts [outdir]        (npm start runs it first: the `prestart` script)
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const NODE_OUTDIR = 'build/node';
/** The file `node` runs, in the output directory. */
export const NODE_ENTRY = 'src/runtime/node.js';
const TSC = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');

/** Builds the Node runtime afresh into `outdir` (relative to the project, or absolute); returns the file to run. */
export function buildNodeRuntime(outdir: string = NODE_OUTDIR): string {
  const directory = isAbsolute(outdir) ? outdir : join(ROOT, outdir);
  // Afresh: a module since removed from the sources must not linger in the build.
  rmSync(directory, { recursive: true, force: true });
  execFileSync(process.execPath, [TSC, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', directory], { cwd: ROOT, stdio: 'inherit' });
  return join(outdir, NODE_ENTRY);
}

if (import.meta.main) buildNodeRuntime(process.argv[2]);
