/**
 * What `run` throws; fails the test when it returns. Assertions about the error then run outside
 * any `catch`, so none of them can be swallowed (an `expect.unreachable()` in a `try` whose `catch`
 * asserts on whatever was thrown passes when nothing is thrown).
 */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, but it returned');
}
