/**
 * Device Reachability Status 1.1.0 (/device-reachability-status/v1) and Device Roaming Status
 * 1.1.0 (/device-roaming-status/v1). Follow camaraproject/DeviceReachabilityStatus r1.2 and
 * camaraproject/DeviceRoamingStatus r1.2 code/API_definitions/*.yaml.
 */
import { z } from 'zod';
import { Device } from './common.ts';

export const RequestReachabilityStatus = z.strictObject({ device: Device.optional() });
export const RoamingStatusRequest = z.strictObject({ device: Device.optional() });
