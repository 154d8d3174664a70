/**
 * `npm run specs:fetch [-- --dir <path>]`: downloads the official CAMARA OpenAPI files the tests
 * read (camara-specs/official-files.ts) from raw.githubusercontent.com at their pinned commits and
 * checks each one's SHA-256. Needs network. Into --dir, else CAMARA_SPECS_DIR, else .camara-specs/.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { downloadSpecs } from './camara-specs/download.ts';
import { LOCAL_SPECS_DIR, specsDirCandidates } from './camara-specs/locate.ts';

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
// npm runs scripts from the package root; a relative --dir means the caller's directory.
const dir = values.dir ? resolve(process.env.INIT_CWD ?? process.cwd(), values.dir) : resolve(process.env.CAMARA_SPECS_DIR ?? LOCAL_SPECS_DIR);

const reports = await downloadSpecs({ dir });
for (const { file, outcome, reason } of reports) {
  console.log(`${outcome.padEnd(10)} ${file.path} (camaraproject/${file.repository} ${file.release})${reason ? `\n           ${reason}` : ''}`);
}
const failed = reports.filter((report) => report.outcome === 'failed').length;
if (failed > 0) {
  console.error(`${failed} of ${reports.length} files could not be fetched into ${dir} (is raw.githubusercontent.com reachable?)`);
  process.exitCode = 1;
} else {
  console.log(`${reports.length} official CAMARA files in ${dir}, SHA-256 as pinned`);
  if (!specsDirCandidates().includes(dir)) console.log(`the tests look there with CAMARA_SPECS_DIR=${dir}`);
}
