import { z } from 'zod';

/** CAMARA Commonalities 0.6 PhoneNumber. */
export const PhoneNumber = z
  .string()
  .regex(/^\+[1-9][0-9]{4,14}$/, 'must be a string in E.164 format: a + and 5 to 15 digits without spaces, starting with the country code')
  .describe('A mobile line in E.164 format with its leading +');

/** The number a CAMARA check asks about: optional in the definitions (a three-legged token names it), required with an API key. */
export const CheckedNumber = PhoneNumber.optional().describe(
  'The line to check, E.164 with its leading + (required with an API key: 422 MISSING_IDENTIFIER without it)',
);

/** maxAge of SIM Swap and Device Swap checks: hours, 1–2400, default 240. */
export const MaxAgeHours = z
  .int()
  .min(1, 'must be at least 1 (hours)')
  .max(2400, 'must be at most 2400 (hours)')
  .default(240)
  .describe('Hours to look back, 1–2400 (default 240); an operator may keep a shorter history (400 OUT_OF_RANGE)');

const DeviceIpv4Address = z
  .strictObject({
    publicAddress: z.ipv4().describe('The public IPv4 address the device is seen from'),
    privateAddress: z.ipv4().optional().describe('The private IPv4 address behind NAT'),
    publicPort: z.int().min(0).max(65535).optional().describe('The public port, for a NAT address shared by several devices'),
  })
  .describe('The device by its IPv4 address (numtrust does not route by it)')
  .refine((address) => address.privateAddress !== undefined || address.publicPort !== undefined, {
    message: 'must give privateAddress or publicPort besides publicAddress',
  });

/** The device-status family's Device: at least one identifier. */
export const Device = z
  .strictObject({
    phoneNumber: PhoneNumber.optional().describe('The device by its phone number, E.164 with its leading +: the identifier numtrust routes by'),
    networkAccessIdentifier: z.string().optional().describe('The device by its network access identifier (numtrust does not route by it)'),
    ipv4Address: DeviceIpv4Address.optional(),
    ipv6Address: z.ipv6().optional().describe('The device by its IPv6 address (numtrust does not route by it)'),
  })
  .refine((device) => Object.values(device).some((value) => value !== undefined), {
    message: 'must name at least one identifier, such as phoneNumber',
  })
  .describe('The device asked about; numtrust needs device.phoneNumber (422 UNSUPPORTED_IDENTIFIER without it)');
export type Device = z.output<typeof Device>;

export const LastStatusTime = z.iso.datetime({ offset: true });

/** A date-time with its offset (RFC 3339), as every CAMARA answer writes them. */
export const DateTime = z.iso.datetime({ offset: true });

/** Days an operator keeps a swap history (`monitoredPeriod`): "no change within that many days" when the date is null. */
export const MonitoredPeriod = z.int().nonnegative();

/** CAMARA ErrorInfo: the body of every error answer. */
export const ErrorInfo = z.object({
  status: z.int().describe('HTTP response status code'),
  code: z.string().describe('A human-readable code to describe the error'),
  message: z.string().describe('A human-readable description of what the event represents'),
});

/** What the device-status family echoes as `device`: only the identifier numtrust used, always the phone number. */
export const DeviceResponse = z
  .object({ phoneNumber: PhoneNumber.describe('The phone number numtrust asked about') })
  .describe('The identifier used, echoed only when the request named more than one');
