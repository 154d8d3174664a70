/**
 * The mobile country code (ITU-T E.212) NaC reports for a visited country: the country's first
 * (or only) MCC. Roaming Status answers it as the integer `countryCode`.
 */
const MCC_OF_COUNTRY: Readonly<Record<string, number>> = {
  AT: 232, AU: 505, BE: 206, BR: 724, CA: 302, CH: 228, CN: 460, CZ: 230, DE: 262, DK: 238,
  ES: 214, FI: 244, FR: 208, GB: 234, GR: 202, HU: 216, IE: 272, IN: 404, IT: 222, JP: 440,
  MX: 334, NL: 204, NO: 242, NZ: 530, PL: 260, PT: 268, SE: 240, TR: 286, US: 310, ZA: 655,
};

export function mccOfCountry(country: string): number | undefined {
  return MCC_OF_COUNTRY[country];
}
