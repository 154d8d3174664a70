/**
 * SIM Swap 0.4.0 (`{apiRoot}/sim-swap/v0`, the version Nokia Network as Code passes through). Follows
 * camaraproject/SimSwap r0.4 code/API_definitions/sim_swap.yaml: the number is required and its
 * `+` optional; the answers are 2.x's without `monitoredPeriod` (SimSwapInfo, CheckSimSwapInfo).
 */
import { z } from 'zod';
import { MaxAgeHours } from './common.ts';

/** 0.4.0's phone number, normalized to E.164 with the `+`. */
export const PhoneNumberV0 = z
  .string()
  .regex(/^\+?[0-9]{5,15}$/, 'must match ^\\+?[0-9]{5,15}$')
  .transform((value) => (value.startsWith('+') ? value : `+${value}`));

export const CreateCheckSimSwapV0 = z.strictObject({ phoneNumber: PhoneNumberV0, maxAge: MaxAgeHours });

export const CreateSimSwapDateV0 = z.strictObject({ phoneNumber: PhoneNumberV0 });
