/**
 * Country calling codes of the countries a coverage setting is likely to name, for judging numbers
 * the World does not know (a country missing here simply never counts as covered for them).
 * NANP countries share +1: an unknown +1 number counts as covered when any of them is.
 */
const CALLING_CODES: Readonly<Record<string, string>> = {
  US: '1', CA: '1', GB: '44', IE: '353', FR: '33', DE: '49', ES: '34', PT: '351', IT: '39', NL: '31',
  BE: '32', CH: '41', AT: '43', SE: '46', NO: '47', DK: '45', FI: '358', PL: '48', MX: '52', BR: '55',
  AR: '54', IN: '91', JP: '81', AU: '61', ZA: '27',
};

export function callingCodeOf(country: string): string | undefined {
  return CALLING_CODES[country];
}
