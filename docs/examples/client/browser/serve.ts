/**
 * Serves the browser example of numtrust/client on 127.0.0.1 (`npm run client:example:browser`;
 * PORT, default 8090): index.html, and app.ts bundled by esbuild into app.js, in memory.
 * The gateway must allow the page's origin: NUMTRUST_CORS_ORIGINS=http://127.0.0.1:8090 npm start.
 */
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** app.ts and numtrust/client (with openapi-fetch) as one ES module for browsers. */
export async function bundleBrowserExample(): Promise<string> {
  const result = await build({
    entryPoints: [`${HERE}app.ts`],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface BrowserExampleServer {
  url: string;
  close(): Promise<void>;
}

export async function serveBrowserExample(port: number): Promise<BrowserExampleServer> {
  const files: Record<string, { type: string; body: string }> = {
    '/': { type: 'text/html; charset=utf-8', body: await readFile(`${HERE}index.html`, 'utf8') },
    '/app.js': { type: 'text/javascript; charset=utf-8', body: await bundleBrowserExample() },
  };
  const server = createServer((request, response) => {
    const file = request.method === 'GET' ? files[new URL(request.url ?? '/', 'http://x').pathname] : undefined;
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).end(file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

if (import.meta.main) {
  const { url } = await serveBrowserExample(Number(process.env.PORT ?? 8090));
  process.stdout.write(`numtrust/client browser example on ${url}\nStart the gateway with its origin allowed:  NUMTRUST_CORS_ORIGINS=${url} npm start\n`);
}
