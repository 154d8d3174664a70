/** Swagger UI's files for /docs, read from the installed swagger-ui-dist package (each once). */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SwaggerUiAssets, SwaggerUiFile } from '../openapi/swagger-ui.ts';

export function swaggerUiFiles(): SwaggerUiAssets {
  const directory = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const read = new Map<SwaggerUiFile, Promise<Uint8Array<ArrayBuffer>>>();
  return {
    read(file) {
      let bytes = read.get(file);
      if (!bytes) {
        bytes = readFile(join(directory, file));
        // A failed read is not kept: the next request tries again.
        bytes.catch(() => read.delete(file));
        read.set(file, bytes);
      }
      return bytes;
    },
  };
}
