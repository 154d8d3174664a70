/** A shared state whose every call never answers (a Redis that accepts connections and then says nothing). */
import type { SharedState } from '../../src/shared-state/port.ts';

export function silentSharedState(): SharedState {
  const never = () => new Promise<never>(() => {});
  return {
    kind: 'redis',
    rateLimits: { take: never },
    quotas: { tryTake: never, add: never, used: never },
    sessions: { create: never, get: never, claimCallback: never, finish: never },
    records: { put: never, get: never, setOutcome: never },
    timeoutMs: 20,
    sessionTimeoutMs: 20,
    close: async () => {},
  };
}
