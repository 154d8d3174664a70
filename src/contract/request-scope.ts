/**
 * Where a runtime forbids sharing work between requests (Cloudflare Workers: a promise started by
 * one request and awaited by another hangs or fails once the first request ends), each request runs
 * inside its own scope. Single-flight then joins only calls of the same request, and background
 * work (a second-tier cache write) is handed to the platform to finish after the response.
 * Outside any scope (Node) calls are shared process-wide and background work just runs.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestScope {
  readonly id: string;
  /** Keeps the request alive until `work` settles (Workers' ctx.waitUntil). */
  waitUntil?(work: Promise<unknown>): void;
}

const scopes = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, run: () => T): T {
  return scopes.run(scope, run);
}

export function currentRequestScope(): RequestScope | undefined {
  return scopes.getStore();
}

/** Runs `work` in the background; its failure is swallowed, so it can never fail the request. */
export function runInBackground(work: Promise<unknown>): void {
  const settled = work.catch(() => {});
  currentRequestScope()?.waitUntil?.(settled);
}
