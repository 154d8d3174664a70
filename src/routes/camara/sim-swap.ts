import { CreateCheckSimSwap, CreateSimSwapDate } from '../../../camara-specs/sim-swap-v2.ts';
import { camaraRoute, requirePhoneNumber } from './operation-route.ts';

/** CAMARA SIM Swap 2.1: POST /sim-swap/v2/check and /retrieve-date. */
export const SIM_SWAP_ROUTES = [
  camaraRoute({
    path: '/sim-swap/v2/check',
    body: CreateCheckSimSwap,
    operation: 'sim_swap.check',
    request: (body) => ({ phoneNumber: requirePhoneNumber(body.phoneNumber), params: { maxAgeHours: body.maxAge } }),
    render: (value) => ({ swapped: value.swapped }),
  }),
  camaraRoute({
    path: '/sim-swap/v2/retrieve-date',
    body: CreateSimSwapDate,
    operation: 'sim_swap.retrieve_date',
    request: (body) => ({ phoneNumber: requirePhoneNumber(body.phoneNumber), params: {} }),
    render: (value) =>
      value.latestSimChange === null && value.monitoredPeriodDays !== null
        ? { latestSimChange: null, monitoredPeriod: value.monitoredPeriodDays }
        : { latestSimChange: value.latestSimChange },
  }),
];
