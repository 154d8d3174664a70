/** Deadlines travel as AbortSignals from the route down to the socket. */

/** A signal that fires after `ms`, or when `parent` fires, whichever comes first. */
export function deadlineSignal(ms: number, parent?: AbortSignal): AbortSignal {
  const own = AbortSignal.timeout(ms);
  return parent ? AbortSignal.any([parent, own]) : own;
}
