/**
 * Twilio's REST error body: `{code, message, more_info, status}` with a Twilio error code, for
 * every HTTP error the mock answers (its own and injected faults).
 */
import type { Context } from 'hono';

/** Twilio's code for the HTTP statuses the mock answers; anything else gets 20000 + status. */
const CODE_OF_STATUS: Readonly<Record<number, number>> = {
  401: 20003, // Authenticate
  404: 20404,
  405: 20004, // Method not allowed
  429: 20429,
  500: 20500,
  503: 20503,
};

export function twilioErrorCode(status: number): number {
  return CODE_OF_STATUS[status] ?? 20000 + status;
}

export function twilioError(c: Context, status: number, message: string, code = twilioErrorCode(status)): Response {
  const headers: Record<string, string> = {};
  if (status === 401) headers['www-authenticate'] = 'Basic realm="Twilio API"';
  if (status === 405) headers.allow = 'GET';
  return c.json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, status as 400, headers);
}

/** The fault injector's error answer: the status in Twilio's own shape. */
export function twilioFaultResponse(c: Context, status: number, message: string): Response {
  return twilioError(c, status, status === 429 ? 'Too Many Requests' : message);
}
