/** Deadlines travel as AbortSignals from the route down to the socket. */

/**
 * When each deadline signal made here expires. A signal cannot say how long it has left, and a
 * retry must know whether it still fits, so the expiry travels on the signal, under a key of ours.
 * Not a WeakMap: its table keeps an entry per signal until a full collection, hundreds a second,
 * which every young-generation collection must walk.
 */
const EXPIRY = Symbol('numtrust deadline expiry');
type ExpiringSignal = AbortSignal & { [EXPIRY]?: number };

/** A deadline signal and the way to drop its timer once the work it bounds is done. */
export interface Deadline {
  signal: AbortSignal;
  /**
   * Clears the timer and stops following the parent. Without it the timer (and every signal it
   * holds) lives until it fires, seconds after the request is answered: at hundreds of requests a
   * second that is thousands of live timers, promoted to the old generation, and slower GC pauses.
   */
  release(): void;
}

/** A signal that fires after `ms` (reason: a TimeoutError), or when `parent` fires, whichever comes first. */
export function deadline(ms: number, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  const timer = unrefTimeout(() => controller.abort(timeoutError()), ms);
  const unfollow = follow(controller, parent);
  const parentExpiry = parent ? expiryOf(parent) : undefined;
  const expiresAt = Date.now() + ms;
  (controller.signal as ExpiringSignal)[EXPIRY] = parentExpiry === undefined ? expiresAt : Math.min(expiresAt, parentExpiry);
  return {
    signal: controller.signal,
    release() {
      clearTimeout(timer);
      unfollow();
    },
  };
}

/**
 * deadline(), except that its `ms` run only while `excludedMs()` (time excluded so far, growing)
 * does not: when the timer comes early because time was excluded, it waits for what is left. Its
 * expiry is the parent's, the latest it can fire.
 */
export function deadlineExcluding(ms: number, parent: AbortSignal | undefined, excludedMs: () => number): Deadline {
  const controller = new AbortController();
  const started = performance.now();
  const check = () => {
    const left = ms - (performance.now() - started - excludedMs());
    if (left >= 1) timer = unrefTimeout(check, Math.min(left, ms));
    else controller.abort(timeoutError());
  };
  let timer = unrefTimeout(check, ms);
  const unfollow = follow(controller, parent);
  const parentExpiry = parent ? expiryOf(parent) : undefined;
  if (parentExpiry !== undefined) (controller.signal as ExpiringSignal)[EXPIRY] = parentExpiry;
  return {
    signal: controller.signal,
    release() {
      clearTimeout(timer);
      unfollow();
    },
  };
}

const timeoutError = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');

/** setTimeout that, on Node, does not keep the process alive for a pending deadline (Workers' timers have no unref). */
function unrefTimeout(run: () => void, ms: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(run, ms);
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

const NOTHING_TO_UNFOLLOW = () => {};

/** Aborts `controller` with `parent`'s reason when `parent` ends; returns how to stop following it. */
function follow(controller: AbortController, parent: AbortSignal | undefined): () => void {
  if (!parent) return NOTHING_TO_UNFOLLOW;
  const followParent = () => controller.abort(parent.reason);
  if (parent.aborted) {
    followParent();
    return NOTHING_TO_UNFOLLOW;
  }
  parent.addEventListener('abort', followParent, { once: true });
  return () => parent.removeEventListener('abort', followParent);
}

/** deadline() for a caller that cannot tell when the work is done: the timer lives until it fires. */
export function deadlineSignal(ms: number, parent?: AbortSignal): AbortSignal {
  return deadline(ms, parent).signal;
}

/** The epoch milliseconds at which a signal from deadline() fires; undefined for any other signal. */
export function expiryOf(signal: AbortSignal): number | undefined {
  return (signal as ExpiringSignal)[EXPIRY];
}
