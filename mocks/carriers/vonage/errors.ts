import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';

/**
 * Vonage-native APIs answer request-level errors as RFC 7807 `application/problem+json`
 * `{type, title, detail, instance}`, with `type` pointing into Vonage's error catalogue.
 * Per-insight failures are not problems: they are statuses inside a 200 (insights.ts).
 */

const CATALOGUE = 'https://developer.vonage.com/api-errors';

export const PROBLEM_KINDS = {
  unauthorized: { status: 401, title: 'Invalid credentials supplied' },
  'jwt-expired': { status: 401, title: 'The JWT provided has expired' },
  'invalid-json': { status: 400, title: 'Malformed JSON' },
  'invalid-params': { status: 400, title: 'Invalid parameters' },
  'wrong-verb': { status: 405, title: 'Request method not allowed' },
  throttled: { status: 429, title: 'Rate Limit Hit' },
  'internal-error': { status: 500, title: 'Internal Error' },
  'service-unavailable': { status: 503, title: 'Service Unavailable' },
} as const;
export type ProblemKind = keyof typeof PROBLEM_KINDS;

export interface InvalidParameter {
  name: string;
  reason: string;
}

export class VonageProblem extends Error {
  readonly kind: ProblemKind;
  readonly invalidParameters: InvalidParameter[] | undefined;

  constructor(kind: ProblemKind, detail: string, invalidParameters?: InvalidParameter[]) {
    super(detail);
    this.name = 'VonageProblem';
    this.kind = kind;
    this.invalidParameters = invalidParameters;
  }
}

export function problemResponse(
  c: Context,
  kind: ProblemKind,
  detail: string,
  options: { status?: number; invalidParameters?: InvalidParameter[]; headers?: Record<string, string> } = {},
): Response {
  const { status: defaultStatus, title } = PROBLEM_KINDS[kind];
  const status = options.status ?? defaultStatus;
  const body: Record<string, unknown> = { type: `${CATALOGUE}#${kind}`, title, detail, instance: randomUUID() };
  if (options.invalidParameters) body.invalid_parameters = options.invalidParameters;
  return c.body(JSON.stringify(body), status as 400, {
    'content-type': 'application/problem+json',
    ...options.headers,
  });
}

/** The problem Vonage sends with an HTTP status, for injected `status` faults. */
export function vonageFaultResponse(c: Context, status: number, message: string): Response {
  return problemResponse(c, kindOfStatus(status), message, { status });
}

function kindOfStatus(status: number): ProblemKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 405) return 'wrong-verb';
  if (status === 429) return 'throttled';
  if (status === 503) return 'service-unavailable';
  if (status >= 500) return 'internal-error';
  return 'invalid-params';
}
