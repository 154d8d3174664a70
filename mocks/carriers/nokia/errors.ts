import { CamaraProblem } from '../shared/camara-wire.ts';

/**
 * NaC's own error answers behind RapidAPI are CAMARA-shaped (../shared/camara-wire.ts): `{status,
 * code, message}` and the x-correlator contract of Commonalities 0.6 (one rule for every API NaC
 * fronts; inferred). These are the refusals its APIs share; RapidAPI's own are in auth.ts.
 */

export const PROBLEMS = {
  identifierNotFound: () =>
    new CamaraProblem(404, 'IDENTIFIER_NOT_FOUND', 'The phone number provided is not associated with a customer account'),
  serviceNotApplicable: () => new CamaraProblem(422, 'SERVICE_NOT_APPLICABLE', 'The service is not available for the provided identifier.'),
  missingIdentifier: () => new CamaraProblem(422, 'MISSING_IDENTIFIER', 'The device cannot be identified.'),
  unsupportedIdentifier: () => new CamaraProblem(422, 'UNSUPPORTED_IDENTIFIER', 'The identifier provided is not supported.'),
  notImplemented: () => new CamaraProblem(501, 'NOT_IMPLEMENTED', 'This functionality is not implemented yet.'),
};
