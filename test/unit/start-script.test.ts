/**
 * `npm start` runs what scripts/build-node.ts builds: the `prestart` script builds it and `start`
 * runs the entry it names (the real process is then tested by the tests that start it, through
 * test/support/gateway-build.ts, which builds the same way).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_ENTRY, NODE_OUTDIR } from '../../scripts/build-node.ts';

const scripts = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('the start script', () => {
  it('builds first, then runs the built entry with the memory settings scaling.md documents', () => {
    expect(scripts.prestart).toBe('node scripts/build-node.ts');
    const words = scripts.start!.split(/\s+/);
    expect(words.at(-1)).toBe(`${NODE_OUTDIR}/${NODE_ENTRY}`);
    expect(words).toEqual(expect.arrayContaining(['MALLOC_ARENA_MAX=2', 'exec', 'node', '--max-semi-space-size=16', '--heap-growing-percent=30']));
  });
});
