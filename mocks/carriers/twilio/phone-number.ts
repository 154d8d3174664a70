/**
 * Formatting and validation as Lookup's free basic request does it: E.164, national format,
 * `valid` and `validation_errors`. Validation follows libphonenumber's metadata, except that every
 * number of the World is valid: the demo ranges (Ofcom 07700 900xxx, NANP 555-01xx) are reserved
 * for fiction and libphonenumber calls some of them invalid, but in the World they are assigned.
 */
import {
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';

export const VALIDATION_ERRORS = [
  'TOO_SHORT',
  'TOO_LONG',
  'INVALID_BUT_POSSIBLE',
  'INVALID_COUNTRY_CODE',
  'INVALID_LENGTH',
  'NOT_A_NUMBER',
] as const;
export type ValidationError = (typeof VALIDATION_ERRORS)[number];

export type NumberLookup =
  | {
      valid: true;
      e164: string;
      callingCountryCode: string;
      /** ISO 3166-1 alpha-2; for World numbers, the country of their operator. */
      country: string;
      nationalFormat: string;
    }
  | { valid: false; input: string; errors: ValidationError[] };

/** Lookup's default region for national-format numbers without CountryCode. */
const DEFAULT_COUNTRY: CountryCode = 'US';

/**
 * @param raw the path segment as received (`+447700900001`, or national with `countryCode`)
 * @param worldCountryOf the operator country of a World number, undefined for numbers the World does not hold
 */
export function lookupNumber(
  raw: string,
  countryCode: string | undefined,
  worldCountryOf: (e164: string) => string | undefined,
): NumberLookup {
  const region = (countryCode?.toUpperCase() || DEFAULT_COUNTRY) as CountryCode;
  const parsed = parse(raw, region);
  if (!parsed) return { valid: false, input: raw, errors: [lengthError(raw, region) ?? 'NOT_A_NUMBER'] };

  const worldCountry = worldCountryOf(parsed.number);
  if (worldCountry === undefined && !parsed.isValid()) {
    return { valid: false, input: parsed.number, errors: [lengthError(parsed.number, region) ?? 'INVALID_BUT_POSSIBLE'] };
  }
  const country = worldCountry ?? parsed.country;
  if (country === undefined) return { valid: false, input: parsed.number, errors: ['INVALID_COUNTRY_CODE'] };
  return {
    valid: true,
    e164: parsed.number,
    callingCountryCode: parsed.countryCallingCode,
    country,
    nationalFormat: parsed.formatNational(),
  };
}

/** The E.164 form of a path segment, when it has one (fault rules that target a number use it). */
export function e164Of(raw: string, countryCode: string | undefined): string | undefined {
  return parse(raw, (countryCode?.toUpperCase() || DEFAULT_COUNTRY) as CountryCode)?.number;
}

function parse(raw: string, region: CountryCode): PhoneNumber | undefined {
  try {
    return parsePhoneNumberFromString(raw, raw.startsWith('+') ? undefined : region);
  } catch {
    return undefined;
  }
}

function lengthError(text: string, region: CountryCode): ValidationError | undefined {
  const problem = validatePhoneNumberLength(text, text.startsWith('+') ? undefined : region);
  switch (problem) {
    case undefined:
      return undefined;
    case 'INVALID_COUNTRY':
      return 'INVALID_COUNTRY_CODE';
    default:
      return problem;
  }
}
