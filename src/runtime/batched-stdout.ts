/**
 * Log lines for stdout, gathered and written at most once every FLUSH_EVERY_MS instead of one
 * write(2) a line: under load one access-log line a request was a tenth of the gateway's CPU,
 * most of it in the write, and at a few hundred requests a second a write per event-loop turn is
 * still a write a request. Writes to files and pipes are synchronous on Linux, so a batch is on
 * its way when the write returns; what is still gathered when the process exits is written then.
 */
export const FLUSH_EVERY_MS = 10;

export function batchedStdout(): (line: string) => void {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    process.stdout.write(text);
  };
  process.on('exit', flush);
  return (line) => {
    pending.push(line);
    if (!scheduled) {
      scheduled = true;
      // Unref'd: a process with nothing else left to do exits, and writes what is gathered on the way out.
      setTimeout(flush, FLUSH_EVERY_MS).unref();
    }
  };
}
