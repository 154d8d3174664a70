/**
 * An error that is an expected answer, not a fault: a CAMARA error for a client, a breaker failing
 * fast while a provider is down. Hundreds a second at times, and nobody reads their stack: it is
 * not captured (capturing one cost ~40 µs). A fault of ours is logged with its own stack before it
 * becomes such an answer.
 */
export class ExpectedError extends Error {
  constructor(message: string) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
  }
}
