/**
 * One message per code, as the gateway writes it, for the examples of the OpenAPI document's
 * error answers (docs/errors.md says when each is answered).
 */
import type { CamaraCode } from '../errors.ts';

export const ERROR_EXAMPLES: Record<CamaraCode, string> = {
  INVALID_ARGUMENT: 'phoneNumber must be a string in E.164 format: a + and 5 to 15 digits without spaces, starting with the country code.',
  OUT_OF_RANGE: 'maxAge is beyond the period the operator keeps SIM changes for.',
  UNAUTHENTICATED: 'Request not authenticated due to missing, invalid, or expired credentials. Send Authorization: Bearer <api key>.',
  PERMISSION_DENIED: 'Outcomes are recorded from the call check page only.',
  INVALID_TOKEN_CONTEXT: 'The phone number does not match the one the access token was issued for.',
  NOT_FOUND: 'No such assessment: unknown, of another tenant, or past its retention.',
  IDENTIFIER_NOT_FOUND: 'Device identifier not found.',
  METHOD_NOT_ALLOWED: 'GET is not allowed on /v1/assessments; use POST.',
  NOT_ACCEPTABLE: 'The answer can only be application/json.',
  REQUEST_TIMEOUT: 'The request body did not arrive within the request deadline (5000 ms).',
  CONFLICT: 'An outcome was already recorded for this assessment (genuine); it is recorded once.',
  GONE: 'This link has expired. Open the call again from your desktop to get a new link.',
  CONTENT_TOO_LARGE: 'The request body is larger than this gateway accepts (16384 bytes).',
  UNSUPPORTED_MEDIA_TYPE: 'Content-Type must be application/json.',
  UNSUPPORTED_IDENTIFIER: 'device.phoneNumber is required: numtrust identifies a device by its phone number only, not by IP address or network access identifier.',
  UNNECESSARY_IDENTIFIER: 'The device is already identified by the access token.',
  SERVICE_NOT_APPLICABLE: 'The service is not available for the provided identifier.',
  MISSING_IDENTIFIER: 'phoneNumber is required: an API key identifies a client, not a subscriber, so the number must be in the request body.',
  TOO_MANY_REQUESTS: "Rate limit of this API key's tenant exceeded; retry after 1 s.",
  QUOTA_EXCEEDED: "The tenant's daily allowance of upstream calls is used up; it renews at 00:00 UTC.",
  INTERNAL: 'Internal error',
  NOT_IMPLEMENTED: 'This operation is not implemented.',
  BAD_GATEWAY: 'The network provider refused the request; try again later or contact the operator of this gateway.',
  UNAVAILABLE: 'The network provider is unavailable; try again later.',
  TIMEOUT: 'The network provider did not answer in time.',
};
