/**
 * Stands for an object made later (in a beforeAll hook): every property access goes to the object
 * `current()` returns at that moment. Lets a test file name what its hooks start at the top, as
 * constants, and use it in its tests.
 */
export function lateBound<T extends object>(current: () => T): T {
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(current(), key),
    set: (_, key, value) => Reflect.set(current(), key, value),
    has: (_, key) => Reflect.has(current(), key),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(current(), key);
      // The stand-in itself holds nothing, so it may only report what could still change.
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}

/** `current` for lateBound: the value once set, else an error naming the hook that sets it. */
export function startedIn<T>(hook: string, value: () => T | undefined): () => T {
  return () => {
    const current = value();
    if (current === undefined) throw new Error(`used before ${hook} started it`);
    return current;
  };
}
