/**
 * PhoneID on the wire: which add-on answers which operation, the request body, and the parts of
 * the response every operation reads (transaction status, phone type, the add-on's own status).
 */
import { z } from 'zod';

export type TelesignAddon = 'sim_swap' | 'call_forward_detection' | 'active_call_status';

/** `/v1/phoneid/{complete_phone_number}`: country code and national number, no '+'. */
export function phoneIdResource(phoneNumber: string): string {
  return `/v1/phoneid/${phoneNumber.replace(/^\+/, '')}`;
}

/** The JSON body: the one add-on asked (none for the base answer) and a consent record where it needs one. */
export function phoneIdRequestBody(
  addon: TelesignAddon | undefined,
  consent: { method: number; timestamp: string } | undefined,
): Record<string, unknown> {
  return { ...(addon ? { addons: { [addon]: {} } } : {}), ...(consent ? { consent } : {}) };
}

/** Transaction completed (300) or partially completed (301: some add-on did not succeed). */
export const COMPLETED_STATUSES: ReadonlySet<number> = new Set([300, 301]);

/** Telesign's phone type 8: "not a valid number". */
export const INVALID_PHONE_TYPE = '8';

/** Identity attribute statuses. */
export const ADDON_STATUS = {
  success: 2800,
  outOfCoverage: 2803,
  noData: 2805,
  timeout: 2811,
} as const;

const ErrorEntry = z.looseObject({ code: z.union([z.number(), z.string()]), description: z.string().nullish() });

export const PhoneIdResponse = z.looseObject({
  status: z.looseObject({ code: z.number().int(), description: z.string().nullish() }),
  phone_type: z
    .looseObject({ code: z.union([z.string(), z.number()]).transform(String), description: z.string().nullish() })
    .nullish(),
  errors: z.array(ErrorEntry).nullish(),
});
export type PhoneIdResponse = z.output<typeof PhoneIdResponse>;

export const AddonAnswer = z.looseObject({
  status: z.looseObject({ code: z.number().int(), description: z.string().nullish() }),
});

/** The error codes of a Telesign error body (safe to log: numbers, never descriptions). */
export function errorCodesOf(body: unknown): string {
  const parsed = z.looseObject({ errors: z.array(ErrorEntry) }).safeParse(body);
  return parsed.success && parsed.data.errors.length > 0 ? parsed.data.errors.map((e) => String(e.code)).join(', ') : 'none';
}
