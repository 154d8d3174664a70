/**
 * `npm run client:generate`: builds the gateway's OpenAPI document from the code (no server) and
 * writes the types of numtrust/client (client/schema.d.ts) with openapi-typescript.
 * `--check` writes nothing and exits 1 when the committed file differs from what it would write.
 *
 * The document is the one `npm start` serves (metrics without a token); the output depends only on
 * the routes' code, so running it twice gives the same bytes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import { CAMARA_ROUTES } from '../../src/app.ts';
import { openApiDocument } from '../../src/openapi/document.ts';
import { gatewayOperations } from '../../src/openapi/routes.ts';

export const SCHEMA_FILE = fileURLToPath(new URL('../../client/schema.d.ts', import.meta.url));

export const OUT_OF_DATE = "client/schema.d.ts is out of date with the gateway's OpenAPI document: run `npm run client:generate` and commit the result";

/** The document as the embedded gateway serves it at /openapi.json. */
export function gatewayDocument(): Record<string, unknown> {
  return openApiDocument(gatewayOperations({ camaraRoutes: CAMARA_ROUTES, metrics: true }, false), { version: 'client' });
}

export async function generateSchema(): Promise<string> {
  const ast = await openapiTS(gatewayDocument() as unknown as OpenAPI3, { silent: true, defaultNonNullable: false });
  return `${COMMENT_HEADER.replace('openapi-typescript.', 'openapi-typescript (npm run client:generate).')}${astToString(ast)}`;
}

async function main(check: boolean): Promise<void> {
  const generated = await generateSchema();
  if (!check) {
    await writeFile(SCHEMA_FILE, generated);
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
    return;
  }
  const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
  if (committed !== generated) {
    process.stderr.write(`${OUT_OF_DATE}\n`);
    process.exitCode = 1;
  }
}

if (import.meta.main) await main(process.argv.includes('--check'));
