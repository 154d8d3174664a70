import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Operator } from '../../world/scenario.ts';

/**
 * The numbering, location and carrier blocks of a PhoneID answer. Telesign derives them from
 * numbering-plan data; the mock derives them from the number and the world operator.
 */

const ISO3: Record<string, string> = {
  GB: 'GBR', US: 'USA', CA: 'CAN', FR: 'FRA', DE: 'DEU', ES: 'ESP', IT: 'ITA', NL: 'NLD', BE: 'BEL',
  IE: 'IRL', PT: 'PRT', CH: 'CHE', AT: 'AUT', SE: 'SWE', NO: 'NOR', DK: 'DNK', FI: 'FIN', PL: 'POL',
  MX: 'MEX', BR: 'BRA', AR: 'ARG', IN: 'IND', JP: 'JPN', AU: 'AUS', NZ: 'NZL', ZA: 'ZAF', SG: 'SGP',
};
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

export interface NumberParts {
  completePhoneNumber: string;
  countryCode: string;
  phoneNumber: string;
  /** ISO 3166-1 alpha-2 the number belongs to, when known. */
  country: string | null;
}

/** `digits` = country code + national number, no '+'. */
export function numberParts(digits: string): NumberParts {
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  if (!parsed) return { completePhoneNumber: digits, countryCode: '', phoneNumber: digits, country: null };
  const countryCode = String(parsed.countryCallingCode);
  return {
    completePhoneNumber: digits,
    countryCode,
    phoneNumber: String(parsed.nationalNumber),
    // A number outside the national plan's known ranges: the calling code's main country.
    country: parsed.country ?? parsed.getPossibleCountries()[0] ?? null,
  };
}

export function numberingBlock(parts: NumberParts) {
  const cleansed = {
    country_code: parts.countryCode,
    phone_number: parts.phoneNumber,
    cleansed_code: 100,
    min_length: parts.phoneNumber.length,
    max_length: parts.phoneNumber.length,
  };
  return {
    original: {
      complete_phone_number: parts.completePhoneNumber,
      country_code: parts.countryCode,
      phone_number: parts.phoneNumber,
    },
    cleansing: { call: cleansed, sms: { ...cleansed } },
  };
}

export function locationBlock(country: string | null) {
  return {
    city: null,
    state: null,
    zip: null,
    metro_code: null,
    county: null,
    country: country
      ? { name: REGION_NAMES.of(country) ?? country, iso2: country, iso3: ISO3[country] ?? null }
      : { name: null, iso2: null, iso3: null },
    time_zone: { name: null, utc_offset_min: null, utc_offset_max: null },
    coordinates: { latitude: null, longitude: null },
  };
}

export function carrierBlock(operator: Operator | undefined) {
  return { name: operator?.name ?? '' };
}
