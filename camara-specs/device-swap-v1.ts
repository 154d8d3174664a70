/**
 * Device Swap 1.0.0 (/device-swap/v1). Follows camaraproject/DeviceSwap r3.2
 * code/API_definitions/device-swap.yaml.
 */
import { z } from 'zod';
import { CheckedNumber, DateTime, MaxAgeHours, MonitoredPeriod } from './common.ts';

export const CreateCheckDeviceSwap = z
  .strictObject({
    phoneNumber: CheckedNumber,
    maxAge: MaxAgeHours.describe('Hours to look back for a device change, 1–2400 (default 240); an operator may keep a shorter history (400 OUT_OF_RANGE)'),
  })
  .describe('Was the handset of this line changed in the last maxAge hours?');

export const CreateDeviceSwapDate = z.strictObject({ phoneNumber: CheckedNumber }).describe('When was the handset of this line last changed?');

export const CheckDeviceSwapInfo = z.object({ swapped: z.boolean().describe('true when the handset changed within maxAge hours') }).describe('Whether the device was swapped');

export const DeviceSwapInfo = z
  .object({
    /** null = no change within the operator's retention window (monitoredPeriod days, when given). */
    latestDeviceChange: DateTime.nullable().describe('The last handset change, RFC 3339; null when none within monitoredPeriod days'),
    monitoredPeriod: MonitoredPeriod.optional().describe('Days the operator keeps device changes for, when latestDeviceChange is null for that reason'),
  })
  .describe('The date of the last device change');
