import { CheckSimSwapInfo, CreateCheckSimSwap, CreateSimSwapDate, SimSwapInfo } from '../../../camara-specs/sim-swap-v2.ts';
import { camaraRoute, PHONE_NUMBER_ERRORS, requirePhoneNumber } from './operation-route.ts';

/** CAMARA SIM Swap 2.1: POST /sim-swap/v2/check and /retrieve-date. */
export const SIM_SWAP_ROUTES = [
  camaraRoute({
    path: '/sim-swap/v2/check',
    operationId: 'checkSimSwap',
    summary: 'Check SIM swap',
    body: CreateCheckSimSwap,
    response: CheckSimSwapInfo,
    example: { request: { phoneNumber: '+447700900501', maxAge: 72 }, answer: { swapped: true } },
    operation: 'sim_swap.check',
    identifier: 'phoneNumber',
    request: (body) => ({ phoneNumber: requirePhoneNumber(body.phoneNumber), params: { maxAgeHours: body.maxAge } }),
    identifierErrors: PHONE_NUMBER_ERRORS,
    render: (value) => ({ swapped: value.swapped }),
  }),
  camaraRoute({
    path: '/sim-swap/v2/retrieve-date',
    operationId: 'retrieveSimSwapDate',
    summary: 'Retrieve SIM swap date',
    body: CreateSimSwapDate,
    response: SimSwapInfo,
    example: { request: { phoneNumber: '+447700900502' }, answer: { latestSimChange: null, monitoredPeriod: 7 } },
    operation: 'sim_swap.retrieve_date',
    identifier: 'phoneNumber',
    request: (body) => ({ phoneNumber: requirePhoneNumber(body.phoneNumber), params: {} }),
    identifierErrors: PHONE_NUMBER_ERRORS,
    render: (value) =>
      value.latestSimChange === null && value.monitoredPeriodDays !== null
        ? { latestSimChange: null, monitoredPeriod: value.monitoredPeriodDays }
        : { latestSimChange: value.latestSimChange },
  }),
];
