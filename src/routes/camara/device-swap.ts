import { CheckDeviceSwapInfo, CreateCheckDeviceSwap, CreateDeviceSwapDate, DeviceSwapInfo } from '../../../camara-specs/device-swap-v1.ts';
import { camaraRoute, PHONE_NUMBER_ERRORS, requirePhoneNumber } from './operation-route.ts';

/** CAMARA Device Swap 1.0: POST /device-swap/v1/check and /retrieve-date. */
export const DEVICE_SWAP_ROUTES = [
  camaraRoute({
    path: '/device-swap/v1/check',
    operationId: 'checkDeviceSwap',
    summary: 'Check last device swap date',
    body: CreateCheckDeviceSwap,
    response: CheckDeviceSwapInfo,
    example: { request: { phoneNumber: '+447700900504', maxAge: 48 }, answer: { swapped: true } },
    operation: 'device_swap.check',
    identifier: 'phoneNumber',
    request: (body) => ({ phoneNumber: requirePhoneNumber(body.phoneNumber), params: { maxAgeHours: body.maxAge } }),
    identifierErrors: PHONE_NUMBER_ERRORS,
    render: (value) => ({ swapped: value.swapped }),
  }),
  camaraRoute({
    path: '/device-swap/v1/retrieve-date',
    operationId: 'retrieveDeviceSwapDate',
    summary: 'Get last device swap date',
    body: CreateDeviceSwapDate,
    response: DeviceSwapInfo,
    example: { request: { phoneNumber: '+447700900502' }, answer: { latestDeviceChange: null, monitoredPeriod: 7 } },
    operation: 'device_swap.retrieve_date',
    identifier: 'phoneNumber',
    request: (body) => ({ phoneNumber: requirePhoneNumber(body.phoneNumber), params: {} }),
    identifierErrors: PHONE_NUMBER_ERRORS,
    render: (value) =>
      value.latestDeviceChange === null && value.monitoredPeriodDays !== null
        ? { latestDeviceChange: null, monitoredPeriod: value.monitoredPeriodDays }
        : { latestDeviceChange: value.latestDeviceChange },
  }),
];
