/**
 * Bytes a gateway allocates on its JavaScript heap, from V8's own accounting: started with
 * `--trace-gc-nvp` (ALLOCATION_FLAGS), the gateway writes one line per garbage collection to its
 * log file, each with `allocated=<bytes since the previous collection>`. The bytes allocated over a
 * measured run are the sum over the collections logged during it; what was allocated after the
 * last of them (less than one young generation) is not counted, which thousands of requests make
 * negligible.
 */
import { openSync, readSync, closeSync, statSync } from 'node:fs';

export const ALLOCATION_FLAGS = ['--trace-gc-nvp'];

/** Where the log file ends now: the start of a measured run. */
export function logOffset(logFile: string): number {
  return statSync(logFile).size;
}

/** Bytes allocated since `offset` (a logOffset() taken before the run), per V8's GC lines. */
export function allocatedSince(logFile: string, offset: number): number {
  const length = statSync(logFile).size - offset;
  const buffer = Buffer.alloc(length);
  const fd = openSync(logFile, 'r');
  try {
    readSync(fd, buffer, 0, length, offset);
  } finally {
    closeSync(fd);
  }
  let bytes = 0;
  for (const match of buffer.toString('utf8').matchAll(/ allocated=(\d+) /g)) bytes += Number(match[1]);
  return bytes;
}
