/**
 * `npm run specs:check`: fails unless the official CAMARA files are where the tests look and are
 * the pinned ones (SHA-256). CI runs it before the tests, which would otherwise skip what needs them.
 */
import { existsSync } from 'node:fs';
import { OFFICIAL_SPEC_FILES } from '../camara-specs/official-files.ts';
import { missingIn, problemsIn } from './camara-specs/files.ts';
import { locateSpecs } from './camara-specs/locate.ts';

const HOW = 'Get them with `npm run specs:fetch` (needs network), or set CAMARA_SPECS_DIR to a directory that has them.';
const { dir, searched } = locateSpecs();
const problems = dir ? problemsIn(dir) : [];
if (!dir) {
  console.error(`The official CAMARA OpenAPI files are required here and were not found in ${searched.join(' or ')}.`);
  for (const candidate of searched.filter((path) => existsSync(path))) {
    console.error(`  ${candidate} lacks: ${missingIn(candidate).map((file) => file.path).join(', ')}`);
  }
  console.error(HOW);
  process.exitCode = 1;
} else if (problems.length > 0) {
  console.error(`The official CAMARA files in ${dir} are not the pinned ones:`);
  for (const problem of problems) console.error(`  ${problem}`);
  console.error(HOW);
  process.exitCode = 1;
} else {
  console.log(`official CAMARA files: ${dir} (${OFFICIAL_SPEC_FILES.length} files, SHA-256 as pinned)`);
}
