/**
 * SIM Swap 2.1.0 (/sim-swap/v2), as zod schemas. Follows the official definition
 * camaraproject/SimSwap r3.3 code/API_definitions/sim-swap.yaml.
 */
import { z } from 'zod';
import { CheckedNumber, DateTime, MaxAgeHours, MonitoredPeriod } from './common.ts';

export const CreateCheckSimSwap = z
  .strictObject({
    phoneNumber: CheckedNumber,
    maxAge: MaxAgeHours.describe('Hours to look back for a SIM change, 1–2400 (default 240); an operator may keep a shorter history (400 OUT_OF_RANGE)'),
  })
  .describe('Was the SIM of this line changed in the last maxAge hours?');

export const CreateSimSwapDate = z.strictObject({ phoneNumber: CheckedNumber }).describe('When was the SIM of this line last changed?');

export const CheckSimSwapInfo = z.object({ swapped: z.boolean().describe('true when the SIM changed within maxAge hours') }).describe('Whether the SIM was swapped');

/** The same bodies in 1.0.0 (without monitoredPeriod) and, behind NaC, 0.4.0. */
export const SimSwapInfo = z
  .object({
    /** Required but nullable: null = outside the operator's retention window (or never connected). */
    latestSimChange: DateTime.nullable().describe("The last SIM change (or the line's activation), RFC 3339; null when none within monitoredPeriod days"),
    monitoredPeriod: MonitoredPeriod.optional().describe('Days the operator keeps SIM changes for, when latestSimChange is null for that reason'),
  })
  .describe('The date of the last SIM change');
