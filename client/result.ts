/**
 * Every call of the client settles to a result, never an exception: the answer's data, or an error
 * in the CAMARA shape `{ status, code, message }`. The gateway's own errors come as it sent them;
 * what the client saw instead of an answer has a code of its own:
 *
 * - NETWORK_ERROR (status 0): no answer: connection refused, DNS, TLS, or in a browser a CORS refusal.
 * - CLIENT_TIMEOUT (status 0): the client's time limit (or an AbortSignal.timeout() of the caller's) ran out first.
 * - ABORTED (status 0): the caller's AbortSignal aborted the call.
 * - UNEXPECTED_RESPONSE (the answer's status): an answer that is not the gateway's JSON (a proxy's page, a cut body).
 */
import type { GatewayError, SuccessBody } from './operations.ts';

export type ClientSideError =
  | { status: 0; code: 'NETWORK_ERROR' | 'CLIENT_TIMEOUT' | 'ABORTED'; message: string }
  | { status: number; code: 'UNEXPECTED_RESPONSE'; message: string };

export type NumtrustResult<Data, Error> =
  | { data: Data; error?: undefined; response: Response }
  | { data?: undefined; error: Error | ClientSideError; response: Response | undefined };

/** The result of one gateway operation. */
export type OperationResult<Op> = NumtrustResult<SuccessBody<Op>, GatewayError<Op>>;

/** Thrown by dataOrThrow: the error of a result, with the answer when there was one. */
export class NumtrustError extends Error {
  readonly status: number;
  readonly code: string;
  readonly response: Response | undefined;

  constructor(error: { status: number; code: string; message: string }, response: Response | undefined) {
    super(error.message);
    this.name = 'NumtrustError';
    this.status = error.status;
    this.code = error.code;
    this.response = response;
  }
}

/** The data of a result, or a NumtrustError thrown: for callers who would rather catch. */
export function dataOrThrow<Data, Error extends { status: number; code: string; message: string }>(result: NumtrustResult<Data, Error>): Data {
  if (result.error !== undefined) throw new NumtrustError(result.error, result.response);
  // No error: the data branch (TypeScript does not narrow a union of generic members by it).
  return result.data as Data;
}

/** What openapi-fetch resolves to (or rejects with), before it is checked. */
export interface RawOutcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

function isCamaraError(body: unknown): body is { status: number; code: string; message: string } {
  if (typeof body !== 'object' || body === null) return false;
  const { status, code, message } = body as Record<string, unknown>;
  return typeof status === 'number' && typeof code === 'string' && typeof message === 'string';
}

/**
 * The result of a call: `pending` is openapi-fetch's promise, `answered` the HTTP answer if one
 * came (a body that failed to read or parse makes openapi-fetch reject after it), `signal` the
 * call's abort signal.
 */
export async function settle<Data, Error>(
  pending: Promise<RawOutcome>,
  answered: () => Response | undefined,
  signal: AbortSignal,
): Promise<NumtrustResult<Data, Error>> {
  let outcome: RawOutcome;
  try {
    outcome = await pending;
  } catch (thrown) {
    return { error: withoutAnswer(thrown, answered(), signal), response: answered() };
  }
  const { data, error, response } = outcome;
  if (response.ok) {
    if (typeof data === 'object' && data !== null) return { data: data as Data, response };
    return { error: unexpected(response, 'the answer has no JSON body'), response };
  }
  if (isCamaraError(error)) return { error: error as Error, response };
  return { error: unexpected(response, 'the error answer is not a CAMARA error'), response };
}

function unexpected(response: Response, why: string): ClientSideError {
  return { status: response.status, code: 'UNEXPECTED_RESPONSE', message: `HTTP ${response.status}: ${why}` };
}

function withoutAnswer(thrown: unknown, response: Response | undefined, signal: AbortSignal): ClientSideError {
  if (signal.aborted) {
    const timedOut = (signal.reason as { name?: unknown } | undefined)?.name === 'TimeoutError';
    return timedOut
      ? { status: 0, code: 'CLIENT_TIMEOUT', message: 'No answer within the time limit' }
      : { status: 0, code: 'ABORTED', message: 'The call was aborted' };
  }
  if (response) return unexpected(response, `the body could not be read (${messageOf(thrown)})`);
  return { status: 0, code: 'NETWORK_ERROR', message: `No answer from the gateway: ${messageOf(thrown)}` };
}

function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
