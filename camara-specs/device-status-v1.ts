/**
 * Device Reachability Status 1.1.0 (/device-reachability-status/v1) and Device Roaming Status
 * 1.1.0 (/device-roaming-status/v1). Follow camaraproject/DeviceReachabilityStatus r1.2 and
 * camaraproject/DeviceRoamingStatus r1.2 code/API_definitions/*.yaml.
 */
import { z } from 'zod';
import { Device, DeviceResponse, LastStatusTime } from './common.ts';

export const RequestReachabilityStatus = z.strictObject({ device: Device.optional() });
export const RoamingStatusRequest = z.strictObject({ device: Device.optional() });

export const ReachabilityStatusResponse = z
  .object({
    device: DeviceResponse.optional(),
    lastStatusTime: LastStatusTime,
    reachable: z.boolean(),
    /** Only while reachable: an unreachable device with connectivity contradicts itself (garbled). */
    connectivity: z.array(z.enum(['DATA', 'SMS'])).optional(),
  })
  .refine((body) => body.reachable || !body.connectivity?.length, { message: 'an unreachable device cannot have connectivity' });

export const RoamingStatusResponse = z.object({
  device: DeviceResponse.optional(),
  lastStatusTime: LastStatusTime,
  roaming: z.boolean(),
  /** The visited network's MCC. */
  countryCode: z.int().min(0).max(999).optional(),
  /** ISO 3166-1 alpha-2 codes of the visited country; empty when its MCC maps to none. */
  countryName: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
});
