/**
 * Node/Worker parity: one list of requests that leave the world as it is, and what of an answer
 * must match between the Node gateway and the Worker (status, the answering provider and the body
 * without the fields that differ per request: ids, correlators, times, latencies, session URLs).
 * Runtime-free: used inside workerd (test-worker/parity.test.ts) and on Node (scripts/parity-worker.ts).
 */
export interface ParityRequest {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Default: the tenant's API key as a bearer token and a JSON content type for a body. */
  headers?: Record<string, string>;
  withoutKey?: boolean;
}

const PER_REQUEST_FIELDS = new Set(['correlator', 'assessedAt', 'latencyMs', 'ageSeconds', 'sessionId', 'authorizationUrl', 'expiresAt', 'version', 'assessmentId', 'lastStatusTime', 'agentScreenUrl']);

const check = (phoneNumber: string, maxAge = 72) => ({ phoneNumber, maxAge });
const assessment = (phoneNumber: string, riskTier: string) => ({ phoneNumber, context: { channel: 'ivr', riskTier, inboundCall: true } });

export const PARITY_REQUESTS: ParityRequest[] = [
  ...['+447700900001', '+447700900002', '+447700900501', '+447700900502', '+12025550101', '+12025550102'].map((phoneNumber) => ({
    name: `sim swap check ${phoneNumber}`,
    method: 'POST' as const,
    path: '/sim-swap/v2/check',
    body: check(phoneNumber),
  })),
  { name: 'sim swap retrieve-date (CIBA operator)', method: 'POST', path: '/sim-swap/v2/retrieve-date', body: { phoneNumber: '+447700900001' } },
  { name: 'sim swap retrieve-date outside the window', method: 'POST', path: '/sim-swap/v2/retrieve-date', body: { phoneNumber: '+447700900503' } },
  { name: 'device swap check', method: 'POST', path: '/device-swap/v1/check', body: check('+447700900502', 24) },
  { name: 'device swap retrieve-date', method: 'POST', path: '/device-swap/v1/retrieve-date', body: { phoneNumber: '+12025550101' } },
  { name: 'unconditional call forwarding', method: 'POST', path: '/call-forwarding-signal/v0.4/unconditional-call-forwardings', body: { phoneNumber: '+447700900001' } },
  { name: 'call forwardings', method: 'POST', path: '/call-forwarding-signal/v0.4/call-forwardings', body: { phoneNumber: '+447700900502' } },
  { name: 'reachability', method: 'POST', path: '/device-reachability-status/v1/retrieve', body: { device: { phoneNumber: '+447700900502' } } },
  { name: 'roaming', method: 'POST', path: '/device-roaming-status/v1/retrieve', body: { device: { phoneNumber: '+447700900001' } } },
  { name: 'pinned to an aggregator', method: 'POST', path: '/sim-swap/v2/check', body: check('+447700900002'), headers: { 'x-numtrust-provider': 'vonage' } },
  { name: 'assessment, low risk', method: 'POST', path: '/v1/assessments', body: assessment('+447700900002', 'low') },
  { name: 'assessment, high risk, swapped SIM', method: 'POST', path: '/v1/assessments', body: assessment('+447700900001', 'high') },
  { name: 'assessment of an unknown number', method: 'POST', path: '/v1/assessments', body: assessment('+447700900444', 'high') },
  { name: 'number verification session', method: 'POST', path: '/v1/number-verification/sessions', body: { phoneNumber: '+447700900502' } },
  { name: 'number verification session through NaC', method: 'POST', path: '/v1/number-verification/sessions', body: { phoneNumber: '+12025550102' } },
  { name: 'number verification outside every route', method: 'POST', path: '/v1/number-verification/sessions', body: { phoneNumber: '+33612345678' } },
  { name: 'health', method: 'GET', path: '/health', withoutKey: true },
  { name: 'OpenAPI document', method: 'GET', path: '/openapi.json', withoutKey: true },
  { name: '401 without a key', method: 'POST', path: '/sim-swap/v2/check', body: check('+447700900002'), withoutKey: true },
  { name: '400 malformed number', method: 'POST', path: '/sim-swap/v2/check', body: { phoneNumber: '447700900001' } },
  { name: '400 unknown property', method: 'POST', path: '/sim-swap/v2/check', body: { phoneNumber: '+447700900001', color: 'blue' } },
  { name: '400 body not JSON', method: 'POST', path: '/sim-swap/v2/retrieve-date', body: '{"phoneNumber":' },
  { name: '400 OUT_OF_RANGE', method: 'POST', path: '/sim-swap/v2/check', body: check('+447700900501', 200), headers: { 'x-numtrust-provider': 'brightwave' } },
  { name: '404 unknown path', method: 'POST', path: '/sim-swap/v9/check', body: {} },
  { name: '404 unknown number', method: 'POST', path: '/sim-swap/v2/check', body: check('+33612345678') },
  { name: '405 wrong method', method: 'GET', path: '/sim-swap/v2/check' },
  { name: '405 wrong method on assessments', method: 'GET', path: '/v1/assessments' },
  { name: '413 body over the limit', method: 'POST', path: '/sim-swap/v2/check', body: { phoneNumber: '+447700900002', pad: 'x'.repeat(20_000) } },
  { name: '400 number under the device spelling', method: 'POST', path: '/sim-swap/v2/check', body: { device: { phoneNumber: '+447700900002' } } },
  { name: '415 form body', method: 'POST', path: '/sim-swap/v2/check', body: 'phoneNumber=%2B447700900001', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  { name: '422 missing identifier', method: 'POST', path: '/sim-swap/v2/check', body: { maxAge: 24 } },
  { name: '422 missing identifier on assessments', method: 'POST', path: '/v1/assessments', body: { context: { channel: 'ivr', action: 'change_address' } } },
  { name: '422 IoT line', method: 'POST', path: '/sim-swap/v2/check', body: check('+447700900008', 24) },
];

/** The request for `baseUrl`, as a client would send it. */
export function parityRequest(baseUrl: string, apiKey: string, request: ParityRequest): Request {
  const headers: Record<string, string> = {};
  if (!request.withoutKey) headers.authorization = `Bearer ${apiKey}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  return new Request(baseUrl + request.path, {
    method: request.method,
    headers: { ...headers, ...request.headers },
    body: request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body),
  });
}

export interface ComparableAnswer {
  status: number;
  provider: string | null;
  body: unknown;
}

function withoutPerRequestFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPerRequestFields);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !PER_REQUEST_FIELDS.has(key)).map(([key, inner]) => [key, withoutPerRequestFields(inner)]));
}

export async function comparable(response: Response): Promise<ComparableAnswer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: compared as text.
  }
  return { status: response.status, provider: response.headers.get('x-numtrust-provider'), body: withoutPerRequestFields(body) };
}
