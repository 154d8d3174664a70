/**
 * SIM Swap 2.1.0 (/sim-swap/v2), as zod schemas. Follows the official definition
 * camaraproject/SimSwap r3.3 code/API_definitions/sim-swap.yaml.
 */
import { z } from 'zod';
import { DateTime, MaxAgeHours, MonitoredPeriod, PhoneNumber } from './common.ts';

export const CreateCheckSimSwap = z.strictObject({
  phoneNumber: PhoneNumber.optional(),
  maxAge: MaxAgeHours,
});

export const CreateSimSwapDate = z.strictObject({
  phoneNumber: PhoneNumber.optional(),
});

export const CheckSimSwapInfo = z.object({ swapped: z.boolean() });

/** The same bodies in 1.0.0 (without monitoredPeriod) and, behind NaC, 0.4.0. */
export const SimSwapInfo = z.object({
  /** Required but nullable: null = outside the operator's retention window (or never connected). */
  latestSimChange: DateTime.nullable(),
  monitoredPeriod: MonitoredPeriod.optional(),
});
