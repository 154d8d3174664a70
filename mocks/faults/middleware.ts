import type { Context, MiddlewareHandler } from 'hono';
import { ABORTED, type RequestStats } from '../stats.ts';
import { applyFault, type FaultEnvironment } from './apply.ts';
import { FAULT_HEADER, FaultHeaderError, parseFaultHeader } from './header.ts';
import type { FaultRegistry } from './registry.ts';
import type { FaultRule } from './rule.ts';
import { once } from './timing.ts';

export interface FaultInjectionOptions {
  registry: FaultRegistry;
  stats: RequestStats;
  carrier: string;
  endpoint: string;
  errorResponse: FaultEnvironment['errorResponse'];
  /** The phone number a request is about, for rules that target one number. */
  phoneNumberOf?: (c: Context) => Promise<string | undefined>;
}

/** Applies the x-mock-fault header, else the first matching registered rule, to one carrier endpoint. */
export function injectFaults(options: FaultInjectionOptions): MiddlewareHandler {
  const { registry, stats, carrier, endpoint, errorResponse, phoneNumberOf } = options;
  return async (c, next) => {
    let rule: FaultRule | undefined;
    const header = c.req.header(FAULT_HEADER);
    if (header !== undefined) {
      try {
        rule = parseFaultHeader(header);
      } catch (error) {
        if (error instanceof FaultHeaderError) return errorResponse(c, 400, error.message);
        throw error;
      }
    } else {
      const route = { carrier, endpoint };
      const phoneNumber = registry.needsPhoneNumber(route) && phoneNumberOf ? await phoneNumberOf(c) : undefined;
      rule = registry.take({ ...route, phoneNumber });
    }
    if (!rule) return next();
    const onAbort = once(() => stats.increment(carrier, ABORTED));
    return applyFault(rule, { c, next, errorResponse, onAbort });
  };
}
