/**
 * Where the official CAMARA files are looked for: CAMARA_SPECS_DIR alone when it is set, else
 * ../shared/camara-specs beside the checkout, else .camara-specs/ in it (where `npm run
 * specs:fetch` puts them by default; git-ignored).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingIn } from './files.ts';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED_SPECS_DIR = resolve(REPOSITORY, '../shared/camara-specs');
export const LOCAL_SPECS_DIR = resolve(REPOSITORY, '.camara-specs');

export function specsDirCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  return env.CAMARA_SPECS_DIR ? [resolve(env.CAMARA_SPECS_DIR)] : [SHARED_SPECS_DIR, LOCAL_SPECS_DIR];
}

export interface SpecsLocation {
  /** The first candidate holding every pinned file; undefined when none does. */
  dir: string | undefined;
  searched: string[];
}

export function locateSpecs(env: NodeJS.ProcessEnv = process.env): SpecsLocation {
  const searched = specsDirCandidates(env);
  return { dir: searched.find((dir) => missingIn(dir).length === 0), searched };
}

/** The one line a run without the files prints: what is skipped and how to get them. */
export function specsMissingLine(searched: readonly string[]): string {
  return (
    `official CAMARA OpenAPI files not found in ${searched.join(' or ')}: the tests that need them are skipped. ` +
    'Get them with `npm run specs:fetch` (needs network), or set CAMARA_SPECS_DIR to a directory that has them.'
  );
}
