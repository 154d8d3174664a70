/**
 * The NaC wire of every operation numtrust asks it: path under the base URL, request body, and
 * how a 200 body becomes the normalized value. NaC speaks CAMARA: SIM Swap 0.4 and Device Swap 1
 * and Call Forwarding Signal 0.3 behind its `/passthrough/camara/v1` prefix, Device Reachability
 * and Roaming Status 1 under `/device-status`. The subject always travels in the body (the
 * RapidAPI key is a 2-legged credential).
 */
import { CallForwardingSignal, UnconditionalCallForwardingSignal } from '../../camara-specs/call-forwarding-signal-v0.4.ts';
import { ReachabilityStatusResponse, RoamingStatusResponse } from '../../camara-specs/device-status-v1.ts';
import { CheckDeviceSwapInfo, DeviceSwapInfo } from '../../camara-specs/device-swap-v1.ts';
import { CheckSimSwapInfo, SimSwapInfo } from '../../camara-specs/sim-swap-v2.ts';
import type { ForwardingService, OperationId, OperationParams, OperationValue } from '../../src/contract/signals.ts';
import { parseWith, type ParseResult } from '../camara/api-operation.ts';
import { UNKNOWN_NUMBER_CODES } from '../camara/errors.ts';

export interface NokiaOperation<Op extends OperationId = OperationId> {
  readonly id: Op;
  /** Appended to the base URL. */
  readonly path: string;
  /** 404 codes that mean "NaC does not know this number". */
  readonly unknownNumberCodes: ReadonlySet<string>;
  body(phoneNumber: string, params: OperationParams<Op>): Record<string, unknown>;
  parse(json: unknown, params: OperationParams<Op>): ParseResult<OperationValue<Op>>;
}

/** Entry Op is operation Op's wire: looked up by a request's operation, it needs no cast. */
export type NokiaOperationTable = { readonly [Op in OperationId]?: NokiaOperation<Op> };

const SIM_SWAP = '/passthrough/camara/v1/sim-swap/sim-swap/v0';
const DEVICE_SWAP = '/passthrough/camara/v1/device-swap/device-swap/v1';
const CALL_FORWARDING = '/passthrough/camara/v1/call-forwarding-signal/call-forwarding-signal/v0.3';
const REACHABILITY = '/device-status/device-reachability-status/v1';
const ROAMING = '/device-status/device-roaming-status/v1';

/** SIM Swap 0.4.0 names its own 404 code for an unknown number; a passthrough may hand it on. */
const SIM_SWAP_UNKNOWN_NUMBER_CODES: ReadonlySet<string> = new Set([...UNKNOWN_NUMBER_CODES, 'SIM_SWAP.UNKNOWN_PHONE_NUMBER']);

const phoneNumberBody = (phoneNumber: string) => ({ phoneNumber });
const deviceBody = (phoneNumber: string) => ({ device: { phoneNumber } });

export const NOKIA_OPERATIONS: NokiaOperationTable = {
  'sim_swap.check': {
    id: 'sim_swap.check',
    path: `${SIM_SWAP}/check`,
    unknownNumberCodes: SIM_SWAP_UNKNOWN_NUMBER_CODES,
    body: (phoneNumber, params) => ({ phoneNumber, maxAge: params.maxAgeHours }),
    parse: (json, params) => parseWith(CheckSimSwapInfo, json, (body) => ({ swapped: body.swapped, maxAgeHours: params.maxAgeHours })),
  },
  'sim_swap.retrieve_date': {
    id: 'sim_swap.retrieve_date',
    path: `${SIM_SWAP}/retrieve-date`,
    unknownNumberCodes: SIM_SWAP_UNKNOWN_NUMBER_CODES,
    body: phoneNumberBody,
    parse: (json) =>
      parseWith(SimSwapInfo, json, (body) => ({
        latestSimChange: body.latestSimChange,
        monitoredPeriodDays: body.monitoredPeriod ?? null,
      })),
  },
  'device_swap.check': {
    id: 'device_swap.check',
    path: `${DEVICE_SWAP}/check`,
    unknownNumberCodes: UNKNOWN_NUMBER_CODES,
    body: (phoneNumber, params) => ({ phoneNumber, maxAge: params.maxAgeHours }),
    parse: (json, params) => parseWith(CheckDeviceSwapInfo, json, (body) => ({ swapped: body.swapped, maxAgeHours: params.maxAgeHours })),
  },
  'device_swap.retrieve_date': {
    id: 'device_swap.retrieve_date',
    path: `${DEVICE_SWAP}/retrieve-date`,
    unknownNumberCodes: UNKNOWN_NUMBER_CODES,
    body: phoneNumberBody,
    parse: (json) =>
      parseWith(DeviceSwapInfo, json, (body) => ({
        latestDeviceChange: body.latestDeviceChange,
        monitoredPeriodDays: body.monitoredPeriod ?? null,
      })),
  },
  'call_forwarding.unconditional': {
    id: 'call_forwarding.unconditional',
    path: `${CALL_FORWARDING}/unconditional-call-forwardings`,
    unknownNumberCodes: UNKNOWN_NUMBER_CODES,
    body: phoneNumberBody,
    parse: (json) => parseWith(UnconditionalCallForwardingSignal, json, (body) => ({ active: body.active })),
  },
  'call_forwarding.services': {
    id: 'call_forwarding.services',
    path: `${CALL_FORWARDING}/call-forwardings`,
    unknownNumberCodes: UNKNOWN_NUMBER_CODES,
    body: phoneNumberBody,
    parse: (json) =>
      parseWith(CallForwardingSignal, json, (states) => ({
        services: [...new Set(states.filter((state): state is ForwardingService => state !== 'inactive'))],
      })),
  },
  'reachability.retrieve': {
    id: 'reachability.retrieve',
    path: `${REACHABILITY}/retrieve`,
    unknownNumberCodes: UNKNOWN_NUMBER_CODES,
    body: deviceBody,
    parse: (json) =>
      parseWith(ReachabilityStatusResponse, json, (body) => ({
        reachable: body.reachable,
        connectivity: body.reachable ? [...new Set(body.connectivity ?? [])] : [],
        lastStatusTime: body.lastStatusTime,
      })),
  },
  'roaming.retrieve': {
    id: 'roaming.retrieve',
    path: `${ROAMING}/retrieve`,
    unknownNumberCodes: UNKNOWN_NUMBER_CODES,
    body: deviceBody,
    parse: (json) =>
      parseWith(RoamingStatusResponse, json, (body) => ({
        roaming: body.roaming,
        countryCode: body.roaming ? (body.countryCode ?? null) : null,
        countries: body.roaming ? (body.countryName ?? []) : [],
        lastStatusTime: body.lastStatusTime,
      })),
  },
};
