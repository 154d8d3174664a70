/**
 * `GET /v2/PhoneNumbers/{PhoneNumber}?Fields=…`: the basic lookup (format and validation) plus
 * the requested data packages, one key per package in a fixed order, null when not requested.
 * A requested package the mock does not simulate comes back as Twilio answers a package the
 * account is not enabled for (its object with error_code 60606), never null.
 */
import type { Context } from 'hono';
import { checkErrorOf, type CheckErrorRule } from '../../faults/check-error.ts';
import type { World } from '../../world/world.ts';
import { lookupNumber, type NumberLookup } from './phone-number.ts';
import { LOOKUP_ERRORS, lookupPackage, packageError, unsimulatedPackage, UNSIMULATED_PACKAGES, type Line, type PackageContext } from './packages.ts';
import { LOOKUP_PACKAGES, type LookupPackage, type TwilioSettings } from './settings.ts';
import { twilioError } from './errors.ts';

/** Every package key of the response, in Twilio's order. Only LOOKUP_PACKAGES are simulated; the rest are UNSIMULATED_PACKAGES. */
const PACKAGE_KEYS = [
  'caller_name',
  'sim_swap',
  'call_forwarding',
  'line_status',
  'line_type_intelligence',
  'identity_match',
  'reassigned_number',
  'sms_pumping_risk',
  'phone_number_quality_score',
  'pre_fill',
] as const;

/** Values `Fields` accepts: every package, plus `validation` (the free basic lookup, always done). */
const FIELD_NAMES: ReadonlySet<string> = new Set<string>([...PACKAGE_KEYS, 'validation']);

export interface LookupDependencies {
  world: World;
  settings: TwilioSettings;
  /** World operators this account's carrier agreements cover. */
  operators: ReadonlySet<string>;
  /** Public URL of the carrier (origin + base path) for the `url` field. */
  baseUrlOf(c: Context): string;
}

export function lookupHandler(deps: LookupDependencies) {
  return (c: Context): Response => {
    const fields = requestedFields(c.req.query('Fields'));
    if (!fields.ok) return twilioError(c, 400, `Invalid Fields value: ${fields.invalid}`, 20001);

    const number = lookupNumber(c.req.param('number') ?? '', c.req.query('CountryCode'), (e164) => {
      const subscriber = deps.world.get(e164);
      return subscriber && deps.world.operators.get(subscriber.operator)?.country;
    });
    const packages = Object.fromEntries(PACKAGE_KEYS.map((key) => [key, null])) as Record<string, unknown>;
    if (number.valid) {
      const line = lineOf(number, deps);
      const context: PackageContext = { now: deps.world.now().getTime(), settings: deps.settings.current };
      const injected = checkErrorOf(c);
      for (const name of LOOKUP_PACKAGES) {
        if (!fields.names.has(name)) continue;
        packages[name] = failsByFault(injected, name) ?? lookupPackage(name, line, context);
      }
      for (const name of UNSIMULATED_PACKAGES) if (fields.names.has(name)) packages[name] = unsimulatedPackage(name);
    }
    const phoneNumber = number.valid ? number.e164 : number.input;
    return c.json({
      calling_country_code: number.valid ? number.callingCountryCode : null,
      country_code: number.valid ? number.country : null,
      phone_number: phoneNumber,
      national_format: number.valid ? number.nationalFormat : null,
      valid: number.valid,
      validation_errors: number.valid ? null : number.errors,
      ...packages,
      url: `${deps.baseUrlOf(c)}/v2/PhoneNumbers/${phoneNumber}`,
    });
  };
}

function requestedFields(raw: string | undefined): { ok: true; names: Set<string> } | { ok: false; invalid: string } {
  const names = new Set((raw ?? '').split(',').map((name) => name.trim()).filter(Boolean));
  for (const name of names) if (!FIELD_NAMES.has(name)) return { ok: false, invalid: name };
  return { ok: true, names };
}

function lineOf(number: Extract<NumberLookup, { valid: true }>, deps: LookupDependencies): Line {
  const { country } = number;
  const subscriber = deps.world.get(number.e164);
  const operator = subscriber && deps.world.operators.get(subscriber.operator);
  if (subscriber && operator) {
    return deps.operators.has(operator.id)
      ? { kind: 'subscriber', country, subscriber, operator }
      : { kind: 'foreign_carrier', country, subscriber, operator };
  }
  const covered = [...deps.operators].some((id) => deps.world.operators.get(id)?.country === country);
  return covered ? { kind: 'unassigned', country } : { kind: 'uncovered_country', country };
}

/**
 * A check_error fault: the named package (every requested one when unnamed) carries the fault's
 * numeric code (default 60608). On line_status a word is answered as the HLR status itself
 * (`Unknown`, `Active`): the statuses that are answers of no use rather than errors.
 */
function failsByFault(rule: CheckErrorRule | undefined, name: LookupPackage): Record<string, unknown> | undefined {
  if (!rule || (rule.check !== undefined && rule.check !== name)) return undefined;
  if (name === 'line_status' && typeof rule.code === 'string' && !/^\d+$/.test(rule.code)) {
    return { status: rule.code, error_code: null };
  }
  const code = typeof rule.code === 'number' ? rule.code : Number(rule.code);
  return packageError(name, Number.isInteger(code) ? code : LOOKUP_ERRORS.providerError);
}
