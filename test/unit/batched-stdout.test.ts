import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchedStdout } from '../../src/runtime/batched-stdout.ts';

describe('batched stdout log writer', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes the lines of one event-loop turn in one write, in order, each ending in a newline', async () => {
    const writes: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => writes.push(String(chunk)) > 0);
    const write = batchedStdout();
    write('{"n":1}');
    write('{"n":2}');
    write('{"n":3}');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['{"n":1}\n{"n":2}\n{"n":3}\n']);
    write('{"n":4}');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['{"n":1}\n{"n":2}\n{"n":3}\n', '{"n":4}\n']);
  });
});
