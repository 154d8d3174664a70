/**
 * Gateways for the resilience matrix: the test gateway with short timeouts and tiny backoffs, so
 * faults play out in milliseconds; everything is counted at the mock, never timed.
 */
import type { GatewayConfig } from '../../src/config/schema.ts';
import { startTestGateway, type TestGateway, type TestGatewayOptions } from '../support/gateway.ts';

export interface FaultGatewayOptions extends Omit<TestGatewayOptions, 'configure'> {
  server?: Partial<GatewayConfig['server']>;
  breaker?: GatewayConfig['breaker'];
  retry?: GatewayConfig['retry'];
}

/** A brightwave number and the SIM Swap check endpoint as the mock counts it. */
export const BRIGHTWAVE_NUMBER = '+447700900502';
export const CHECK = 'sim-swap/v2/check';
export const CHECK_PATH = '/sim-swap/v2/check';

export function startFaultGateway(options: FaultGatewayOptions = {}): Promise<TestGateway> {
  const { server, breaker, retry, ...rest } = options;
  return startTestGateway({
    ...rest,
    configure: (config) => ({
      ...config,
      server: { ...config.server, requestDeadlineMs: 3_000, attemptTimeoutMs: 500, ...server },
      // Breakers stay out of the way unless a test is about them.
      breaker: { volumeThreshold: 10_000, ...breaker },
      retry: { baseDelayMs: 1, maxDelayMs: 5, minAttemptMs: 50, ...retry, budget: { minRetriesPerSecond: 100, ...retry?.budget } },
    }),
  });
}

/**
 * A SIM Swap check nobody asked before: each maxAge is a question of its own, so neither the
 * cache nor a shared call answers it.
 */
let nextMaxAge = 1;
export function freshCheck(t: TestGateway, phoneNumber = BRIGHTWAVE_NUMBER) {
  const maxAge = nextMaxAge;
  nextMaxAge = (nextMaxAge % 168) + 1;
  return t.post(CHECK_PATH, { phoneNumber, maxAge });
}

/** Polls until `condition` holds (the mock learns of an abort asynchronously); fails after ~2 s. */
export async function eventually(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never happened: ${what}`);
}

/** Sends checks until one is answered: the token is then cached and the connection warm, whatever the load. */
export async function warmUp(t: TestGateway, phoneNumber = BRIGHTWAVE_NUMBER): Promise<void> {
  for (let i = 0; i < 10; i++) if ((await freshCheck(t, phoneNumber)).status === 200) return;
  throw new Error('the gateway never answered a check');
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
