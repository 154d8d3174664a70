/**
 * prom-client is Node-only: nothing the Worker entry imports, directly or through other modules,
 * may reach it or the module built on it (`npm run build:worker` would bundle it). Follows every
 * static and dynamic import of the project's own files from src/runtime/worker.ts; type-only
 * imports count too (stricter than the bundler, which drops them).
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*'([^']+)'/g;

/** Every project file reachable from `entry`, and every package specifier those files import. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (specifier!.startsWith('.')) pending.push(resolve(dirname(file), specifier!));
      else packages.add(specifier!);
    }
  }
  return { files, packages };
}

describe('the Worker bundle', () => {
  it('reaches neither prom-client nor src/observability/prometheus.ts, but does carry the observer', () => {
    const { files, packages } = importGraph(resolve(ROOT, 'src/runtime/worker.ts'));
    const reached = [...files].map((file) => relative(ROOT, file));
    expect(reached).toContain('src/observability/observer.ts');
    expect(reached).not.toContain('src/observability/prometheus.ts');
    expect([...packages].filter((name) => name.startsWith('prom-client'))).toEqual([]);
  });

  it('is checked the same way for Node, where the import is found', () => {
    const { packages } = importGraph(resolve(ROOT, 'src/runtime/node.ts'));
    expect(packages).toContain('prom-client');
  });
});
