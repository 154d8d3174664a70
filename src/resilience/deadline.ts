/** Deadlines travel as AbortSignals from the route down to the socket. */

/**
 * When each deadline signal made here expires. A signal cannot say how long it has left, and a
 * retry must know whether it still fits, so the expiry travels beside the signal.
 */
const EXPIRY = new WeakMap<AbortSignal, number>();

/** A signal that fires after `ms`, or when `parent` fires, whichever comes first. */
export function deadlineSignal(ms: number, parent?: AbortSignal): AbortSignal {
  const own = AbortSignal.timeout(ms);
  const signal = parent ? AbortSignal.any([parent, own]) : own;
  const parentExpiry = parent ? expiryOf(parent) : undefined;
  const expiresAt = Date.now() + ms;
  EXPIRY.set(signal, parentExpiry === undefined ? expiresAt : Math.min(expiresAt, parentExpiry));
  return signal;
}

/** The epoch milliseconds at which a signal from deadlineSignal() fires; undefined for any other signal. */
export function expiryOf(signal: AbortSignal): number | undefined {
  return EXPIRY.get(signal);
}
