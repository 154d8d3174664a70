/**
 * The /docs page: Swagger UI 5.35.0 (swagger-ui-dist, pinned in package.json) over /openapi.json.
 * Its two files come from the runtime when it can read them (Node: node_modules, see
 * src/runtime/swagger-ui-files.ts); otherwise (Workers, no file system) the page loads the same
 * version from jsDelivr, held to the files' SHA-384 by Subresource Integrity.
 */

export const SWAGGER_UI_VERSION = '5.35.0';

/** The files the page needs, with their content types. Nothing else is ever read. */
export const SWAGGER_UI_FILES = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;
export type SwaggerUiFile = keyof typeof SWAGGER_UI_FILES;

/** Reads one of Swagger UI's files; provided by runtimes with a file system. */
export interface SwaggerUiAssets {
  read(file: SwaggerUiFile): Promise<Uint8Array<ArrayBuffer>>;
}

export const SWAGGER_UI_CDN = `https://cdn.jsdelivr.net/npm/swagger-ui-dist@${SWAGGER_UI_VERSION}/`;
/** SHA-384 of the files in the npm package (test/openapi checks them against node_modules). */
export const SWAGGER_UI_INTEGRITY: Record<SwaggerUiFile, string> = {
  'swagger-ui.css': 'sha384-WlYgdmXYOOBWL5apwjDEZwN+U3HmXSSu5R6V5aGxEcf7z+KuRNwBhoxKVN1i3D5I',
  'swagger-ui-bundle.js': 'sha384-gjRm0bEPMeTmMh5jT2cHccIwCUZSTd8YC+j0d0sXw0MdGEfScduGpSyF3ZSSLkX9',
};

export const DOCS_PATH = '/docs';
export const OPENAPI_PATH = '/openapi.json';
/** Starts Swagger UI; a file rather than an inline script, so the page's CSP can forbid inline scripts. */
export const INIT_SCRIPT = 'init.js';

export function isSwaggerUiFile(name: string): name is SwaggerUiFile {
  return Object.hasOwn(SWAGGER_UI_FILES, name);
}

/** The quoted URL of a file, with the integrity attributes when it comes from the CDN. */
function urlAttribute(file: SwaggerUiFile, local: boolean): string {
  if (local) return `"${DOCS_PATH}/${file}"`;
  return `"${SWAGGER_UI_CDN}${file}" integrity="${SWAGGER_UI_INTEGRITY[file]}" crossorigin="anonymous"`;
}

export function docsPage(local: boolean): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>numtrust API</title>',
    `<link rel="stylesheet" href=${urlAttribute('swagger-ui.css', local)}>`,
    '</head>',
    `<body><div id="swagger-ui" data-openapi-url="${OPENAPI_PATH}"></div>`,
    `<script src=${urlAttribute('swagger-ui-bundle.js', local)}></script>`,
    `<script src="${DOCS_PATH}/${INIT_SCRIPT}"></script>`,
    '</body></html>',
  ].join('\n');
}

export const INIT_SCRIPT_BODY = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: document.getElementById('swagger-ui').dataset.openapiUrl,
    dom_id: '#swagger-ui',
    deepLinking: true,
    tryItOutEnabled: true,
    displayRequestDuration: true,
  });
});
`;

/** Swagger UI sets inline styles; scripts come only from here (or the pinned CDN files). */
export function docsContentSecurityPolicy(local: boolean): string {
  const cdn = local ? '' : ' https://cdn.jsdelivr.net';
  return [
    "default-src 'self'",
    `script-src 'self'${cdn}`,
    `style-src 'self' 'unsafe-inline'${cdn}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
