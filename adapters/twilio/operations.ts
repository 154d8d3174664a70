/**
 * What each operation asks of Lookup: the one package it needs (the `Fields` value) and how the
 * package is read. One operation = one request for one package: every package is billed per
 * request (SIM swap even when the carrier returns nothing), so asking for more than the question
 * needs costs money; the price is a second request when one number needs two packages.
 */
import type { z } from 'zod';
import type { OperationId, OperationParams } from '../../src/contract/signals.ts';
import type { OperationOutcome, UpstreamError } from '../../src/contract/adapter.ts';
import { unconditionalForwarding } from './call-forwarding.ts';
import type { TwilioPackage } from './config.ts';
import { reachabilityOf } from './line-status.ts';
import { lineTypeOf } from './line-type.ts';
import { simSwapCheck, simSwapRetrieveDate, type SimSwapEnvironment } from './sim-swap.ts';
import { CallForwardingPackage, LineStatusPackage, LineTypeIntelligencePackage, SimSwapPackage } from './wire.ts';

export type InterpretEnvironment = SimSwapEnvironment;

export interface TwilioOperation<Op extends OperationId, S extends z.ZodType = z.ZodType> {
  readonly id: Op;
  readonly package: TwilioPackage;
  /** The package's schema; its `error_code` is read before interpret() runs. */
  readonly schema: S;
  interpret(pkg: z.output<S>, params: OperationParams<Op>, env: InterpretEnvironment): OperationOutcome<Op> | UpstreamError;
}

function operation<Op extends OperationId, S extends z.ZodType>(definition: TwilioOperation<Op, S>): TwilioOperation<Op, S> {
  return definition;
}

/** Entry Op is what operation Op asks of Lookup: looked up by a request's operation, it needs no cast. */
export type TwilioOperationTable = { readonly [Op in OperationId]?: TwilioOperation<Op> };

export const TWILIO_OPERATIONS: TwilioOperationTable = {
  'sim_swap.check': operation({
    id: 'sim_swap.check',
    package: 'sim_swap',
    schema: SimSwapPackage,
    interpret: (pkg, params, env) => simSwapCheck(pkg, params.maxAgeHours, env),
  }),
  'sim_swap.retrieve_date': operation({
    id: 'sim_swap.retrieve_date',
    package: 'sim_swap',
    schema: SimSwapPackage,
    interpret: (pkg, _params, env) => simSwapRetrieveDate(pkg, env),
  }),
  'call_forwarding.unconditional': operation({
    id: 'call_forwarding.unconditional',
    package: 'call_forwarding',
    schema: CallForwardingPackage,
    interpret: (pkg, _params, env) => unconditionalForwarding(pkg, env.provider),
  }),
  'reachability.retrieve': operation({
    id: 'reachability.retrieve',
    package: 'line_status',
    schema: LineStatusPackage,
    interpret: (pkg, _params, env) => reachabilityOf(pkg, env.provider),
  }),
  'line_type.retrieve': operation({
    id: 'line_type.retrieve',
    package: 'line_type_intelligence',
    schema: LineTypeIntelligencePackage,
    interpret: (pkg, _params, env) => lineTypeOf(pkg, env.provider),
  }),
};
