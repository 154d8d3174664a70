import type { Context } from 'hono';
import type { Subscriber } from '../../world/subscriber.ts';
import type { World } from '../../world/world.ts';
import { CamaraProblem } from '../shared/camara-wire.ts';
import type { AccessTokenRecord, OperatorState } from './state.ts';

/**
 * What every mock CAMARA operator API shares beyond the CAMARA wire (../shared/camara-wire.ts):
 * bearer-token checks and the rules that say which phone number a request is about.
 */

/** The valid access token of the request, carrying one of `anyOfScopes`; else 401 / 403. */
export function requireToken(c: Context, state: OperatorState, now: number, anyOfScopes: readonly string[]): AccessTokenRecord {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  const record = match ? state.findAccessToken(match[1]!, now) : undefined;
  if (!record) {
    throw new CamaraProblem(
      401,
      'UNAUTHENTICATED',
      'Request not authenticated due to missing, invalid, or expired credentials. A new authentication is required.',
      { 'www-authenticate': match ? 'Bearer error="invalid_token"' : 'Bearer' },
    );
  }
  if (!anyOfScopes.some((scope) => record.apiScopes.has(scope))) {
    throw new CamaraProblem(403, 'PERMISSION_DENIED', 'Client does not have sufficient permissions to perform this action.');
  }
  return record;
}

/**
 * Which line a request is about.
 * - `exclusive` (Commonalities 0.5+, e.g. SIM Swap v2): a 3-legged token identifies the line and a
 *   body identifier is refused even when equal (422 UNNECESSARY_IDENTIFIER); a 2-legged token needs
 *   one (422 MISSING_IDENTIFIER).
 * - `confirming` (older releases, e.g. SIM Swap v1): a body identifier may accompany a 3-legged
 *   token but must match it (403 INVALID_TOKEN_CONTEXT); neither → 422 UNIDENTIFIABLE_PHONE_NUMBER.
 */
export type IdentificationRule = 'exclusive' | 'confirming';

export function identifyPhoneNumber(
  token: Pick<AccessTokenRecord, 'phoneNumber'>,
  bodyPhoneNumber: string | undefined,
  rule: IdentificationRule,
): string {
  const fromToken = token.phoneNumber;
  if (rule === 'exclusive') {
    if (fromToken && bodyPhoneNumber !== undefined) {
      throw new CamaraProblem(422, 'UNNECESSARY_IDENTIFIER', 'The device is already identified by the access token.');
    }
    const phoneNumber = fromToken ?? bodyPhoneNumber;
    if (!phoneNumber) throw new CamaraProblem(422, 'MISSING_IDENTIFIER', 'The device cannot be identified.');
    return phoneNumber;
  }
  if (fromToken && bodyPhoneNumber !== undefined && bodyPhoneNumber !== fromToken) {
    throw new CamaraProblem(403, 'INVALID_TOKEN_CONTEXT', 'phoneNumber is not consistent with access token');
  }
  const phoneNumber = fromToken ?? bodyPhoneNumber;
  if (!phoneNumber) throw new CamaraProblem(422, 'UNIDENTIFIABLE_PHONE_NUMBER', 'The phone number cannot be identified');
  return phoneNumber;
}

/** The subscriber behind a number this operator serves; a number of another network is unknown here. */
export function servedSubscriber(world: World, operators: ReadonlySet<string>, phoneNumber: string): Subscriber {
  const subscriber = world.isServedBy(phoneNumber, operators);
  if (!subscriber) throw new CamaraProblem(404, 'IDENTIFIER_NOT_FOUND', 'Device identifier not found.');
  return subscriber;
}

/**
 * The number an API request is about, for fault rules: the body's phoneNumber (or device.phoneNumber
 * for the device-status APIs), else the token's line.
 */
export async function phoneNumberOfApiRequest(c: Context, state: OperatorState, now: number): Promise<string | undefined> {
  try {
    const body = JSON.parse(await c.req.text()) as { phoneNumber?: unknown; device?: { phoneNumber?: unknown } } | null;
    if (typeof body?.phoneNumber === 'string') return body.phoneNumber;
    if (typeof body?.device?.phoneNumber === 'string') return body.device.phoneNumber;
  } catch {
    // Not JSON: the handler answers INVALID_ARGUMENT; the token may still name the line.
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  return (match && state.findAccessToken(match[1]!, now)?.phoneNumber) ?? undefined;
}
