/**
 * The part of the `cloudflare:workers` module the Durable Objects use, for the root project's type
 * check, which has Node's and the DOM's types but not the Workers' (they clash). The same classes
 * are checked against @cloudflare/workers-types through test-worker/tsconfig.json, which does not
 * include this file; keep these signatures a subset of those.
 */
declare module 'cloudflare:workers' {
  type SqlValue = ArrayBuffer | string | number | null;

  interface SqlCursor<T extends Record<string, SqlValue>> {
    toArray(): T[];
    one(): T;
  }

  interface DurableObjectStorage {
    sql: { exec<T extends Record<string, SqlValue>>(query: string, ...bindings: unknown[]): SqlCursor<T> };
    kv: {
      get<T = unknown>(key: string): T | undefined;
      put<T>(key: string, value: T): void;
    };
    setAlarm(scheduledTime: number | Date): Promise<void>;
    deleteAlarm(): Promise<void>;
    deleteAll(): Promise<void>;
  }

  interface DurableObjectState {
    readonly storage: DurableObjectStorage;
  }

  export abstract class DurableObject<Env = unknown> {
    protected ctx: DurableObjectState;
    protected env: Env;
    constructor(ctx: DurableObjectState, env: Env);
    alarm?(): void | Promise<void>;
  }
}
