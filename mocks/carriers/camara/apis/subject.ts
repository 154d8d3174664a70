/**
 * Who a request is about, for the APIs that follow the Commonalities 0.5+ rule: a 3-legged token
 * names the line and the body must not; a 2-legged token needs the body to.
 */
import type { Subscriber } from '../../../world/subscriber.ts';
import { identifyPhoneNumber, servedSubscriber, type IdentificationRule } from '../camara-http.ts';
import { CamaraProblem } from '../../shared/camara-wire.ts';
import type { AccessTokenRecord } from '../state.ts';
import type { CamaraApiDeps } from './api.ts';

export const SERVICE_NOT_APPLICABLE = { code: 'SERVICE_NOT_APPLICABLE', message: 'The service is not available for the provided identifier.' };

/** The served subscriber the request is about (404 IDENTIFIER_NOT_FOUND for other networks' numbers). */
export function subscriberFor(
  deps: CamaraApiDeps,
  token: Pick<AccessTokenRecord, 'phoneNumber'>,
  bodyPhoneNumber: string | undefined,
  rule: IdentificationRule = 'exclusive',
): { phoneNumber: string; subscriber: Subscriber } {
  const phoneNumber = identifyPhoneNumber(token, bodyPhoneNumber, rule);
  return { phoneNumber, subscriber: servedSubscriber(deps.ctx.world, deps.operators, phoneNumber) };
}

/** IoT and B2B lines are outside the fraud APIs (no voice service, no consumer SIM history). */
export function requireMobileLine(subscriber: Subscriber, notApplicable = SERVICE_NOT_APPLICABLE): void {
  if (subscriber.lineType !== 'mobile') throw new CamaraProblem(422, notApplicable.code, notApplicable.message);
}
