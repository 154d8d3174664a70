/**
 * Every deadline of a request counts from its arrival (its headers read), not from when its body
 * was read: a client that trickles its body spends its own deadline. An IVR's `deadlineMs: 1000`
 * means one second from sending. Runtime-free: the clock is Date.now, as deadline() uses.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deadline, type Deadline } from '../contract/deadline.ts';
import type { GatewayEnv } from './http-context.ts';

/** First in the chain, before anything that could take time. */
export function stampArrival(): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    c.set('arrivedAt', Date.now());
    await next();
  };
}

/** What is left of a budget counted from the request's arrival; 0 once it is spent. */
export function leftOfBudget(c: Context<GatewayEnv>, budgetMs: number): number {
  return Math.max(0, (c.get('arrivedAt') ?? Date.now()) + budgetMs - Date.now());
}

/** A deadline `budgetMs` after the request arrived, that also ends when `parent` aborts. */
export function deadlineFromArrival(c: Context<GatewayEnv>, budgetMs: number, parent?: AbortSignal): Deadline {
  return deadline(leftOfBudget(c, budgetMs), parent);
}
