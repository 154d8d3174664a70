/**
 * One truth about Node versions: package.json's `engines` lies within what every locked dependency
 * asks for (so `npm ci` on a Node it allows prints no EBADENGINE), the README states that range,
 * the CLI's launcher hands over to the pinned Node below the same minimum, and the pinned Node
 * that runs every npm script is inside it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface LockedPackage {
  version?: string;
  engines?: { node?: string };
  os?: string[];
  cpu?: string[];
}

const manifest = JSON.parse(read('package.json')) as { engines: { node: string }; devDependencies: Record<string, string> };
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockedPackage> };
const engines = manifest.engines.node;
const minimum = semver.minVersion(engines)!;

/** Platform builds (esbuild, sharp, workerd…) install only where os/cpu match: judged only when present. */
function installsHere(path: string, locked: LockedPackage): boolean {
  return (!locked.os && !locked.cpu) || existsSync(join(ROOT, path));
}

describe('Node versions', () => {
  it('engines asks for no Node that a locked dependency refuses', () => {
    const demands = Object.entries(lock.packages).filter(
      (entry): entry is [string, LockedPackage & { engines: { node: string } }] =>
        entry[0] !== '' && typeof entry[1].engines?.node === 'string' && installsHere(entry[0], entry[1]),
    );
    const refusing = demands
      .filter(([, locked]) => !semver.subset(engines, locked.engines.node))
      .map(([path, locked]) => `${path.replace(/^.*node_modules\//, '')} wants ${locked.engines.node}`);
    expect(refusing).toEqual([]);
    // A rule over nothing would pass forever: undici (a runtime dependency) is among the demands.
    expect(demands.map(([path]) => path)).toContain('node_modules/undici');
  });

  it('the README states the engines range and its minimum', () => {
    const readme = read('README.md');
    expect(readme).toContain(`\`engines\`: \`${engines}\``);
    expect(readme).toContain(`Requires Node.js ${minimum.major}.${minimum.minor} or newer`);
  });

  it('the CLI launcher hands over to the pinned Node below the same minimum', () => {
    const launcher = /const MINIMUM_NODE = \[(\d+), (\d+)\];/.exec(read('bin/numtrust.js'));
    expect(launcher?.slice(1).map(Number)).toEqual([minimum.major, minimum.minor]);
    expect(minimum.patch).toBe(0);
  });

  it('the pinned Node that runs the npm scripts is one engines allows', () => {
    expect(semver.satisfies(manifest.devDependencies.node!, engines)).toBe(true);
    expect(semver.satisfies(process.versions.node, engines)).toBe(true);
  });
});
