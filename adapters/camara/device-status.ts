/**
 * CAMARA Device Reachability Status 1.1.0 (`/device-reachability-status/v1`) and Device Roaming
 * Status 1.1.0 (`/device-roaming-status/v1`) on the wire: POST /retrieve {device: {phoneNumber}}
 * with a 2-legged token, {} with a 3-legged one (the token names the device).
 * 503 UNAVAILABLE (the network cannot tell) is a 'server' failure, never an answer.
 */
import { z } from 'zod';
import type { Connectivity } from '../../src/contract/signals.ts';
import type { DeviceStatusApiConfig } from './config.ts';
import { UNKNOWN_NUMBER_CODES } from './errors.ts';
import { parseWith, type CamaraOperation } from './api-operation.ts';

const LastStatusTime = z.iso.datetime({ offset: true });

const ReachabilityResponse = z.object({
  lastStatusTime: LastStatusTime,
  reachable: z.boolean(),
  /** Absent when unreachable. */
  connectivity: z.array(z.enum(['DATA', 'SMS'])).optional(),
});

const RoamingResponse = z.object({
  lastStatusTime: LastStatusTime,
  roaming: z.boolean(),
  /** The visited network's MCC. */
  countryCode: z.number().int().min(0).max(999).optional(),
  /** ISO 3166-1 alpha-2 codes of that MCC; empty when it maps to none. */
  countryName: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
});

const deviceSubject = (phoneNumber: string) => ({ device: { phoneNumber } });

export function deviceReachabilityOperations(api: DeviceStatusApiConfig): [CamaraOperation<'reachability.retrieve'>] {
  return [
    {
      id: 'reachability.retrieve',
      scope: 'device-reachability-status:read',
      path: `${api.basePath ?? `/device-reachability-status/${api.version}`}/retrieve`,
      numberInBodyWith3LeggedToken: false,
      unknownNumberCodes: UNKNOWN_NUMBER_CODES,
      subject: deviceSubject,
      body: () => ({}),
      parse: (json) =>
        parseWith(ReachabilityResponse, json, (body) => ({
          reachable: body.reachable,
          connectivity: body.reachable ? [...new Set<Connectivity>(body.connectivity ?? [])] : [],
          lastStatusTime: body.lastStatusTime,
        })),
    },
  ];
}

export function deviceRoamingOperations(api: DeviceStatusApiConfig): [CamaraOperation<'roaming.retrieve'>] {
  return [
    {
      id: 'roaming.retrieve',
      scope: 'device-roaming-status:read',
      path: `${api.basePath ?? `/device-roaming-status/${api.version}`}/retrieve`,
      numberInBodyWith3LeggedToken: false,
      unknownNumberCodes: UNKNOWN_NUMBER_CODES,
      subject: deviceSubject,
      body: () => ({}),
      parse: (json) =>
        parseWith(RoamingResponse, json, (body) =>
          body.roaming
            ? {
                roaming: true,
                countryCode: body.countryCode ?? null,
                countries: [...new Set(body.countryName ?? [])],
                lastStatusTime: body.lastStatusTime,
              }
            : { roaming: false, countryCode: null, countries: [], lastStatusTime: body.lastStatusTime },
        ),
    },
  ];
}
