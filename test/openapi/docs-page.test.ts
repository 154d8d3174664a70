import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SWAGGER_UI_CDN, SWAGGER_UI_FILES, SWAGGER_UI_INTEGRITY, SWAGGER_UI_VERSION, type SwaggerUiFile } from '../../src/openapi/swagger-ui.ts';
import { referenceApp, type ReferenceApp } from './support.ts';

const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const installedFile = (file: string) => readFileSync(join(SWAGGER_UI_DIR, file));

/** The URLs of the page's stylesheets and scripts. */
function assetsOf(html: string): string[] {
  return [...html.matchAll(/<(?:link[^>]*\bhref|script[^>]*\bsrc)="([^"]+)"/g)].map((match) => match[1]!);
}

describe('GET /docs on Node', () => {
  let ref: ReferenceApp;
  let html: string;
  beforeAll(async () => {
    ref = await referenceApp();
    const response = await ref.request('/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    html = await response.text();
  });
  afterAll(() => ref.close());

  it('is an HTML page, without an API key, that points Swagger UI at /openapi.json', async () => {
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('data-openapi-url="/openapi.json"');
    const init = await ref.request('/docs/init.js');
    expect(await init.text()).toContain('SwaggerUIBundle(');
    expect((await ref.request('/openapi.json')).status).toBe(200);
  });

  it("loads every file from the gateway, each 200 with its content type; Swagger UI's are the installed package's bytes", async () => {
    const assets = assetsOf(html);
    expect(assets).toEqual(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/init.js']);
    for (const asset of assets) {
      const response = await ref.request(asset);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('content-type'), asset).toMatch(asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      const file = asset.slice('/docs/'.length);
      if (file in SWAGGER_UI_FILES) expect(Buffer.from(await response.arrayBuffer()).equals(installedFile(file)), asset).toBe(true);
    }
  });

  it('allows scripts only from the gateway itself', async () => {
    const csp = (await ref.request('/docs')).headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it.each(['index.html', 'package.json', '..%2Fpackage.json', 'swagger-ui-bundle.js.map', 'absolute-path.js'])('answers 404 for /docs/%s', async (file) => {
    const response = await ref.request(`/docs/${file}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});

describe('GET /docs without a file system (Workers)', () => {
  let ref: ReferenceApp;
  beforeAll(async () => {
    ref = await referenceApp({ node: false });
  });
  afterAll(() => ref.close());

  it('loads the pinned Swagger UI from the CDN, held to its SHA-384 by integrity attributes', async () => {
    const response = await ref.request('/docs');
    const html = await response.text();
    expect(assetsOf(html)).toEqual([`${SWAGGER_UI_CDN}swagger-ui.css`, `${SWAGGER_UI_CDN}swagger-ui-bundle.js`, '/docs/init.js']);
    for (const file of Object.keys(SWAGGER_UI_FILES) as SwaggerUiFile[]) {
      expect(html).toContain(`integrity="${SWAGGER_UI_INTEGRITY[file]}" crossorigin="anonymous"`);
    }
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self' https://cdn.jsdelivr.net");
    expect((await ref.request('/docs/swagger-ui.css')).status).toBe(404);
    expect((await ref.request('/docs/init.js')).status).toBe(200);
  });

  it('pins the version installed, and the integrity hashes are those of the installed files', () => {
    expect(JSON.parse(installedFile('package.json').toString()).version).toBe(SWAGGER_UI_VERSION);
    expect(SWAGGER_UI_CDN).toContain(`swagger-ui-dist@${SWAGGER_UI_VERSION}/`);
    for (const file of Object.keys(SWAGGER_UI_FILES) as SwaggerUiFile[]) {
      const digest = createHash('sha384').update(installedFile(file)).digest('base64');
      expect(SWAGGER_UI_INTEGRITY[file], file).toBe(`sha384-${digest}`);
    }
  });
});
