/**
 * The NaC wire of every operation numtrust asks it: path under the base URL, request body, and
 * how a 200 body becomes the normalized value. NaC speaks CAMARA: SIM Swap 0.4 and Device Swap 1
 * and Call Forwarding Signal 0.3 behind its `/passthrough/camara/v1` prefix, Device Reachability
 * and Roaming Status 1 under `/device-status`. The subject always travels in the body (the
 * RapidAPI key is a 2-legged credential).
 */
import { z } from 'zod';
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

export type AnyNokiaOperation = { [Op in OperationId]: NokiaOperation<Op> }[OperationId];

const SIM_SWAP = '/passthrough/camara/v1/sim-swap/sim-swap/v0';
const DEVICE_SWAP = '/passthrough/camara/v1/device-swap/device-swap/v1';
const CALL_FORWARDING = '/passthrough/camara/v1/call-forwarding-signal/call-forwarding-signal/v0.3';
const REACHABILITY = '/device-status/device-reachability-status/v1';
const ROAMING = '/device-status/device-roaming-status/v1';

/** SIM Swap 0.4.0 names its own 404 code for an unknown number; a passthrough may hand it on. */
const SIM_SWAP_UNKNOWN_NUMBER_CODES: ReadonlySet<string> = new Set([...UNKNOWN_NUMBER_CODES, 'SIM_SWAP.UNKNOWN_PHONE_NUMBER']);

const dateTime = z.iso.datetime({ offset: true });

const SwappedResponse = z.object({ swapped: z.boolean() });
const SimChangeResponse = z.object({
  // Nullable: no change within the operator's retention window (or never connected).
  latestSimChange: dateTime.nullable(),
  monitoredPeriod: z.number().int().positive().optional(),
});
const DeviceChangeResponse = z.object({
  latestDeviceChange: dateTime.nullable(),
  monitoredPeriod: z.number().int().positive().optional(),
});
const UnconditionalResponse = z.object({ active: z.boolean() });
const ForwardingListResponse = z
  .array(z.enum(['inactive', 'unconditional', 'conditional_busy', 'conditional_not_reachable', 'conditional_no_answer']))
  .min(1)
  .refine((states) => !states.includes('inactive') || states.length === 1, {
    message: '"inactive" cannot come with an active service',
  });
const ReachabilityResponse = z
  .object({
    lastStatusTime: dateTime,
    reachable: z.boolean(),
    connectivity: z.array(z.enum(['DATA', 'SMS'])).optional(),
  })
  .refine((body) => body.reachable || !body.connectivity?.length, {
    message: 'an unreachable device cannot have connectivity',
  });
const RoamingResponse = z.object({
  lastStatusTime: dateTime,
  roaming: z.boolean(),
  countryCode: z.number().int().nonnegative().optional(),
  countryName: z.array(z.string().regex(/^[A-Z]{2}$/)).optional(),
});

/** Gives each entry its own operation type, so `body` and `parse` are checked against it. */
function define<Op extends OperationId>(operation: NokiaOperation<Op>): NokiaOperation<Op> {
  return operation;
}

const phoneNumberBody = (phoneNumber: string) => ({ phoneNumber });
const deviceBody = (phoneNumber: string) => ({ device: { phoneNumber } });

export const NOKIA_OPERATIONS: readonly AnyNokiaOperation[] = [
  define({
    id: 'sim_swap.check',
    path: `${SIM_SWAP}/check`,
    unknownNumberCodes: SIM_SWAP_UNKNOWN_NUMBER_CODES,
    body: (phoneNumber, params) => ({ phoneNumber, maxAge: params.maxAgeHours }),
    parse: (json, params) => parseWith(SwappedResponse, json, (body) => ({ swapped: body.swapped, maxAgeHours: params.maxAgeHours })),
  }),
  define({
    id: 'sim_swap.retrieve_date',
    path: `${SIM_SWAP}/retrieve-date`,
    unknownNumberCodes: SIM_SWAP_UNKNOWN_NUMBER_CODES,
    body: phoneNumberBody,
    parse: (json) =>
      parseWith(SimChangeResponse, json, (body) => ({
        latestSimChange: body.latestSimChange,
        monitoredPeriodDays: body.monitoredPeriod ?? null,
      })),
  }),
  define({
    id: 'device_swap.check',
    path: `${DEVICE_SWAP}/check`,
    unknownNumberCodes: UNKNOWN_NUMBER_CODES,
    body: (phoneNumber, params) => ({ phoneNumber, maxAge: params.maxAgeHours }),
    parse: (json, params) => parseWith(SwappedResponse, json, (body) => ({ swapped: body.swapped, maxAgeHours: params.maxAgeHours })),
  }),
  define({
    id: 'device_swap.retrieve_date',
    path: `${DEVICE_SWAP}/retrieve-date`,
    unknownNumberCodes: UNKNOWN_NUMBER_CODES,
    body: phoneNumberBody,
    parse: (json) =>
      parseWith(DeviceChangeResponse, json, (body) => ({
        latestDeviceChange: body.latestDeviceChange,
        monitoredPeriodDays: body.monitoredPeriod ?? null,
      })),
  }),
  define({
    id: 'call_forwarding.unconditional',
    path: `${CALL_FORWARDING}/unconditional-call-forwardings`,
    unknownNumberCodes: UNKNOWN_NUMBER_CODES,
    body: phoneNumberBody,
    parse: (json) => parseWith(UnconditionalResponse, json, (body) => ({ active: body.active })),
  }),
  define({
    id: 'call_forwarding.services',
    path: `${CALL_FORWARDING}/call-forwardings`,
    unknownNumberCodes: UNKNOWN_NUMBER_CODES,
    body: phoneNumberBody,
    parse: (json) =>
      parseWith(ForwardingListResponse, json, (states) => ({
        services: [...new Set(states.filter((state): state is ForwardingService => state !== 'inactive'))],
      })),
  }),
  define({
    id: 'reachability.retrieve',
    path: `${REACHABILITY}/retrieve`,
    unknownNumberCodes: UNKNOWN_NUMBER_CODES,
    body: deviceBody,
    parse: (json) =>
      parseWith(ReachabilityResponse, json, (body) => ({
        reachable: body.reachable,
        connectivity: body.reachable ? [...new Set(body.connectivity ?? [])] : [],
        lastStatusTime: body.lastStatusTime,
      })),
  }),
  define({
    id: 'roaming.retrieve',
    path: `${ROAMING}/retrieve`,
    unknownNumberCodes: UNKNOWN_NUMBER_CODES,
    body: deviceBody,
    parse: (json) =>
      parseWith(RoamingResponse, json, (body) => ({
        roaming: body.roaming,
        countryCode: body.roaming ? (body.countryCode ?? null) : null,
        countries: body.roaming ? (body.countryName ?? []) : [],
        lastStatusTime: body.lastStatusTime,
      })),
  }),
];
