/** Settles like `work`, or rejects with a StoreTimeoutError after `ms` (the work itself goes on unwatched). */
export class StoreTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'StoreTimeoutError';
  }
}

export async function withinTime<T>(work: Promise<T>, ms: number, what = 'the shared store'): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeoutError(what, ms)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** withinTime() that first reports a failure or a timeout (`onFailure`: the shared-state failure metric), then rejects as it would. */
export async function withinTimeReported<T>(work: Promise<T>, ms: number, what: string, onFailure: () => void): Promise<T> {
  try {
    return await withinTime(work, ms, what);
  } catch (error) {
    onFailure();
    throw error;
  }
}
