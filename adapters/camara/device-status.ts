/**
 * CAMARA Device Reachability Status 1.1.0 (`/device-reachability-status/v1`) and Device Roaming
 * Status 1.1.0 (`/device-roaming-status/v1`) on the wire: POST /retrieve {device: {phoneNumber}}
 * with a 2-legged token, {} with a 3-legged one (the token names the device).
 * 503 UNAVAILABLE (the network cannot tell) is a 'server' failure, never an answer.
 */
import { ReachabilityStatusResponse, RoamingStatusResponse } from '../../camara-specs/device-status-v1.ts';
import type { Connectivity } from '../../src/contract/signals.ts';
import type { DeviceStatusApiConfig } from './config.ts';
import { UNKNOWN_NUMBER_CODES } from './errors.ts';
import { parseWith, type CamaraOperationTable } from './api-operation.ts';

const deviceSubject = (phoneNumber: string) => ({ device: { phoneNumber } });

export function deviceReachabilityOperations(api: DeviceStatusApiConfig): CamaraOperationTable {
  return {
    'reachability.retrieve': {
      id: 'reachability.retrieve',
      scope: 'device-reachability-status:read',
      path: `${api.basePath ?? `/device-reachability-status/${api.version}`}/retrieve`,
      numberInBodyWith3LeggedToken: false,
      unknownNumberCodes: UNKNOWN_NUMBER_CODES,
      subject: deviceSubject,
      body: () => ({}),
      parse: (json) =>
        parseWith(ReachabilityStatusResponse, json, (body) => ({
          reachable: body.reachable,
          connectivity: body.reachable ? [...new Set<Connectivity>(body.connectivity ?? [])] : [],
          lastStatusTime: body.lastStatusTime,
        })),
    },
  };
}

export function deviceRoamingOperations(api: DeviceStatusApiConfig): CamaraOperationTable {
  return {
    'roaming.retrieve': {
      id: 'roaming.retrieve',
      scope: 'device-roaming-status:read',
      path: `${api.basePath ?? `/device-roaming-status/${api.version}`}/retrieve`,
      numberInBodyWith3LeggedToken: false,
      unknownNumberCodes: UNKNOWN_NUMBER_CODES,
      subject: deviceSubject,
      body: () => ({}),
      parse: (json) =>
        parseWith(RoamingStatusResponse, json, (body) =>
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
  };
}
