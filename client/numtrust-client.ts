/**
 * numtrust/client: typed calls for the gateway's main operations over openapi-fetch, and the
 * openapi-fetch client itself (`raw`) for everything else. docs/client.md.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { Operation, PostPath, RequestBody } from './operations.ts';
import { settle, type OperationResult, type RawOutcome } from './result.ts';
import type { paths } from './schema.d.ts';

export interface NumtrustClientOptions {
  /** The gateway's URL, e.g. `http://127.0.0.1:8080` (no trailing path). */
  baseUrl: string;
  /** A tenant's API key, sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** The fetch to call with (default: globalThis.fetch at creation). */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * How long a typed call waits for the whole answer before settling with CLIENT_TIMEOUT.
   * Default 15 000 ms: longer than the gateway's own deadlines (8 s by default, 10 s at most for
   * an assessment), so its 408 and 504 answers come first.
   */
  timeoutMs?: number;
}

export interface CallOptions {
  /** Sent as x-correlator (the gateway echoes it, and generates one when absent). */
  correlator?: string;
  /** Aborts the call: it settles with ABORTED (CLIENT_TIMEOUT for an AbortSignal.timeout()). */
  signal?: AbortSignal;
  /** This call's time limit, instead of the client's. */
  timeoutMs?: number;
}

export interface CamaraCallOptions extends CallOptions {
  /** Ask only this provider of the number's chain (x-numtrust-provider; testing, diagnosis). */
  provider?: string;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

type Call<Op, Options = CallOptions> = (body: RequestBody<Op>, options?: Options) => Promise<OperationResult<Op>>;
type CallById<Op> = (id: string, options?: CallOptions) => Promise<OperationResult<Op>>;
type CamaraCall<Op> = Call<Op, CamaraCallOptions>;

export interface NumtrustClient {
  /** POST /v1/assessments: the verdict on a number for an action (docs/scoring.md). */
  assess: Call<Operation<'createAssessment'>>;
  /** GET /v1/assessments/{id}: an assessment's record, with its outcome once recorded. */
  getAssessment: CallById<Operation<'getAssessment'>>;
  /** POST /v1/assessments/{id}/outcome: what the assessment turned out to be (fraud or genuine). */
  recordOutcome: (id: string, body: RequestBody<Operation<'recordAssessmentOutcome'>>, options?: CallOptions) => Promise<OperationResult<Operation<'recordAssessmentOutcome'>>>;
  /** POST /v1/ivr/prescreen: the IVR's first-second decision (docs/ivr.md). */
  prescreen: Call<Operation<'ivrPrescreen'>>;
  simSwap: { check: CamaraCall<Operation<'checkSimSwap'>>; retrieveDate: CamaraCall<Operation<'retrieveSimSwapDate'>> };
  deviceSwap: { check: CamaraCall<Operation<'checkDeviceSwap'>>; retrieveDate: CamaraCall<Operation<'retrieveDeviceSwapDate'>> };
  callForwarding: {
    unconditional: CamaraCall<Operation<'retrieveUnconditionalCallForwarding'>>;
    services: CamaraCall<Operation<'retrieveCallForwarding'>>;
  };
  deviceStatus: { reachability: CamaraCall<Operation<'getReachabilityStatus'>>; roaming: CamaraCall<Operation<'getRoamingStatus'>> };
  numberVerification: {
    /** POST /v1/number-verification/sessions: open `authorizationUrl` on the device, then read the session. */
    createSession: Call<Operation<'createNumberVerificationSession'>>;
    getSession: CallById<Operation<'getNumberVerificationSession'>>;
  };
  /**
   * The openapi-fetch client, typed by every path of the gateway, with the API key set. It is
   * openapi-fetch as documented: no time limit, and a failed fetch rejects.
   */
  raw: Client<paths>;
}

interface PreparedCall {
  init: { headers: Record<string, string>; signal: AbortSignal; fetch: (request: Request) => Promise<Response> };
  finish: <Op>(pending: Promise<RawOutcome>) => Promise<OperationResult<Op>>;
}

/** A mistake in the calling code (not an outcome of a call) throws at once, as a TypeError. */
function checkTimeout(timeoutMs: number | undefined): void {
  if (timeoutMs !== undefined && !(Number.isSafeInteger(timeoutMs) && timeoutMs > 0)) {
    throw new TypeError(`numtrust/client: timeoutMs must be a positive whole number of milliseconds, not ${timeoutMs}`);
  }
}

function checkOptions(options: NumtrustClientOptions): void {
  const url = URL.canParse(options.baseUrl) ? new URL(options.baseUrl) : undefined;
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new TypeError(`numtrust/client: baseUrl must be an http or https URL such as http://127.0.0.1:8080, not "${options.baseUrl}"`);
  }
  if (!options.apiKey) throw new TypeError('numtrust/client: apiKey is empty');
  checkTimeout(options.timeoutMs);
}

export function createNumtrustClient(options: NumtrustClientOptions): NumtrustClient {
  checkOptions(options);
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const raw = createClient<paths>({ baseUrl: options.baseUrl, headers: { Authorization: `Bearer ${options.apiKey}` }, fetch: baseFetch });

  /** One call's headers, signal and fetch (which remembers the answer, for a body that then fails to read). */
  const prepare = (call: CamaraCallOptions = {}): PreparedCall => {
    checkTimeout(call.timeoutMs);
    const limit = AbortSignal.timeout(call.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const signal = call.signal ? AbortSignal.any([call.signal, limit]) : limit;
    const headers: Record<string, string> = {};
    if (call.correlator !== undefined) headers['x-correlator'] = call.correlator;
    if (call.provider !== undefined) headers['x-numtrust-provider'] = call.provider;
    let answered: Response | undefined;
    const fetch = async (request: Request) => (answered = await baseFetch(request));
    return {
      init: { headers, signal, fetch },
      finish: (pending) => settle(pending, () => answered, signal),
    };
  };

  /** The typed call of a POST path; its body and answer types are the path's, checked where it is assigned. */
  const post =
    <Path extends PostPath>(path: Path): CamaraCall<paths[Path]['post']> =>
    (body, call) => {
      const { init, finish } = prepare(call);
      // openapi-fetch cannot relate a generic path to its body; the signature above does.
      return finish(raw.POST(path, { body, ...init } as never));
    };

  return {
    assess: post('/v1/assessments'),
    getAssessment: (id, call) => {
      const { init, finish } = prepare(call);
      return finish(raw.GET('/v1/assessments/{id}', { params: { path: { id } }, ...init }));
    },
    recordOutcome: (id, body, call) => {
      const { init, finish } = prepare(call);
      return finish(raw.POST('/v1/assessments/{id}/outcome', { params: { path: { id } }, body, ...init }));
    },
    prescreen: post('/v1/ivr/prescreen'),
    simSwap: { check: post('/sim-swap/v2/check'), retrieveDate: post('/sim-swap/v2/retrieve-date') },
    deviceSwap: { check: post('/device-swap/v1/check'), retrieveDate: post('/device-swap/v1/retrieve-date') },
    callForwarding: {
      unconditional: post('/call-forwarding-signal/v0.4/unconditional-call-forwardings'),
      services: post('/call-forwarding-signal/v0.4/call-forwardings'),
    },
    deviceStatus: { reachability: post('/device-reachability-status/v1/retrieve'), roaming: post('/device-roaming-status/v1/retrieve') },
    numberVerification: {
      createSession: post('/v1/number-verification/sessions'),
      getSession: (id, call) => {
        const { init, finish } = prepare(call);
        return finish(raw.GET('/v1/number-verification/sessions/{id}', { params: { path: { id } }, ...init }));
      },
    },
    raw,
  };
}
