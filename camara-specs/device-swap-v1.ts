/**
 * Device Swap 1.0.0 (/device-swap/v1). Follows camaraproject/DeviceSwap r3.2
 * code/API_definitions/device-swap.yaml.
 */
import { z } from 'zod';
import { DateTime, MaxAgeHours, MonitoredPeriod, PhoneNumber } from './common.ts';

export const CreateCheckDeviceSwap = z.strictObject({
  phoneNumber: PhoneNumber.optional(),
  maxAge: MaxAgeHours,
});

export const CreateDeviceSwapDate = z.strictObject({
  phoneNumber: PhoneNumber.optional(),
});

export const CheckDeviceSwapInfo = z.object({ swapped: z.boolean() });

export const DeviceSwapInfo = z.object({
  /** null = no change within the operator's retention window (monitoredPeriod days, when given). */
  latestDeviceChange: DateTime.nullable(),
  monitoredPeriod: MonitoredPeriod.optional(),
});
