/** How every CAMARA-speaking upstream (operators, NaC) is asked: a JSON POST carrying the caller's x-correlator. */
import type { HttpClient, HttpResponse } from '../../src/contract/http.ts';
import type { CallContext } from '../../src/contract/adapter.ts';

/**
 * x-correlator values every Commonalities release accepts (0.5: `^[a-zA-Z0-9-]{0,55}$`; 0.6 allows
 * more). An operator may be on any release of an API (and NaC fronts APIs of several) and answers
 * 400 to a value its release refuses, so other values (rare; UUIDs pass) are not forwarded.
 */
const PORTABLE_CORRELATOR = /^[a-zA-Z0-9-]{1,55}$/;

export function postCamaraRequest(
  http: HttpClient,
  request: { url: string; credentials: Record<string, string>; body: unknown },
  context: CallContext,
): Promise<HttpResponse> {
  const correlator = context.correlator;
  return http.send({
    method: 'POST',
    url: request.url,
    headers: {
      ...request.credentials,
      'content-type': 'application/json',
      accept: 'application/json',
      ...(correlator !== undefined && PORTABLE_CORRELATOR.test(correlator) ? { 'x-correlator': correlator } : {}),
    },
    body: JSON.stringify(request.body),
    signal: context.signal,
  });
}
