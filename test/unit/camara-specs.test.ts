import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CAMARA_SPEC_MANIFEST } from '../../camara-specs/manifest.ts';
import { downloadUrlOf, OFFICIAL_SPEC_FILES, type OfficialSpecFile } from '../../camara-specs/official-files.ts';
import { downloadSpecs } from '../../scripts/camara-specs/download.ts';
import { problemsIn, sha256Of } from '../../scripts/camara-specs/files.ts';
import { LOCAL_SPECS_DIR, locateSpecs, SHARED_SPECS_DIR, specsDirCandidates } from '../../scripts/camara-specs/locate.ts';
import { NEEDS_SPECS } from '../mocks/support/openapi.ts';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'numtrust-specs-'));
  temporary.push(dir);
  return dir;
}

describe('the pinned list', () => {
  it('pins every file camara-specs/manifest.ts follows, at its release', () => {
    for (const entry of CAMARA_SPEC_MANIFEST) {
      expect(OFFICIAL_SPEC_FILES.find((file) => file.path === entry.file)?.release, entry.file).toBe(entry.release);
    }
  });

  it('names each file once, by commit and SHA-256, at raw.githubusercontent.com', () => {
    expect(new Set(OFFICIAL_SPEC_FILES.map((file) => file.path)).size).toBe(OFFICIAL_SPEC_FILES.length);
    for (const file of OFFICIAL_SPEC_FILES) {
      expect(file.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(downloadUrlOf(file)).toBe(`https://raw.githubusercontent.com/camaraproject/${file.repository}/${file.commit}/${file.source}`);
    }
  });
});

describe('where the files are looked for', () => {
  it('CAMARA_SPECS_DIR alone when set, else ../shared/camara-specs, then .camara-specs/', () => {
    expect(specsDirCandidates({ CAMARA_SPECS_DIR: '/somewhere/specs' })).toEqual(['/somewhere/specs']);
    expect(specsDirCandidates({})).toEqual([SHARED_SPECS_DIR, LOCAL_SPECS_DIR]);
  });

  it('finds a directory only when it has every pinned file', () => {
    const dir = tempDir();
    for (const file of OFFICIAL_SPEC_FILES.slice(1)) writeAt(dir, file.path, 'x');
    expect(locateSpecs({ CAMARA_SPECS_DIR: dir }).dir).toBeUndefined();
    writeAt(dir, OFFICIAL_SPEC_FILES[0]!.path, 'x');
    expect(locateSpecs({ CAMARA_SPECS_DIR: dir }).dir).toBe(dir);
    expect(problemsIn(dir)).toHaveLength(OFFICIAL_SPEC_FILES.length); // found, but not the pinned bytes
  });

  const found = locateSpecs().dir;
  it.skipIf(found === undefined)(`the files found are the pinned ones (${NEEDS_SPECS})`, () => {
    expect(problemsIn(found!)).toEqual([]);
  });
});

describe('downloadSpecs (an injected fetch: never the network)', () => {
  const good = pinned('good/1.0.0/good.yaml', 'openapi: 3.0.3\n');
  const other = pinned('other/2.0.0/other.yaml', 'openapi: 3.0.3\ninfo: {}\n');

  function fetchServing(bodies: Record<string, Response | (() => never)>) {
    const asked: string[] = [];
    const fetch = (async (input: string | URL | Request) => {
      const url = input instanceof Request ? input.url : input.toString();
      asked.push(url);
      const body = bodies[url];
      if (typeof body === 'function') body();
      return body ?? new Response('Not Found', { status: 404 });
    }) as typeof globalThis.fetch;
    return { fetch, asked };
  }

  it('writes the files whose bytes have the pinned SHA-256, and only those', async () => {
    const dir = tempDir();
    const { fetch, asked } = fetchServing({
      [downloadUrlOf(good.file)]: new Response(good.bytes),
      [downloadUrlOf(other.file)]: new Response('tampered'),
    });
    const reports = await downloadSpecs({ dir, files: [good.file, other.file], fetch });

    expect(asked).toEqual([downloadUrlOf(good.file), downloadUrlOf(other.file)]);
    expect(reports.map((report) => report.outcome)).toEqual(['downloaded', 'failed']);
    expect(reports[1]!.reason).toContain(`pinned ${other.file.sha256}; not written`);
    expect(readFileSync(join(dir, good.file.path), 'utf8')).toBe(good.bytes);
    expect(existsSync(join(dir, 'other'))).toBe(false); // nothing of it written, not even its directory
  });

  it('leaves a file already right alone, and says why a download failed', async () => {
    const dir = tempDir();
    writeAt(dir, good.file.path, good.bytes);
    const refused = new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
    const { fetch, asked } = fetchServing({ [downloadUrlOf(other.file)]: () => { throw refused; } });

    const reports = await downloadSpecs({ dir, files: [good.file, other.file], fetch });
    expect(asked).toEqual([downloadUrlOf(other.file)]);
    expect(reports.map((report) => [report.outcome, report.reason])).toEqual([
      ['present', undefined],
      ['failed', `${downloadUrlOf(other.file)}: fetch failed (ENOTFOUND)`],
    ]);

    const notFound = await downloadSpecs({ dir, files: [other.file], fetch: fetchServing({}).fetch });
    expect(notFound[0]!.reason).toBe(`${downloadUrlOf(other.file)}: HTTP 404`);
  });
});

function pinned(path: string, bytes: string): { file: OfficialSpecFile; bytes: string } {
  const file = { path, repository: 'Example', release: 'r1.0', commit: 'a'.repeat(40), source: `code/${path}`, sha256: sha256Of(new TextEncoder().encode(bytes)) };
  return { file, bytes };
}

function writeAt(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}
