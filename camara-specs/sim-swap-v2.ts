/**
 * SIM Swap 2.1.0 (/sim-swap/v2), as zod schemas. Follows the official definition
 * camaraproject/SimSwap r3.3 code/API_definitions/sim-swap.yaml.
 */
import { z } from 'zod';
import { PhoneNumber } from './common.ts';

export const SIM_SWAP_V2 = { version: '2.1.0', basePath: '/sim-swap/v2', release: 'r3.3' } as const;

export const CreateCheckSimSwap = z.strictObject({
  phoneNumber: PhoneNumber.optional(),
  maxAge: z.int().min(1, 'must be at least 1 (hours)').max(2400, 'must be at most 2400 (hours)').default(240),
});

export const CreateSimSwapDate = z.strictObject({
  phoneNumber: PhoneNumber.optional(),
});

export const CheckSimSwapInfo = z.object({ swapped: z.boolean() });

export const SimSwapInfo = z.object({
  latestSimChange: z.iso.datetime({ offset: true }).nullable(),
  monitoredPeriod: z.int().optional(),
});
