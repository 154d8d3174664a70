import { CreateCheckDeviceSwap, CreateDeviceSwapDate } from '../../../camara-specs/device-swap-v1.ts';
import { camaraRoute, requirePhoneNumber } from './operation-route.ts';

/** CAMARA Device Swap 1.0: POST /device-swap/v1/check and /retrieve-date. */
export const DEVICE_SWAP_ROUTES = [
  camaraRoute({
    path: '/device-swap/v1/check',
    body: CreateCheckDeviceSwap,
    operation: 'device_swap.check',
    request: (body) => ({ phoneNumber: requirePhoneNumber(body.phoneNumber), params: { maxAgeHours: body.maxAge } }),
    render: (value) => ({ swapped: value.swapped }),
  }),
  camaraRoute({
    path: '/device-swap/v1/retrieve-date',
    body: CreateDeviceSwapDate,
    operation: 'device_swap.retrieve_date',
    request: (body) => ({ phoneNumber: requirePhoneNumber(body.phoneNumber), params: {} }),
    render: (value) =>
      value.latestDeviceChange === null && value.monitoredPeriodDays !== null
        ? { latestDeviceChange: null, monitoredPeriod: value.monitoredPeriodDays }
        : { latestDeviceChange: value.latestDeviceChange },
  }),
];
