/** What a specs directory holds of the pinned official files: which are missing, which differ. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OFFICIAL_SPEC_FILES, type OfficialSpecFile } from '../../camara-specs/official-files.ts';

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The pinned files absent from `dir` (cheap: no file is read). */
export function missingIn(dir: string, files: readonly OfficialSpecFile[] = OFFICIAL_SPEC_FILES): OfficialSpecFile[] {
  return files.filter((file) => !existsSync(join(dir, file.path)));
}

/** One line per pinned file that is absent from `dir` or whose SHA-256 is not the pinned one; [] when all are right. */
export function problemsIn(dir: string, files: readonly OfficialSpecFile[] = OFFICIAL_SPEC_FILES): string[] {
  return files.flatMap((file) => {
    const at = join(dir, file.path);
    if (!existsSync(at)) return [`${file.path}: missing`];
    const actual = sha256Of(readFileSync(at));
    return actual === file.sha256 ? [] : [`${file.path}: SHA-256 ${actual}, pinned ${file.sha256}`];
  });
}
