/**
 * Vitest global setup: when the official CAMARA files are not found, says so once per run, with
 * how to get them (the tests that need them are skipped; `npm run specs:check` makes CI require them).
 */
import { locateSpecs, specsMissingLine } from '../../scripts/camara-specs/locate.ts';

export default function noticeMissingSpecs(): void {
  const { dir, searched } = locateSpecs();
  if (!dir) console.warn(`\n[numtrust] ${specsMissingLine(searched)}\n`);
}
