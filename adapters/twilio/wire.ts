/**
 * Lookup v2 on the wire (snake_case). Every package is an object with its own `error_code`, or
 * null when not requested or not offered for the number. Schemas are lenient about keys the
 * adapter does not read and strict about the ones it does.
 */
import { z } from 'zod';

/** Lookup error codes are integers; a few packages send them as strings, so both are read. */
const ErrorCode = z
  .union([z.number().int(), z.string().regex(/^\d{1,9}$/).transform(Number)])
  .nullable()
  .optional();

const DateTime = z.iso.datetime({ offset: true });

export const LookupBody = z.looseObject({
  phone_number: z.string().nullable().optional(),
  /** false = not in a range a carrier could assign; the packages are then null. */
  valid: z.boolean().nullable().optional(),
  validation_errors: z.array(z.string()).nullable().optional(),
});

export const SimSwapPackage = z.looseObject({
  last_sim_swap: z
    .looseObject({
      /** null where the carrier does not share the date. */
      last_sim_swap_date: DateTime.nullable().optional(),
      /** The account's fixed window as an ISO 8601 duration (`PT48H`). */
      swapped_period: z.string().nullable().optional(),
      swapped_in_period: z.boolean().nullable().optional(),
    })
    .nullable()
    .optional(),
  error_code: ErrorCode,
});
export type SimSwapPackage = z.output<typeof SimSwapPackage>;

export const CallForwardingPackage = z.looseObject({
  /** Unconditional forwarding only. */
  call_forwarding_enabled: z.boolean().nullable().optional(),
  /** The spelling of Twilio's OpenAPI examples; read when call_forwarding_enabled is absent. */
  call_forwarding_status: z.boolean().nullable().optional(),
  error_code: ErrorCode,
});
export type CallForwardingPackage = z.output<typeof CallForwardingPackage>;

export const LineStatusPackage = z.looseObject({
  /** Active | Reachable | Unreachable | Inactive | Unknown, in whatever case the HLR answered. */
  status: z.string().nullable().optional(),
  error_code: ErrorCode,
});
export type LineStatusPackage = z.output<typeof LineStatusPackage>;

export const LineTypeIntelligencePackage = z.looseObject({
  /** mobile, landline, fixedVoip, nonFixedVoip, tollFree, premium, sharedCost, uan, personal, pager, voicemail, unknown. */
  type: z.string().nullable().optional(),
  error_code: ErrorCode,
});
export type LineTypeIntelligencePackage = z.output<typeof LineTypeIntelligencePackage>;

/** Body of every HTTP error: `{code, message, more_info, status}`. */
export const TwilioErrorBody = z.looseObject({
  code: z.number().int().optional(),
  message: z.string().optional(),
});

/** Issues as paths and rules, never upstream values (they may hold the number). */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
