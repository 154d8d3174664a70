/** Downloads the pinned official files into a directory, keeping only bytes whose SHA-256 is the pinned one. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { downloadUrlOf, OFFICIAL_SPEC_FILES, type OfficialSpecFile } from '../../camara-specs/official-files.ts';
import { sha256Of } from './files.ts';

export type DownloadOutcome = 'present' | 'downloaded' | 'failed';

export interface DownloadReport {
  file: OfficialSpecFile;
  outcome: DownloadOutcome;
  /** Why it failed. */
  reason?: string;
}

export interface DownloadOptions {
  dir: string;
  files?: readonly OfficialSpecFile[];
  fetch?: typeof globalThis.fetch;
  /** Per attempt; default 30 s. */
  timeoutMs?: number;
}

export async function downloadSpecs(options: DownloadOptions): Promise<DownloadReport[]> {
  const reports: DownloadReport[] = [];
  for (const file of options.files ?? OFFICIAL_SPEC_FILES) reports.push(await downloadOne(file, options));
  return reports;
}

async function downloadOne(file: OfficialSpecFile, options: DownloadOptions): Promise<DownloadReport> {
  const target = join(options.dir, file.path);
  if (existsSync(target) && sha256Of(readFileSync(target)) === file.sha256) return { file, outcome: 'present' };
  const url = downloadUrlOf(file);
  let bytes: Uint8Array;
  try {
    const response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
    if (!response.ok) return { file, outcome: 'failed', reason: `${url}: HTTP ${response.status}` };
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    return { file, outcome: 'failed', reason: `${url}: ${describeError(error)}` };
  }
  const actual = sha256Of(bytes);
  if (actual !== file.sha256) return { file, outcome: 'failed', reason: `${url}: SHA-256 ${actual}, pinned ${file.sha256}; not written` };
  mkdirSync(dirname(target), { recursive: true });
  // Written aside, then renamed: an interrupted run never leaves a partial file under the real name.
  writeFileSync(`${target}.partial`, bytes);
  renameSync(`${target}.partial`, target);
  return { file, outcome: 'downloaded' };
}

/** `fetch failed (ENOTFOUND)`: undici hides the network's reason in `cause`. */
function describeError(error: unknown): string {
  const { message, cause } = error as Error & { cause?: { code?: string; message?: string } };
  const why = cause?.code ?? cause?.message;
  return why ? `${message} (${why})` : message;
}
