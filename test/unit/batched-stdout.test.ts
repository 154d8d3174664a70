import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchedStdout, FLUSH_EVERY_MS } from '../../src/runtime/batched-stdout.ts';

describe('batched stdout log writer', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('writes the lines gathered within FLUSH_EVERY_MS in one write, in order, each ending in a newline', () => {
    vi.useFakeTimers();
    const writes: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => writes.push(String(chunk)) > 0);
    const write = batchedStdout();
    write('{"n":1}');
    write('{"n":2}');
    vi.advanceTimersByTime(FLUSH_EVERY_MS - 1);
    write('{"n":3}');
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual(['{"n":1}\n{"n":2}\n{"n":3}\n']);
    write('{"n":4}');
    vi.advanceTimersByTime(FLUSH_EVERY_MS);
    expect(writes).toEqual(['{"n":1}\n{"n":2}\n{"n":3}\n', '{"n":4}\n']);
  });
});
