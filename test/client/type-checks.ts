/**
 * Compile-time checks of numtrust/client, run by `npm run typecheck` (never executed): each
 * `@ts-expect-error` line must be an error, or the type check fails.
 */
import { createNumtrustClient } from 'numtrust/client';

export async function typeChecks(): Promise<unknown[]> {
  const numtrust = createNumtrustClient({ baseUrl: 'http://127.0.0.1:8080', apiKey: 'key' });

  // @ts-expect-error a wrong field name: `phone` is not a field of an assessment request
  await numtrust.assess({ phone: '+447700900001', context: { channel: 'ivr' } });
  // @ts-expect-error a missing required field: the context
  await numtrust.assess({ phoneNumber: '+447700900001' });
  // @ts-expect-error a value outside the enum
  await numtrust.assess({ phoneNumber: '+447700900001', context: { channel: 'email' } });
  // @ts-expect-error an outcome that does not exist
  await numtrust.recordOutcome('id', { outcome: 'fraud' });
  // @ts-expect-error maxAge is a number
  await numtrust.simSwap.check({ phoneNumber: '+447700900001', maxAge: '24' });

  const assessed = await numtrust.assess({ phoneNumber: '+447700900001', context: { channel: 'ivr' } });
  // @ts-expect-error the data may be absent until the error is ruled out
  const unchecked = assessed.data.recommendation;
  if (assessed.error) {
    // The error's code is one the route documents, or one of the client's own.
    const code: 'INVALID_ARGUMENT' | 'UNAUTHENTICATED' | 'REQUEST_TIMEOUT' | 'UNSUPPORTED_MEDIA_TYPE' | 'TOO_MANY_REQUESTS' | 'QUOTA_EXCEEDED' | 'NETWORK_ERROR' | 'CLIENT_TIMEOUT' | 'ABORTED' | 'UNEXPECTED_RESPONSE' = assessed.error.code;
    // @ts-expect-error an assessment never answers NOT_FOUND
    const notFound: 'NOT_FOUND' = assessed.error.code;
    return [unchecked, code, notFound];
  }
  const recommendation: 'allow' | 'step_up' | 'specialist' | 'deny' = assessed.data.recommendation;
  // @ts-expect-error a wrong field name in the answer
  const misspelt = assessed.data.recomendation;

  // @ts-expect-error the raw client knows the paths
  await numtrust.raw.GET('/v1/assesments/{id}', { params: { path: { id: 'x' } } });
  return [unchecked, recommendation, misspelt];
}
