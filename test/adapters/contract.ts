/**
 * The adapter contract suite: one suite, every adapter (CAMARA operators, Twilio, Telesign,
 * Vonage, Nokia), each against its own mock carrier over real HTTP on 127.0.0.1.
 *
 *   runAdapterContract({
 *     name: 'albion (CIBA, client_secret_basic, SIM Swap v2)',
 *     carrierId: 'albion',
 *     operations: ['sim_swap.check', 'sim_swap.retrieve_date'],
 *     makeAdapter: (network, http) => createCamaraAdapter(config(network), { http }),
 *     makeAdapterWithBadCredentials: (network, http) => ...,
 *     endpointOf: (operation) => 'sim-swap/v2/check',
 *     subject: '+447700900002',
 *     unknownNumber: '+447700900990',
 *     notApplicable: '+447700900008',
 *   });
 *
 * For every operation the suite puts `subject` into the operation's true and false state
 * (TRUTH_TABLE below; for the line type: a non-fixed VoIP line and a mobile one) and checks the normalized value; then the answers that are not a value (the
 * upstream cannot tell, a check that failed, an unknown number, a line outside the API, a request
 * refused as the caller's mistake) and the failure cases. An adapter that offers Number
 * Verification runs `number_verification.verify` through the device flow (test/support/device-flow.ts)
 * with the same cases. A case an adapter cannot run is skipped only with a written reason:
 * `skip: { timeout: 'why' }` for every operation, or `skip: { 'call_state.retrieve:timeout': 'why' }`
 * for one. After each case the suite clears the fault rules and puts the carrier's run-time
 * settings back to their defaults (so an arrangement may change either).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HttpClient } from '../../src/contract/http.ts';
import { createFetchHttpClient } from '../../adapters/fetch-http.ts';
import { UpstreamError, type Adapter, type CallContext, type NumberVerifier, type OperationOutcome, type UpstreamFailure } from '../../src/contract/adapter.ts';
import type { OperationId, OperationParams, OperationValue } from '../../src/contract/signals.ts';
import { startMockNetwork } from '../../mocks/network.ts';
import { ABORTED } from '../../mocks/stats.ts';
import type { Subscriber, SubscriberInput } from '../../mocks/world/subscriber.ts';
import { codeFromDevice, DEVICE_FLOW_CALLBACK } from '../support/device-flow.ts';

export type MockNetwork = Awaited<ReturnType<typeof startMockNetwork>>;

/** Operations asked through execute(); number_verification.verify runs through NumberVerifier. */
export type ExecutableOperationId = Exclude<OperationId, 'number_verification.verify'>;

export const CONTRACT_CASES = [
  'true',
  'false',
  'unknown',
  'check_failed',
  'not_found',
  'not_supported',
  'rejected',
  'bad_credentials',
  'server_error',
  'rate_limited',
  'malformed',
  'timeout',
] as const;
export type ContractCase = (typeof CONTRACT_CASES)[number];
export type ContractSkipKey = ContractCase | `${OperationId}:${ContractCase}`;

/** Puts the mock in some state for the subject: its world entry, a fault rule, the carrier's settings. */
export type Arrangement = (network: MockNetwork, phoneNumber: string) => void | Promise<void>;

/** A request the provider refuses as the caller's mistake, and the refusal's code. */
export interface RefusedRequest<Op extends ExecutableOperationId> {
  code: 'OUT_OF_RANGE' | 'INVALID_ARGUMENT';
  /** Parameters it refuses (a maxAge beyond its window); default the operation's usual ones. */
  params?: OperationParams<Op>;
  /** The subject in a form it refuses, instead of `subject`. */
  phoneNumber?: string;
  /** Makes the upstream refuse (a per-check refusal inside an answer). */
  arrange?: Arrangement;
}

/** Where the device flow of an adapter offering Number Verification runs: on `subject`'s line. */
export interface DeviceFlowSubject {
  /** The address of `subject`'s mobile data session: the device. */
  deviceIp: string;
  /** Another line of the same operator: claimed from the subject's device, it is not verified. */
  otherLine: string;
}

/** Swap checks looking back further than the operator's legal window (`windowDays`): OUT_OF_RANGE. */
export function beyondWindow(windowDays: number) {
  const refused = { code: 'OUT_OF_RANGE', params: { maxAgeHours: windowDays * 24 + 1 } } as const;
  return { 'sim_swap.check': refused, 'device_swap.check': refused };
}

/** A line with no history at all (never attached, no change on record): Device Swap's "no data". */
export const neverAttached: Arrangement = (network, phoneNumber) => {
  const current = network.world.get(phoneNumber)!;
  network.world.put(phoneNumber, { ...current, activatedAt: null, simChangedAt: null, deviceChangedAt: null });
};

/** Facts some upstreams do not report; the suite then accepts null (or nothing) for them. */
export interface NotReported {
  /** call_state.retrieve: the upstream says whether a call is up, not who placed it (direction null). */
  callDirection?: true;
  /** reachability.retrieve: the upstream says reachable or not, not over which connectivity. */
  connectivity?: true;
  /** roaming.retrieve: the upstream gives the visited country, not its MCC (countryCode null). */
  countryCode?: true;
  /** line_type.retrieve: the upstream has one VoIP class, fixed or not (`voip`). */
  voipKind?: true;
}

export interface AdapterContractOptions {
  name: string;
  /** Mock carrier the adapter talks to: its requests are counted and faults are aimed at it. */
  carrierId: string;
  /** Exactly what the adapter offers through execute() (number_verification.verify is not asked that way). */
  operations: readonly OperationId[];
  makeAdapter(network: MockNetwork, http: HttpClient): Adapter;
  /** The same adapter with credentials the upstream refuses. */
  makeAdapterWithBadCredentials(network: MockNetwork, http: HttpClient): Adapter;
  /** Stats endpoint name of the upstream call behind an operation (faults are aimed at it). */
  endpointOf(operation: OperationId): string;
  /** A number this carrier serves; the suite rewrites its world state per case (keeping its operator). */
  subject: string;
  /** A number this carrier does not know → not_found. */
  unknownNumber: string;
  /** A line the carrier does not offer the checks for (IoT) → not_supported. Without it, skip.not_supported must say why. */
  notApplicable?: string;
  /** Adds what the scenario lacks (e.g. the notApplicable IoT line) before the suite runs. */
  prepareWorld?(network: MockNetwork): void | Promise<void>;
  /**
   * Arranges an honest "cannot tell" for the subject (no data for this number, a date withheld,
   * isInVoiceCall null, a 422 "no data"): the outcome must be a definite non-answer (not_supported
   * or not_found, with a message), never ok and never a thrown failure. An operation without one
   * is skipped (give the reason in `skip` when the generic one says too little).
   */
  cannotTell?: { [Op in ExecutableOperationId]?: Arrangement };
  /** Arranges an answer saying the check itself failed for the subject (an error inside a 200): a thrown UpstreamError. */
  checkFailed?: { [Op in ExecutableOperationId]?: Arrangement };
  /**
   * Requests the provider refuses as the caller's mistake (the `rejected` outcome). A swap check
   * without one must be skipped with the reason (e.g. full history: every maxAge fits).
   */
  rejected?: { [Op in ExecutableOperationId]?: RefusedRequest<Op> };
  /** Given exactly when the adapter offers Number Verification (the device flow). */
  numberVerification?: DeviceFlowSubject;
  /** Parameters per operation; default maxAgeHours 72 for the swap checks, {} elsewhere. */
  params?: { [Op in OperationId]?: OperationParams<Op> };
  notReported?: NotReported;
  /** HttpClient the adapter uses; default the platform fetch one. */
  http?: () => HttpClient;
  /** Cases this adapter cannot run, each with the reason: a case for every operation, or `${op}:${case}`. */
  skip?: { [K in ContractSkipKey]?: string };
}

interface Truth<Op extends ExecutableOperationId> {
  /** The subject's world state (over a neutral base) for the true and the false case. */
  trueState: Partial<SubscriberInput>;
  falseState: Partial<SubscriberInput>;
  expectTrue(value: OperationValue<Op>, context: TruthContext<Op>): void;
  expectFalse(value: OperationValue<Op>, context: TruthContext<Op>): void;
}

interface TruthContext<Op extends ExecutableOperationId> {
  subscriber: Subscriber;
  params: OperationParams<Op>;
  notReported: NotReported;
}

const SAME_INSTANT_MS = 1_000;
const ONE_DAY_S = 86_400;

function expectSameInstant(actual: string | null, expected: string | null): void {
  expect(actual).not.toBeNull();
  expect(expected).not.toBeNull();
  expect(Math.abs(Date.parse(actual!) - Date.parse(expected!))).toBeLessThan(SAME_INSTANT_MS);
}

function expectTimeOrNull(value: string | null): void {
  if (value !== null) expect(Number.isNaN(Date.parse(value))).toBe(false);
}

function expectMonitoredPeriod(days: number | null): void {
  expect(days === null || (Number.isInteger(days) && days > 0)).toBe(true);
}

/**
 * After a never-changed line: full history answers the activation date; a retention window
 * answers null ("no change within monitoredPeriod").
 */
function expectNoChange(latest: string | null, monitoredPeriodDays: number | null, subscriber: Subscriber): void {
  if (latest !== null) expectSameInstant(latest, subscriber.activatedAt);
  expectMonitoredPeriod(monitoredPeriodDays);
}

/** A mobile line that nothing has happened to: every check answers its false state on it. */
const NEUTRAL_STATE = {
  activatedAt: '3 years ago',
  simChangedAt: null,
  deviceChangedAt: null,
  forwarding: [],
  call: null,
  roaming: null,
  reachable: ['DATA', 'SMS'],
  lineType: 'mobile',
} satisfies Partial<SubscriberInput>;

/** How to put the subject in each operation's true and false state, and what the value must then be. */
const TRUTH_TABLE: { [Op in ExecutableOperationId]: Truth<Op> } = {
  'sim_swap.check': {
    trueState: { simChangedAt: '1 hour ago' },
    falseState: { simChangedAt: null },
    expectTrue: (value, { params }) => expect(value).toEqual({ swapped: true, maxAgeHours: params.maxAgeHours }),
    expectFalse: (value, { params }) => expect(value).toEqual({ swapped: false, maxAgeHours: params.maxAgeHours }),
  },
  'sim_swap.retrieve_date': {
    trueState: { simChangedAt: '1 hour ago' },
    falseState: { simChangedAt: null },
    expectTrue: (value, { subscriber }) => {
      expectSameInstant(value.latestSimChange, subscriber.simChangedAt);
      expectMonitoredPeriod(value.monitoredPeriodDays);
    },
    expectFalse: (value, { subscriber }) => expectNoChange(value.latestSimChange, value.monitoredPeriodDays, subscriber),
  },
  'device_swap.check': {
    trueState: { deviceChangedAt: '1 hour ago' },
    falseState: { deviceChangedAt: null },
    expectTrue: (value, { params }) => expect(value).toEqual({ swapped: true, maxAgeHours: params.maxAgeHours }),
    expectFalse: (value, { params }) => expect(value).toEqual({ swapped: false, maxAgeHours: params.maxAgeHours }),
  },
  'device_swap.retrieve_date': {
    trueState: { deviceChangedAt: '1 hour ago' },
    falseState: { deviceChangedAt: null },
    expectTrue: (value, { subscriber }) => {
      expectSameInstant(value.latestDeviceChange, subscriber.deviceChangedAt);
      expectMonitoredPeriod(value.monitoredPeriodDays);
    },
    expectFalse: (value, { subscriber }) => expectNoChange(value.latestDeviceChange, value.monitoredPeriodDays, subscriber),
  },
  'call_forwarding.unconditional': {
    trueState: { forwarding: ['unconditional'] },
    falseState: { forwarding: [] },
    expectTrue: (value) => expect(value).toEqual({ active: true }),
    expectFalse: (value) => expect(value).toEqual({ active: false }),
  },
  'call_forwarding.services': {
    trueState: { forwarding: ['conditional_busy', 'unconditional'] },
    falseState: { forwarding: [] },
    expectTrue: (value) => expect([...value.services].sort()).toEqual(['conditional_busy', 'unconditional']),
    expectFalse: (value) => expect(value).toEqual({ services: [] }),
  },
  'call_state.retrieve': {
    trueState: { call: { direction: 'outgoing', peer: '+442079460123', startedAt: '30 seconds ago' } },
    falseState: { call: null },
    expectTrue: (value, { notReported }) => {
      expect(value.onCall).toBe(true);
      expect(value.direction).toBe(notReported.callDirection ? null : 'outgoing');
      if (value.durationSeconds !== null) {
        expect(value.durationSeconds).toBeGreaterThanOrEqual(0);
        expect(value.durationSeconds).toBeLessThan(ONE_DAY_S);
      }
    },
    expectFalse: (value) => {
      expect(value.onCall).toBe(false);
      expect(value.direction).toBeNull();
    },
  },
  'reachability.retrieve': {
    trueState: { reachable: ['DATA', 'SMS'] },
    falseState: { reachable: [] },
    expectTrue: (value, { notReported }) => {
      expect(value.reachable).toBe(true);
      const connectivity = [...value.connectivity].sort();
      if (notReported.connectivity) for (const each of connectivity) expect(['DATA', 'SMS']).toContain(each);
      else expect(connectivity).toEqual(['DATA', 'SMS']);
      expectTimeOrNull(value.lastStatusTime);
    },
    expectFalse: (value) => {
      expect(value.reachable).toBe(false);
      expect(value.connectivity).toEqual([]);
      expectTimeOrNull(value.lastStatusTime);
    },
  },
  'line_type.retrieve': {
    trueState: { lineType: 'non_fixed_voip' },
    falseState: { lineType: 'mobile' },
    expectTrue: (value, { notReported }) => expect(value).toEqual({ lineType: notReported.voipKind ? 'voip' : 'non_fixed_voip' }),
    expectFalse: (value) => expect(value).toEqual({ lineType: 'mobile' }),
  },
  'roaming.retrieve': {
    trueState: { roaming: { country: 'FR' } },
    falseState: { roaming: null },
    expectTrue: (value, { notReported }) => {
      expect(value.roaming).toBe(true);
      expect(value.countries).toContain('FR');
      if (notReported.countryCode) expect([null, 208]).toContain(value.countryCode);
      else expect(value.countryCode).toBe(208);
      expectTimeOrNull(value.lastStatusTime);
    },
    expectFalse: (value) => {
      expect(value.roaming).toBe(false);
      expectTimeOrNull(value.lastStatusTime);
    },
  },
};

function defaultParams<Op extends ExecutableOperationId>(operation: Op): OperationParams<Op> {
  const swapCheck = operation === 'sim_swap.check' || operation === 'device_swap.check';
  return (swapCheck ? { maxAgeHours: 72 } : {});
}

export function runAdapterContract(options: AdapterContractOptions): void {
  const skip: Partial<Record<string, string>> = options.skip ?? {};
  const notReported = options.notReported ?? {};
  const numbers = [
    options.subject,
    options.unknownNumber,
    ...(options.notApplicable ? [options.notApplicable] : []),
    ...(options.numberVerification ? [options.numberVerification.otherLine] : []),
  ];
  const paramsOf = <Op extends ExecutableOperationId>(operation: Op): OperationParams<Op> =>
    (options.params?.[operation] as OperationParams<Op> | undefined) ?? defaultParams(operation);

  describe(`adapter contract: ${options.name}`, () => {
    let network: MockNetwork;
    let http: HttpClient;
    let adapter: Adapter;
    let subjectOperator: string;

    beforeAll(async () => {
      network = await startMockNetwork({ port: 0 });
      await options.prepareWorld?.(network);
      const subject = network.world.get(options.subject);
      if (!subject) throw new Error(`contract subject is not in the world (add it in prepareWorld)`);
      subjectOperator = subject.operator;
      http = (options.http ?? (() => createFetchHttpClient()))();
      adapter = options.makeAdapter(network, http);
    });
    afterEach(() => {
      network.faults.clear();
      network.carrier(options.carrierId).settings.reset();
    });
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

    /** Rewrites the subject: a neutral mobile line of its operator, then `state` on top. */
    function setSubject(state: Partial<SubscriberInput>): Subscriber {
      const current = network.world.get(options.subject)!;
      return network.world.put(options.subject, { ...current, ...NEUTRAL_STATE, ...state, operator: subjectOperator });
    }

    function execute<Op extends ExecutableOperationId>(
      operation: Op,
      phoneNumber: string,
      ctx = context(),
      on: Adapter = adapter,
    ): Promise<OperationOutcome<Op>> {
      return on.execute({ operation, phoneNumber, params: paramsOf(operation) }, ctx);
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
        for (const number of numbers) {
          expect(text).not.toContain(number);
          expect(text).not.toContain(number.slice(1));
        }
      }
    }

    /** `failure` absent: any UpstreamError will do (a check that failed may be told as server, rejected or timeout). */
    async function expectFailure(promise: Promise<unknown>, failure?: UpstreamFailure): Promise<UpstreamError> {
      const error = await promise.then(
        (outcome) => {
          throw new Error(`expected UpstreamError '${failure ?? 'any'}', got ${JSON.stringify(outcome)}`);
        },
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(UpstreamError);
      const upstream = error as UpstreamError;
      if (failure !== undefined) expect({ failure: upstream.failure, message: upstream.message }).toMatchObject({ failure });
      expect(upstream.provider).toBe(adapter.id);
      expectNoPhoneNumber(upstream);
      return upstream;
    }

    /** How one operation is asked, and the state its failure cases start from. */
    interface Asking {
      operation: OperationId;
      endpoint: string;
      ask: (phoneNumber: string, ctx?: CallContext, on?: Adapter) => Promise<OperationOutcome>;
      neutral: () => void;
    }

    function caseRunner(operation: OperationId) {
      return (name: ContractCase, title: string, body: () => Promise<void>, defaultSkip?: string) => {
        const reason = skip[`${operation}:${name}`] ?? skip[name] ?? defaultSkip;
        if (reason !== undefined) it.skip(`${title} [skipped: ${reason}]`, body);
        else it(title, body);
      };
    }

    /** The cases every operation shares: the upstream refuses our credentials, fails, garbles, hangs. */
    function failureCases({ operation, endpoint, ask, neutral }: Asking): void {
      const contractCase = caseRunner(operation);
      const fault = (rule: Record<string, unknown>) =>
        network.faults.add({ carrier: options.carrierId, endpoint, phoneNumber: options.subject, times: 1, ...rule });

      contractCase('bad_credentials', "fails with 'auth' when the provider refuses our credentials", async () => {
        neutral();
        const refused = options.makeAdapterWithBadCredentials(network, http);
        try {
          await expectFailure(ask(options.subject, context(), refused), 'auth');
        } finally {
          await refused.close?.();
        }
      });

      contractCase('server_error', "fails with 'server' on an upstream 5xx", async () => {
        neutral();
        fault({ kind: 'status', status: 503 });
        await expectFailure(ask(options.subject), 'server');
      });

      contractCase('rate_limited', "fails with 'rate_limited' and the Retry-After delay on 429", async () => {
        neutral();
        fault({ kind: 'status', status: 429, retryAfter: 2 });
        const error = await expectFailure(ask(options.subject), 'rate_limited');
        expect(error.retryAfterMs).toBe(2_000);
      });

      contractCase('malformed', "fails with 'malformed' on a garbled 200 body", async () => {
        neutral();
        fault({ kind: 'malformed' });
        await expectFailure(ask(options.subject), 'malformed');
      });

      contractCase('timeout', "fails with 'timeout' when the caller's signal aborts, and drops the request", async () => {
        neutral();
        // Warm up so the abort lands on the API call itself, not on a token request.
        await ask(options.subject);
        fault({ kind: 'hang' });
        const before = network.stats.get(options.carrierId, endpoint);
        const abortedBefore = network.stats.get(options.carrierId, ABORTED);
        const controller = new AbortController();
        const pending = ask(options.subject, context(controller.signal));
        await vi.waitFor(() => expect(network.stats.get(options.carrierId, endpoint)).toBe(before + 1));
        controller.abort(new DOMException('deadline exceeded', 'TimeoutError'));
        await expectFailure(pending, 'timeout');
        await vi.waitFor(() => expect(network.stats.get(options.carrierId, ABORTED)).toBe(abortedBefore + 1));
      });
    }

    it('offers exactly the declared operations, and Number Verification exactly when declared', () => {
      expect([...adapter.operations].sort()).toEqual([...options.operations].sort());
      expect(adapter.numberVerification !== undefined).toBe(options.numberVerification !== undefined);
    });

    for (const operation of options.operations) {
      if (operation === 'number_verification.verify') {
        throw new Error('number_verification.verify is not asked through execute(): give numberVerification instead');
      }
      const truth = TRUTH_TABLE[operation] as unknown as Truth<ExecutableOperationId>;
      const asking: Asking = {
        operation,
        endpoint: options.endpointOf(operation),
        ask: (phoneNumber, ctx = context(), on = adapter) => execute(operation, phoneNumber, ctx, on),
        neutral: () => setSubject(truth.falseState),
      };
      const contractCase = caseRunner(operation);

      describe(operation, () => {
        for (const which of ['true', 'false'] as const) {
          contractCase(which, `answers the ${which} state as the world says`, async () => {
            const subscriber = setSubject(which === 'true' ? truth.trueState : truth.falseState);
            const outcome = await execute(operation, options.subject);
            expectNoPhoneNumber(outcome);
            expect(outcome).toMatchObject({ status: 'ok' });
            if (outcome.status !== 'ok') return;
            const truthContext = { subscriber, params: paramsOf(operation), notReported };
            if (which === 'true') truth.expectTrue(outcome.value, truthContext);
            else truth.expectFalse(outcome.value, truthContext);
          });
        }

        const cannotTell = options.cannotTell?.[operation];
        contractCase(
          'unknown',
          'says it cannot tell when the upstream cannot: not_supported or not_found with a message, never ok, never a failure',
          async () => {
            setSubject(truth.falseState);
            await cannotTell!(network, options.subject);
            const outcome = await execute(operation, options.subject);
            expectNoPhoneNumber(outcome);
            expect(['not_supported', 'not_found']).toContain(outcome.status);
            expect('message' in outcome && outcome.message).toMatch(/\S/);
          },
          cannotTell ? undefined : 'the upstream has no "cannot tell" answer for this operation (no cannotTell)',
        );

        const checkFailed = options.checkFailed?.[operation];
        contractCase(
          'check_failed',
          'fails, never answers, when the upstream says the check itself failed for this number',
          async () => {
            setSubject(truth.falseState);
            await checkFailed!(network, options.subject);
            await expectFailure(execute(operation, options.subject));
          },
          checkFailed ? undefined : 'the upstream has no failure of one check inside an answer (no checkFailed)',
        );

        contractCase('not_found', 'answers not_found for a number the provider does not know', async () => {
          const outcome = await execute(operation, options.unknownNumber);
          expect(outcome.status).toBe('not_found');
          expectNoPhoneNumber(outcome);
        });

        contractCase(
          'not_supported',
          'answers not_supported for a line outside the API',
          async () => {
            const outcome = await execute(operation, options.notApplicable!);
            expect(outcome.status).toBe('not_supported');
            expectNoPhoneNumber(outcome);
          },
          options.notApplicable ? undefined : 'no notApplicable line given',
        );

        const refused = options.rejected?.[operation] as RefusedRequest<ExecutableOperationId> | undefined;
        const takesParameters = Object.keys(defaultParams(operation)).length > 0;
        contractCase(
          'rejected',
          "answers rejected, with the refusal's code, for a request the provider calls the caller's mistake",
          async () => {
            if (!refused) throw new Error(`no rejected.${operation}: give one, or skip '${operation}:rejected' with the reason`);
            setSubject(truth.falseState);
            await refused.arrange?.(network, options.subject);
            const outcome = await adapter.execute(
              { operation, phoneNumber: refused.phoneNumber ?? options.subject, params: refused.params ?? paramsOf(operation) },
              context(),
            );
            expect(outcome).toMatchObject({ status: 'rejected', code: refused.code, message: expect.stringMatching(/\S/) });
            expectNoPhoneNumber(outcome);
          },
          refused || takesParameters ? undefined : 'the operation takes no parameter a caller could get wrong (no rejected arrangement)',
        );

        failureCases(asking);
      });
    }

    if (options.numberVerification) numberVerificationCases(options.numberVerification);

    /**
     * number_verification.verify through the device flow: the device on the subject's line, the
     * code it brings back exchanged and /verify asked. The code is single-use, so every ask runs
     * a flow of its own.
     */
    function numberVerificationCases(device: DeviceFlowSubject): void {
      const operation = 'number_verification.verify';
      const verifierOf = (on: Adapter): NumberVerifier => {
        if (!on.numberVerification) throw new Error(`${on.id} offers no Number Verification`);
        return on.numberVerification;
      };
      const verify = async (claimed: string, ctx = context(), on = adapter): Promise<OperationOutcome> => {
        const { code, codeVerifier, state } = await codeFromDevice(verifierOf(on), device.deviceIp, ctx.tenantId, claimed);
        return verifierOf(on).verify(
          { tenantId: ctx.tenantId, redirectUri: DEVICE_FLOW_CALLBACK, code, codeVerifier, state, phoneNumber: claimed },
          ctx,
        );
      };
      const contractCase = caseRunner(operation);

      describe(operation, () => {
        contractCase('true', "verifies the number of the device's own line", async () => {
          setSubject({});
          const outcome = await verify(options.subject);
          expectNoPhoneNumber(outcome);
          expect(outcome).toEqual({ status: 'ok', value: { verified: true } });
        });

        contractCase('false', 'does not verify another line claimed from the device', async () => {
          setSubject({});
          const outcome = await verify(device.otherLine);
          expectNoPhoneNumber(outcome);
          expect(outcome).toEqual({ status: 'ok', value: { verified: false } });
        });

        const noSuchAnswer = {
          unknown:
            'the mocks issue Number Verification codes and tokens only through network-based authentication, so /verify never answers 403 USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK (its not_supported: camara- and nokia-number-verification.test.ts)',
          check_failed: '/verify has no per-check error inside its answer',
          not_found: '/verify compares the line the network authenticated with the claim: a number the operator does not know is not the device’s (verified false)',
          not_supported: 'a device off mobile data gets no code (access_denied at the authorization endpoint): /verify is never asked',
          rejected: 'Number Verification takes no parameter a caller could get wrong',
        } as const;
        for (const [name, reason] of Object.entries(noSuchAnswer)) it.skip(`${name} [skipped: ${reason}]`, () => {});

        failureCases({
          operation,
          endpoint: options.endpointOf(operation),
          ask: verify,
          neutral: () => setSubject({}),
        });
      });
    }
  });
}
