/**
 * CAMARA Device Swap 1.0.0 on the wire (`/device-swap/v1`): SIM Swap's mirror on the number ↔
 * device association. POST /check {phoneNumber?, maxAge} → {swapped}; POST /retrieve-date →
 * {latestDeviceChange (required, nullable), monitoredPeriod?}.
 */
import { CheckDeviceSwapInfo, DeviceSwapInfo } from '../../camara-specs/device-swap-v1.ts';
import type { DeviceSwapApiConfig } from './config.ts';
import { UNKNOWN_NUMBER_CODES } from './errors.ts';
import { parseWith, type CamaraOperationTable } from './api-operation.ts';

export function deviceSwapOperations(api: DeviceSwapApiConfig): CamaraOperationTable {
  const basePath = api.basePath ?? `/device-swap/${api.version}`;
  const subject = (phoneNumber: string) => ({ phoneNumber });
  return {
    'device_swap.check': {
      id: 'device_swap.check',
      scope: 'device-swap:check',
      path: `${basePath}/check`,
      numberInBodyWith3LeggedToken: false,
      unknownNumberCodes: UNKNOWN_NUMBER_CODES,
      subject,
      body: (params) => ({ maxAge: params.maxAgeHours }),
      parse: (json, params) =>
        parseWith(CheckDeviceSwapInfo, json, (body) => ({ swapped: body.swapped, maxAgeHours: params.maxAgeHours })),
    },
    'device_swap.retrieve_date': {
      id: 'device_swap.retrieve_date',
      scope: 'device-swap:retrieve-date',
      path: `${basePath}/retrieve-date`,
      numberInBodyWith3LeggedToken: false,
      unknownNumberCodes: UNKNOWN_NUMBER_CODES,
      subject,
      body: () => ({}),
      parse: (json) =>
        parseWith(DeviceSwapInfo, json, (body) => ({
          latestDeviceChange: body.latestDeviceChange,
          monitoredPeriodDays: body.monitoredPeriod ?? null,
        })),
    },
  };
}
