/**
 * Device Reachability Status 1.1.0 (/device-reachability-status/v1) and Device Roaming Status
 * 1.1.0 (/device-roaming-status/v1). Follow camaraproject/DeviceReachabilityStatus r1.2 and
 * camaraproject/DeviceRoamingStatus r1.2 code/API_definitions/*.yaml.
 */
import { z } from 'zod';
import { Device, DeviceResponse, LastStatusTime } from './common.ts';

export const RequestReachabilityStatus = z.strictObject({ device: Device.optional() }).describe('Is this device reachable now, and how?');
export const RoamingStatusRequest = z.strictObject({ device: Device.optional() }).describe('Is this device roaming now, and where?');

const StatusTime = LastStatusTime.describe('When the network last saw this status, RFC 3339');

export const ReachabilityStatusResponse = z
  .object({
    device: DeviceResponse.optional(),
    lastStatusTime: StatusTime,
    reachable: z.boolean().describe('true when the network can reach the device'),
    /** Only while reachable: an unreachable device with connectivity contradicts itself (garbled). */
    connectivity: z.array(z.enum(['DATA', 'SMS']).describe('A kind of connectivity')).optional().describe('How the device is reachable, while it is'),
  })
  .refine((body) => body.reachable || !body.connectivity?.length, { message: 'an unreachable device cannot have connectivity' })
  .describe('The reachability status of the device');

export const RoamingStatusResponse = z
  .object({
    device: DeviceResponse.optional(),
    lastStatusTime: StatusTime,
    roaming: z.boolean().describe('true when the device is on a network abroad'),
    /** The visited network's MCC. */
    countryCode: z.int().min(0).max(999).optional().describe("The visited network's mobile country code, while roaming"),
    /** ISO 3166-1 alpha-2 codes of the visited country; empty when its MCC maps to none. */
    countryName: z.array(z.string().regex(/^[A-Z]{2}$/).describe('An ISO 3166-1 alpha-2 country code')).optional().describe('The visited country, ISO 3166-1 alpha-2, while roaming'),
  })
  .describe('The roaming status of the device');
