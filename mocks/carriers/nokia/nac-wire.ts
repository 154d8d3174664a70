import type { Context } from 'hono';
import { CamaraProblem } from '../shared/camara-wire.ts';

/**
 * NaC's own answers behind RapidAPI are CAMARA-shaped (../shared/camara-wire.ts): `{status, code,
 * message}` errors and the x-correlator contract of Commonalities 0.6 (one rule for every API NaC
 * fronts; inferred). These are the refusals its APIs share and how a request names its line.
 */

export const PROBLEMS = {
  identifierNotFound: () =>
    new CamaraProblem(404, 'IDENTIFIER_NOT_FOUND', 'The phone number provided is not associated with a customer account'),
  serviceNotApplicable: () => new CamaraProblem(422, 'SERVICE_NOT_APPLICABLE', 'The service is not available for the provided identifier.'),
  missingIdentifier: () => new CamaraProblem(422, 'MISSING_IDENTIFIER', 'The device cannot be identified.'),
  unsupportedIdentifier: () => new CamaraProblem(422, 'UNSUPPORTED_IDENTIFIER', 'The identifier provided is not supported.'),
  notImplemented: () => new CamaraProblem(501, 'NOT_IMPLEMENTED', 'This functionality is not implemented yet.'),
};

/** The number a request is about, for fault rules: `phoneNumber` (SIM Swap 0.4 lets it go without '+') or `device.phoneNumber`. */
export async function phoneNumberOfRequest(c: Context): Promise<string | undefined> {
  try {
    const body: unknown = JSON.parse(await c.req.text());
    if (!body || typeof body !== 'object') return undefined;
    const direct = (body as { phoneNumber?: unknown }).phoneNumber;
    if (typeof direct === 'string') return direct.startsWith('+') ? direct : `+${direct}`;
    const device = (body as { device?: { phoneNumber?: unknown } }).device;
    return typeof device?.phoneNumber === 'string' ? device.phoneNumber : undefined;
  } catch {
    return undefined;
  }
}
