/**
 * The adapter contract suite: one suite, every adapter (CAMARA operators now; Twilio, Telesign,
 * Vonage, Nokia later), each against its own mock carrier over real HTTP on 127.0.0.1.
 *
 *   runAdapterContract({
 *     name: 'albion (CIBA, client_secret_basic, SIM Swap v2)',
 *     carrierId: 'albion',
 *     operations: ['sim_swap.check', 'sim_swap.retrieve_date'],
 *     makeAdapter: (network, http) => createCamaraAdapter(config(network), { http }),
 *     makeAdapterWithBadCredentials: (network, http) => ...,
 *     endpointOf: (operation) => 'sim-swap/v2/check',
 *     numbers: { swappedRecently, neverSwapped, unknown, notApplicable },
 *   });
 *
 * A case an adapter cannot run is skipped only with a written reason (`skip: { timeout: 'why' }`).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HttpClient } from '../../adapters/http.ts';
import { createFetchHttpClient } from '../../adapters/fetch-http.ts';
import { UpstreamError, type Adapter, type CallContext, type OperationOutcome, type UpstreamFailure } from '../../adapters/types.ts';
import type { OperationId, OperationParams, OperationValue } from '../../src/engine/signals.ts';
import { startMockNetwork } from '../../mocks/network.ts';
import { ABORTED } from '../../mocks/stats.ts';
import type { Subscriber } from '../../mocks/world/subscriber.ts';

export type MockNetwork = Awaited<ReturnType<typeof startMockNetwork>>;

export type ContractCase =
  | 'answers'
  | 'not_found'
  | 'not_supported'
  | 'bad_credentials'
  | 'server_error'
  | 'rate_limited'
  | 'malformed'
  | 'timeout';

export interface ContractNumbers {
  /** SIM changed within the check window (maxAgeHours) and within the provider's retention. */
  swappedRecently: string;
  /** Never swapped since activation, activated long before the check window. */
  neverSwapped: string;
  /** Not a subscriber of this provider. */
  unknown: string;
  /** A line the provider does not offer the API for (IoT). */
  notApplicable: string;
}

export interface AdapterContractOptions {
  name: string;
  /** Mock carrier the adapter talks to: its requests are counted and faults are aimed at it. */
  carrierId: string;
  /** Exactly the operations the adapter must offer. */
  operations: readonly OperationId[];
  makeAdapter(network: MockNetwork, http: HttpClient): Adapter;
  /** The same adapter with credentials the upstream refuses. */
  makeAdapterWithBadCredentials(network: MockNetwork, http: HttpClient): Adapter;
  /** Endpoint name (as the mock counts it in stats) of the API call behind an operation. */
  endpointOf(operation: OperationId): string;
  numbers: ContractNumbers;
  /** Adds what the scenario lacks (e.g. an IoT line at this operator) before the suite runs. */
  prepareWorld?(network: MockNetwork): void;
  /** maxAgeHours of sim_swap.check; within the provider's window. Default 72. */
  maxAgeHours?: number;
  /** HttpClient the adapter uses; default the platform fetch one. */
  http?: () => HttpClient;
  /** Cases this adapter cannot run, each with the reason. */
  skip?: Partial<Record<ContractCase, string>>;
}

interface OperationExpectations<Op extends OperationId> {
  params(options: { maxAgeHours: number }): OperationParams<Op>;
  recentlySwapped(value: OperationValue<Op>, subscriber: Subscriber, options: { maxAgeHours: number }): void;
  neverSwapped(value: OperationValue<Op>, subscriber: Subscriber, options: { maxAgeHours: number }): void;
}

const SAME_INSTANT_MS = 1_000;

function expectSameInstant(actual: string | null, expected: string | null): void {
  expect(actual).not.toBeNull();
  expect(expected).not.toBeNull();
  expect(Math.abs(Date.parse(actual!) - Date.parse(expected!))).toBeLessThan(SAME_INSTANT_MS);
}

/** What the world says each operation must answer. One entry per operation numtrust knows. */
const EXPECTATIONS: { [Op in OperationId]: OperationExpectations<Op> } = {
  'sim_swap.check': {
    params: ({ maxAgeHours }) => ({ maxAgeHours }),
    recentlySwapped: (value, _subscriber, { maxAgeHours }) => expect(value).toEqual({ swapped: true, maxAgeHours }),
    neverSwapped: (value, _subscriber, { maxAgeHours }) => expect(value).toEqual({ swapped: false, maxAgeHours }),
  },
  'sim_swap.retrieve_date': {
    params: () => ({}),
    recentlySwapped: (value, subscriber) => {
      expectSameInstant(value.latestSimChange, subscriber.simChangedAt);
      expect(value.monitoredPeriodDays === null || Number.isInteger(value.monitoredPeriodDays)).toBe(true);
    },
    neverSwapped: (value, subscriber) => {
      // Full history: the activation date; a retention window: null ("no change within monitoredPeriod").
      if (value.latestSimChange !== null) expectSameInstant(value.latestSimChange, subscriber.activatedAt);
      if (value.latestSimChange === null && value.monitoredPeriodDays !== null) {
        expect(value.monitoredPeriodDays).toBeGreaterThan(0);
      }
    },
  },
};

export function runAdapterContract(options: AdapterContractOptions): void {
  const maxAgeHours = options.maxAgeHours ?? 72;
  const skip = options.skip ?? {};
  const allNumbers = Object.values(options.numbers);

  const contractCase = (name: ContractCase, title: string, body: () => Promise<void>) => {
    const reason = skip[name];
    if (reason !== undefined) it.skip(`${title} [skipped: ${reason}]`, body);
    else it(title, body);
  };

  describe(`adapter contract: ${options.name}`, () => {
    let network: MockNetwork;
    let http: HttpClient;
    let adapter: Adapter;

    beforeAll(async () => {
      network = await startMockNetwork({ port: 0 });
      options.prepareWorld?.(network);
      http = (options.http ?? (() => createFetchHttpClient()))();
      adapter = options.makeAdapter(network, http);
    });
    afterEach(() => network.faults.clear());
    afterAll(async () => {
      await adapter?.close?.();
      await http?.close();
      await network?.close();
    });

    const context = (signal: AbortSignal = new AbortController().signal): CallContext => ({
      signal,
      tenantId: 'contract-tenant',
      correlator: 'contract-b4333c46-49c0-4f62',
    });

    function execute<Op extends OperationId>(operation: Op, phoneNumber: string, ctx = context()): Promise<OperationOutcome<Op>> {
      const params = EXPECTATIONS[operation].params({ maxAgeHours }) as OperationParams<Op>;
      return adapter.execute({ operation, phoneNumber, params }, ctx);
    }

    /** Neither the outcome/error message nor any cause's message may carry a phone number we asked about. */
    function expectNoPhoneNumber(subject: unknown): void {
      const texts: string[] = [];
      for (let current = subject, depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
        if (current instanceof Error) {
          texts.push(current.message);
          current = current.cause;
        } else {
          texts.push(JSON.stringify(current));
          break;
        }
      }
      for (const text of texts) {
        for (const number of allNumbers) {
          expect(text).not.toContain(number);
          expect(text).not.toContain(number.slice(1));
        }
      }
    }

    async function expectFailure(promise: Promise<unknown>, failure: UpstreamFailure): Promise<UpstreamError> {
      const error = await promise.then(
        (outcome) => {
          throw new Error(`expected UpstreamError '${failure}', got ${JSON.stringify(outcome)}`);
        },
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(UpstreamError);
      const upstream = error as UpstreamError;
      expect({ failure: upstream.failure, message: upstream.message }).toMatchObject({ failure });
      expect(upstream.provider).toBe(adapter.id);
      expectNoPhoneNumber(upstream);
      return upstream;
    }

    it('offers exactly the declared operations', () => {
      expect([...adapter.operations].sort()).toEqual([...options.operations].sort());
    });

    for (const operation of options.operations) {
      const expectations = EXPECTATIONS[operation] as OperationExpectations<OperationId>;
      const endpoint = options.endpointOf(operation);

      describe(operation, () => {
        contractCase('answers', 'answers for a recently swapped number as the world says', async () => {
          const outcome = await execute(operation, options.numbers.swappedRecently);
          expectNoPhoneNumber(outcome);
          expect(outcome.status).toBe('ok');
          const subscriber = network.world.get(options.numbers.swappedRecently)!;
          if (outcome.status === 'ok') expectations.recentlySwapped(outcome.value, subscriber, { maxAgeHours });
        });

        contractCase('answers', 'answers for a never swapped number as the world says', async () => {
          const outcome = await execute(operation, options.numbers.neverSwapped);
          expectNoPhoneNumber(outcome);
          expect(outcome.status).toBe('ok');
          const subscriber = network.world.get(options.numbers.neverSwapped)!;
          if (outcome.status === 'ok') expectations.neverSwapped(outcome.value, subscriber, { maxAgeHours });
        });

        contractCase('not_found', 'answers not_found for a number the provider does not know', async () => {
          const outcome = await execute(operation, options.numbers.unknown);
          expect(outcome.status).toBe('not_found');
          expectNoPhoneNumber(outcome);
        });

        contractCase('not_supported', 'answers not_supported for a line outside the API (IoT)', async () => {
          const outcome = await execute(operation, options.numbers.notApplicable);
          expect(outcome.status).toBe('not_supported');
          expectNoPhoneNumber(outcome);
        });

        contractCase('bad_credentials', "fails with 'auth' when the provider refuses our credentials", async () => {
          const refused = options.makeAdapterWithBadCredentials(network, http);
          try {
            await expectFailure(
              refused.execute(
                { operation, phoneNumber: options.numbers.neverSwapped, params: expectations.params({ maxAgeHours }) },
                context(),
              ),
              'auth',
            );
          } finally {
            await refused.close?.();
          }
        });

        contractCase('server_error', "fails with 'server' on an upstream 5xx", async () => {
          network.faults.add({ carrier: options.carrierId, endpoint, phoneNumber: options.numbers.neverSwapped, kind: 'status', status: 503, times: 1 });
          await expectFailure(execute(operation, options.numbers.neverSwapped), 'server');
        });

        contractCase('rate_limited', "fails with 'rate_limited' and the Retry-After delay on 429", async () => {
          network.faults.add({
            carrier: options.carrierId,
            endpoint,
            phoneNumber: options.numbers.neverSwapped,
            kind: 'status',
            status: 429,
            retryAfter: 2,
            times: 1,
          });
          const error = await expectFailure(execute(operation, options.numbers.neverSwapped), 'rate_limited');
          expect(error.retryAfterMs).toBe(2_000);
        });

        contractCase('malformed', "fails with 'malformed' on a garbled 200 body", async () => {
          network.faults.add({ carrier: options.carrierId, endpoint, phoneNumber: options.numbers.neverSwapped, kind: 'malformed', times: 1 });
          await expectFailure(execute(operation, options.numbers.neverSwapped), 'malformed');
        });

        contractCase('timeout', "fails with 'timeout' when the caller's signal aborts, and drops the request", async () => {
          // Warm up so the abort lands on the API call itself, not on a token request.
          await execute(operation, options.numbers.neverSwapped);
          network.faults.add({ carrier: options.carrierId, endpoint, phoneNumber: options.numbers.neverSwapped, kind: 'hang', times: 1 });
          const before = network.stats.get(options.carrierId, endpoint);
          const abortedBefore = network.stats.get(options.carrierId, ABORTED);
          const controller = new AbortController();
          const pending = execute(operation, options.numbers.neverSwapped, context(controller.signal));
          await vi.waitFor(() => expect(network.stats.get(options.carrierId, endpoint)).toBe(before + 1));
          controller.abort(new DOMException('deadline exceeded', 'TimeoutError'));
          await expectFailure(pending, 'timeout');
          await vi.waitFor(() => expect(network.stats.get(options.carrierId, ABORTED)).toBe(abortedBefore + 1));
        });
      });
    }
  });
}
