/** Expected answers carry no stack trace (src/contract/expected-error.ts); every other error keeps its own. */
import { describe, expect, it } from 'vitest';
import { CamaraError } from '../../src/errors.ts';
import { BreakerOpenError } from '../../src/resilience/breaker.ts';

describe('errors that are expected answers', () => {
  it.each([
    ['CamaraError', () => new CamaraError('UNAVAILABLE', 'The provider is unavailable.')],
    ['BreakerOpenError', () => new BreakerOpenError('brightwave|sim-swap', 5_000)],
  ])('%s captures no stack trace, and leaves the limit as it was', (name, make) => {
    const limit = Error.stackTraceLimit;
    const error = make();
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.stack).not.toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error('a fault').stack).toMatch(/\n\s+at /);
  });
});
