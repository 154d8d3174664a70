/**
 * Call Forwarding Signal 0.4.0 (/call-forwarding-signal/v0.4). Follows
 * camaraproject/CallForwardingSignal r3.3 code/API_definitions/call-forwarding-signal.yaml.
 */
import { z } from 'zod';
import { PhoneNumber } from './common.ts';

export const CreateCallForwardingSignal = z.strictObject({
  phoneNumber: PhoneNumber.optional(),
});

export const CALL_FORWARDING_STATES = [
  'inactive',
  'unconditional',
  'conditional_busy',
  'conditional_not_reachable',
  'conditional_no_answer',
] as const;

/** numtrust always sends `active` (the definition leaves it optional). */
export const UnconditionalCallForwardingSignal = z.object({ active: z.boolean() });

/** Every active forwarding service; `['inactive']` when there is none (never with another). The same in 0.3.0. */
export const CallForwardingSignal = z
  .array(z.enum(CALL_FORWARDING_STATES))
  .min(1)
  .refine((states) => !states.includes('inactive') || states.length === 1, {
    message: '"inactive" cannot come with an active service',
  });
