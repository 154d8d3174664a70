/**
 * SIM Swap 2.1.0 (/sim-swap/v2), as zod schemas. Follows the official definition
 * camaraproject/SimSwap r3.3 code/API_definitions/sim-swap.yaml.
 */
import { z } from 'zod';
import { MaxAgeHours, PhoneNumber } from './common.ts';

export const CreateCheckSimSwap = z.strictObject({
  phoneNumber: PhoneNumber.optional(),
  maxAge: MaxAgeHours,
});

export const CreateSimSwapDate = z.strictObject({
  phoneNumber: PhoneNumber.optional(),
});

export const CheckSimSwapInfo = z.object({ swapped: z.boolean() });

export const SimSwapInfo = z.object({
  latestSimChange: z.iso.datetime({ offset: true }).nullable(),
  monitoredPeriod: z.int().optional(),
});
