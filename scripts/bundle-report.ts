/**
 * What the Worker bundle is made of: reads the esbuild metafile that `npm run build:worker` writes
 * (dist/bundle-meta.json) and prints the bundle's bytes per npm package and per project directory.
 *
 *   npm run build:worker && npm run bundle:report
 */
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

const META = process.argv[2] ?? 'dist/bundle-meta.json';
const BUNDLE = process.argv[3] ?? 'dist/worker.js';

/** `node_modules/@scope/name/...` → `@scope/name`; project files → their top directory; esbuild's virtual modules → their namespace. */
function ownerOf(input: string): string {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at >= 0) return parts[at + 1]!.startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1]!;
  if (input.includes(':')) return input.split(':')[0]!;
  return parts.length > 1 ? `${parts[0]}/ (project)` : `${input} (project)`;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

if (import.meta.main) {
  const meta = JSON.parse(readFileSync(META, 'utf8')) as Metafile;
  const byOwner = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      byOwner.set(ownerOf(input), (byOwner.get(ownerOf(input)) ?? 0) + bytesInOutput);
    }
  }
  const bundle = readFileSync(BUNDLE);
  console.log(`${BUNDLE}: ${kib(statSync(BUNDLE).size)}, gzip ${kib(gzipSync(bundle).length)}`);
  const total = [...byOwner.values()].reduce((sum, bytes) => sum + bytes, 0);
  for (const [owner, bytes] of [...byOwner].sort((a, b) => b[1] - a[1])) {
    console.log(`${kib(bytes).padStart(11)}  ${((100 * bytes) / total).toFixed(1).padStart(5)} %  ${owner}`);
  }
}
