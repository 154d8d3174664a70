/**
 * Which code may import which, read from the import statements of every module:
 * - adapters depend on the contract (src/contract/) and nothing else of src/;
 * - the contract depends on nothing of the project outside itself;
 * - src/resilience never imports adapters/;
 * - only src/runtime/ and the CLI's embedded mode import mocks/ (the CLI's `faults` commands also
 *   speak the mocks' fault grammar, mocks/faults/header.ts and rule.ts, which they parse before
 *   sending anything);
 * - only src/runtime/ imports the Redis client and the Workers runtime (`cloudflare:*`, the Durable
 *   Objects): the shared state elsewhere is the runtime-free port.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function modulesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** Every relative import of a module, as paths from the repository root. */
function importsOf(module: string): string[] {
  const text = readFileSync(join(ROOT, module), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => relative(ROOT, resolve(ROOT, dirname(module), (match[1] ?? match[2])!)));
}

function violations(modules: string[], forbidden: (target: string, module: string) => boolean): string[] {
  return modules.flatMap((module) => importsOf(module).filter((target) => forbidden(target, module)).map((target) => `${module} → ${target}`));
}

const under = (path: string, dir: string) => path.startsWith(`${dir}/`);

describe('dependency rules', () => {
  it('adapters import nothing of src/ but the contract', () => {
    expect(violations(modulesUnder('adapters'), (target) => under(target, 'src') && !under(target, 'src/contract'))).toEqual([]);
  });

  it('the contract imports nothing of the project outside itself', () => {
    expect(violations(modulesUnder('src/contract'), (target) => !under(target, 'src/contract'))).toEqual([]);
  });

  it('src/resilience never imports adapters/', () => {
    expect(violations(modulesUnder('src/resilience'), (target) => under(target, 'adapters'))).toEqual([]);
  });

  it('only src/runtime/ and the CLI’s embedded mode import mocks/', () => {
    const FAULT_GRAMMAR = new Set(['mocks/faults/header.ts', 'mocks/faults/rule.ts']);
    const allowed = (target: string, module: string) =>
      under(module, 'src/runtime') ||
      module === 'src/cli/embedded.ts' ||
      (module === 'src/cli/commands/faults.ts' && FAULT_GRAMMAR.has(target));
    expect(violations(modulesUnder('src'), (target, module) => under(target, 'mocks') && !allowed(target, module))).toEqual([]);
  });

  it.each([
    ['the Redis client', "@redis/client['\"]", 'src/runtime/redis-connection.ts'],
    ['the Workers runtime (cloudflare:*)', 'cloudflare:', 'src/runtime/durable-objects/tenant-limits.ts'],
  ])('only src/runtime/ imports %s', (_name, specifier, knownImporter) => {
    const PACKAGE = new RegExp(`(?:^|\\n)\\s*(?:import|export)\\s[^'"]*?from\\s*['"]${specifier}|import\\(\\s*['"]${specifier}`);
    const importers = ['src', 'adapters', 'mocks'].flatMap(modulesUnder).filter((module) => PACKAGE.test(readFileSync(join(ROOT, module), 'utf8')));
    expect(importers.filter((module) => !under(module, 'src/runtime'))).toEqual([]);
    expect(importers).toContain(knownImporter);
  });

  it('reads the imports it judges (a rule on nothing would pass forever)', () => {
    expect(importsOf('src/engine/executor.ts')).toContain('src/contract/signals.ts');
    expect(modulesUnder('adapters').length).toBeGreaterThan(20);
  });
});
