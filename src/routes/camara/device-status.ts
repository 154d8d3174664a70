import {
  ReachabilityStatusResponse,
  RequestReachabilityStatus,
  RoamingStatusRequest,
  RoamingStatusResponse,
} from '../../../camara-specs/device-status-v1.ts';
import type { Device } from '../../../camara-specs/common.ts';
import { CamaraError, type CamaraCode } from '../../errors.ts';
import { missingIdentifier } from '../body-issues.ts';
import { camaraRoute } from './operation-route.ts';

const DEVICE_ERRORS = ['MISSING_IDENTIFIER', 'UNSUPPORTED_IDENTIFIER'] as const satisfies readonly CamaraCode[];

/** numtrust routes by phone number: a device given only by IP address or NAI cannot be served. */
function numberOfDevice(device: Device | undefined): string {
  if (!device) throw missingIdentifier('device.phoneNumber');
  if (!device.phoneNumber) {
    throw new CamaraError('UNSUPPORTED_IDENTIFIER', 'device.phoneNumber is required: numtrust identifies a device by its phone number only, not by IP address or network access identifier.');
  }
  return device.phoneNumber;
}

/** The definition echoes the identifier used only when the request named more than one. */
function deviceEcho(device: Device | undefined): { device?: { phoneNumber: string } } {
  const named = device ? Object.values(device).filter((value) => value !== undefined).length : 0;
  return named > 1 && device?.phoneNumber ? { device: { phoneNumber: device.phoneNumber } } : {};
}

/** CAMARA Device Reachability Status 1.1 and Device Roaming Status 1.1: POST /retrieve. */
export const DEVICE_STATUS_ROUTES = [
  camaraRoute({
    path: '/device-reachability-status/v1/retrieve',
    operationId: 'getReachabilityStatus',
    summary: 'Get the current reachability status information',
    body: RequestReachabilityStatus,
    response: ReachabilityStatusResponse,
    example: {
      request: { device: { phoneNumber: '+447700900502' } },
      answer: { lastStatusTime: '2026-12-05T04:49:03.781+00:00', reachable: true, connectivity: ['DATA', 'SMS'] },
    },
    operation: 'reachability.retrieve',
    identifier: 'device.phoneNumber',
    request: (body) => ({ phoneNumber: numberOfDevice(body.device), params: {} }),
    identifierErrors: DEVICE_ERRORS,
    render: (value, { body, signal }) => ({
      ...deviceEcho(body.device),
      lastStatusTime: value.lastStatusTime ?? signal.observedAt,
      reachable: value.reachable,
      ...(value.reachable && value.connectivity.length > 0 ? { connectivity: value.connectivity } : {}),
    }),
  }),
  camaraRoute({
    path: '/device-roaming-status/v1/retrieve',
    operationId: 'getRoamingStatus',
    summary: 'Get the current roaming status and the country information',
    body: RoamingStatusRequest,
    response: RoamingStatusResponse,
    example: { request: { device: { phoneNumber: '+447700900502' } }, answer: { lastStatusTime: '2026-12-05T04:49:03.807Z', roaming: false } },
    operation: 'roaming.retrieve',
    identifier: 'device.phoneNumber',
    request: (body) => ({ phoneNumber: numberOfDevice(body.device), params: {} }),
    identifierErrors: DEVICE_ERRORS,
    render: (value, { body, signal }) => ({
      ...deviceEcho(body.device),
      lastStatusTime: value.lastStatusTime ?? signal.observedAt,
      roaming: value.roaming,
      ...(value.roaming && value.countryCode !== null ? { countryCode: value.countryCode } : {}),
      ...(value.roaming ? { countryName: value.countries } : {}),
    }),
  }),
];
