/**
 * The three Lookup data packages the mock simulates, computed from the World. Each is an object
 * with its own `error_code`, or null when Twilio does not offer it for the number (not billed).
 */
import type { Operator } from '../../world/scenario.ts';
import type { Subscriber } from '../../world/subscriber.ts';
import { changedWithin, latestSimChange } from '../shared/swap-history.ts';
import type { LookupPackage, TwilioSettingsValues } from './settings.ts';

/** What the mock knows about a valid number, from the point of view of Twilio's carrier coverage. */
export type Line =
  /** No covered carrier in the number's country. */
  | { kind: 'uncovered_country'; country: string }
  /** A covered country, but no subscriber has the number. */
  | { kind: 'unassigned'; country: string }
  /** A subscriber of a World operator Twilio has no agreement with. */
  | { kind: 'foreign_carrier'; country: string; subscriber: Subscriber; operator: Operator }
  | { kind: 'subscriber'; country: string; subscriber: Subscriber; operator: Operator };

/** Lookup error codes the mock answers inside a package. */
export const LOOKUP_ERRORS = {
  packageNotEnabled: 60606,
  unsupportedCountry: 60607,
  providerError: 60608,
  outsideCoverage: 60610,
  notMobile: 60612,
  simSwapIncomplete: 60620,
} as const;

export interface PackageContext {
  now: number;
  settings: Readonly<TwilioSettingsValues>;
}

type PackageBody = Record<string, unknown>;

/** Call forwarding is offered for the major UK carriers only. */
const CALL_FORWARDING_COUNTRIES: ReadonlySet<string> = new Set(['GB']);

const EMPTY: Record<LookupPackage, PackageBody> = {
  sim_swap: { last_sim_swap: null, carrier_name: null, mobile_country_code: null, mobile_network_code: null },
  call_forwarding: { call_forwarding_enabled: null },
  line_status: { status: null },
};

/** A package that failed: its fields null, `error_code` set. */
export function packageError(name: LookupPackage, code: number): PackageBody {
  return { ...EMPTY[name], error_code: code };
}

export function lookupPackage(name: LookupPackage, line: Line, context: PackageContext): PackageBody | null {
  if (context.settings.disabledPackages.includes(name)) return packageError(name, LOOKUP_ERRORS.packageNotEnabled);
  switch (name) {
    case 'sim_swap':
      return simSwap(line, context);
    case 'call_forwarding':
      return callForwarding(line);
    case 'line_status':
      return lineStatus(line, context);
  }
}

function simSwap(line: Line, { now, settings }: PackageContext): PackageBody {
  if (line.kind === 'uncovered_country') return packageError('sim_swap', LOOKUP_ERRORS.unsupportedCountry);
  if (line.kind !== 'subscriber') return packageError('sim_swap', LOOKUP_ERRORS.outsideCoverage);
  if (line.subscriber.lineType !== 'mobile') return packageError('sim_swap', LOOKUP_ERRORS.notMobile);

  const latest = latestSimChange(line.subscriber);
  const periodHours = settings.swappedPeriodHours;
  const dateShared = !settings.simSwapDateWithheldBy.includes(line.operator.id);
  return {
    last_sim_swap: {
      last_sim_swap_date: dateShared && latest !== null ? new Date(latest).toISOString() : null,
      swapped_period: `PT${periodHours}H`,
      swapped_in_period: changedWithin(latest, periodHours, now),
    },
    carrier_name: line.operator.name,
    mobile_country_code: line.operator.mcc,
    mobile_network_code: line.operator.mnc,
    error_code: null,
  };
}

function callForwarding(line: Line): PackageBody | null {
  if (!CALL_FORWARDING_COUNTRIES.has(line.country)) return null;
  if (line.kind !== 'subscriber') return packageError('call_forwarding', LOOKUP_ERRORS.outsideCoverage);
  if (line.subscriber.lineType !== 'mobile') return packageError('call_forwarding', LOOKUP_ERRORS.notMobile);
  // Only unconditional forwarding is reported; conditional services do not show.
  return { call_forwarding_enabled: line.subscriber.forwarding.includes('unconditional'), error_code: null };
}

function lineStatus(line: Line, { settings }: PackageContext): PackageBody {
  switch (line.kind) {
    case 'uncovered_country':
    case 'foreign_carrier':
      return packageError('line_status', LOOKUP_ERRORS.outsideCoverage);
    case 'unassigned':
      return { status: 'Inactive', error_code: null };
    case 'subscriber': {
      if (line.subscriber.lineType !== 'mobile') return packageError('line_status', LOOKUP_ERRORS.notMobile);
      const status = line.subscriber.reachable.length > 0 ? 'Reachable' : 'Unreachable';
      const lowercase = settings.lowercaseLineStatusAt.includes(line.operator.id);
      return { status: lowercase ? status.toLowerCase() : status, error_code: null };
    }
  }
}
