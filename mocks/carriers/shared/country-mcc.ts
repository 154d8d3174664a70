/**
 * Mobile country codes (ITU-T E.212) of the countries the demo world roams in. A country with
 * several MCCs (US 310–316, GB 234/235, IN 404/405) is written with its first; an MCC shared by
 * several countries would list them all in Roaming Status' countryName.
 */
export const MCC_OF_COUNTRY: Readonly<Record<string, number>> = {
  AE: 424, AR: 722, AT: 232, AU: 505, BE: 206, BR: 724, CA: 302, CH: 228, CN: 460, CZ: 230,
  DE: 262, DK: 238, EG: 602, ES: 214, FI: 244, FR: 208, GB: 234, GR: 202, HU: 216, IE: 272,
  IN: 404, IT: 222, JP: 440, KE: 639, KR: 450, MA: 604, MX: 334, NG: 621, NL: 204, NO: 242,
  NZ: 530, PL: 260, PT: 268, RO: 226, SA: 420, SE: 240, SG: 525, TH: 520, TR: 286, US: 310,
  ZA: 655,
};

/** ISO 3166-1 alpha-2 codes an MCC stands for; empty when the table does not know it. */
export function countriesOfMcc(mcc: number): string[] {
  return Object.entries(MCC_OF_COUNTRY)
    .filter(([, code]) => code === mcc)
    .map(([country]) => country)
    .sort();
}
