/**
 * Log lines for stdout, gathered and written once per turn of the event loop instead of one
 * write(2) a line: under load one access-log line a request was a tenth of the gateway's CPU,
 * most of it in the write. Writes to files and pipes are synchronous on Linux, so a batch is on
 * its way when the write returns; what is still gathered when the process exits is written then.
 */
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
      setImmediate(flush);
    }
  };
}
