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
    // The code is a union of the route's codes and the client's own, and tells the status.
    if (assessed.error.code === 'UNAUTHENTICATED') {
      const status: 401 = assessed.error.status;
      return [unchecked, status];
    }
    // @ts-expect-error not a code of the gateway or the client: the comparison cannot be true
    return [unchecked, assessed.error.code === 'SIM_SWAPPED'];
  }
  const recommendation: 'allow' | 'step_up' | 'specialist' | 'deny' = assessed.data.recommendation;
  // @ts-expect-error a wrong field name in the answer
  const misspelt = assessed.data.recomendation;

  // @ts-expect-error the raw client knows the paths
  await numtrust.raw.GET('/v1/assesments/{id}', { params: { path: { id: 'x' } } });
  return [unchecked, recommendation, misspelt];
}
