/**
 * The Lookup data packages the mock simulates, computed from the World. Each is an object with its
 * own `error_code`, or null when Twilio does not offer it for the number (not billed).
 */
import type { Operator } from '../../world/scenario.ts';
import type { Subscriber } from '../../world/subscriber.ts';
import { TWILIO_LINE_TYPE, type TwilioLineType } from '../shared/line-type.ts';
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
  line_type_intelligence: { type: null, carrier_name: null, mobile_country_code: null, mobile_network_code: null },
};

/**
 * The packages Twilio documents that the mock does not simulate, with their fields. The mock's
 * account is not enabled for them, and Twilio answers that inside the 200 as it answers any
 * package it cannot give: the package's object, fields null, `error_code` 60606 (a string in
 * reassigned_number, as Twilio types that one).
 */
const UNSIMULATED: Readonly<Record<string, PackageBody>> = {
  caller_name: { caller_name: null, caller_type: null },
  identity_match: {
    first_name_match: null,
    last_name_match: null,
    address_lines_match: null,
    city_match: null,
    state_match: null,
    postal_code_match: null,
    address_country_match: null,
    national_id_match: null,
    date_of_birth_match: null,
    summary_score: null,
    error_message: null,
  },
  reassigned_number: { last_verified_date: null, is_number_reassigned: null },
  sms_pumping_risk: {
    carrier_risk_category: null,
    number_blocked: null,
    number_blocked_date: null,
    number_blocked_last_3_months: null,
    sms_pumping_risk_score: null,
  },
  phone_number_quality_score: { quality_score: null },
  pre_fill: { first_name: null, last_name: null, address: null },
};

export const UNSIMULATED_PACKAGES = Object.keys(UNSIMULATED);

export function unsimulatedPackage(name: string): PackageBody {
  const code = name === 'reassigned_number' ? String(LOOKUP_ERRORS.packageNotEnabled) : LOOKUP_ERRORS.packageNotEnabled;
  return { ...UNSIMULATED[name], error_code: code };
}

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
    case 'line_type_intelligence':
      return lineTypeIntelligence(line);
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

/** Twilio names no carrier for these types (its docs), and gives the MNC for mobile numbers only. */
const NO_CARRIER_DATA: ReadonlySet<TwilioLineType> = new Set(['personal', 'tollFree', 'premium', 'sharedCost', 'uan', 'voicemail', 'unknown']);

/**
 * Line Type Intelligence covers every country from numbering and porting data, whoever serves the
 * number: any subscriber of the World is classified, an unassigned number is outside coverage.
 */
function lineTypeIntelligence(line: Line): PackageBody {
  if (line.kind !== 'subscriber' && line.kind !== 'foreign_carrier') {
    return packageError('line_type_intelligence', LOOKUP_ERRORS.outsideCoverage);
  }
  const type = TWILIO_LINE_TYPE[line.subscriber.lineType];
  const carrier = !NO_CARRIER_DATA.has(type);
  return {
    type,
    carrier_name: carrier ? line.operator.name : null,
    mobile_country_code: carrier ? line.operator.mcc : null,
    mobile_network_code: type === 'mobile' ? line.operator.mnc : null,
    error_code: null,
  };
}
