import { SingleFlight } from './single-flight.ts';

/**
 * A value loaded once and then shared by every caller (a discovered OIDC configuration, an
 * imported signing key). A failed load is forgotten, so the next caller tries again. Only the
 * settled value crosses requests: a load under way is joined through SingleFlight, which keeps
 * joins inside one request scope where the runtime needs that.
 */
export function sharedOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: { value: T } | undefined;
  const loads = new SingleFlight<T>();
  return async () => {
    if (loaded) return loaded.value;
    const value = await loads.run('load', () => load());
    loaded ??= { value };
    return loaded.value;
  };
}
