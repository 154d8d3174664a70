/**
 * Call Forwarding Signal 0.4.0 (/call-forwarding-signal/v0.4). Follows
 * camaraproject/CallForwardingSignal r3.3 code/API_definitions/call-forwarding-signal.yaml.
 */
import { z } from 'zod';
import { CheckedNumber } from './common.ts';

export const CreateCallForwardingSignal = z
  .strictObject({
    phoneNumber: CheckedNumber,
  })
  .describe('Which call forwarding does this line have?');

export const CALL_FORWARDING_STATES = [
  'inactive',
  'unconditional',
  'conditional_busy',
  'conditional_not_reachable',
  'conditional_no_answer',
] as const;

/** numtrust always sends `active` (the definition leaves it optional). */
export const UnconditionalCallForwardingSignal = z
  .object({ active: z.boolean().describe('true when every call to the line is forwarded elsewhere') })
  .describe('Whether unconditional call forwarding is active');

/** Every active forwarding service; `['inactive']` when there is none (never with another). The same in 0.3.0. */
export const CallForwardingSignal = z
  .array(z.enum(CALL_FORWARDING_STATES).describe('A call forwarding service'))
  .min(1)
  .refine((states) => !states.includes('inactive') || states.length === 1, {
    message: '"inactive" cannot come with an active service',
  })
  .describe('Every active call forwarding service, or ["inactive"] when there is none');
