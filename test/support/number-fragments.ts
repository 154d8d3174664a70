/**
 * What a page must not hold of a number it shows masked: every run of four digits of the number
 * but its last two (the mask keeps those), so any longer part of it is found too. Four, not
 * fewer: a timestamp's milliseconds or a year would match three by chance.
 */
export function numberFragments(phoneNumber: string): string[] {
  const digits = phoneNumber.replace(/\D/g, '').slice(0, -2);
  const fragments: string[] = [];
  for (let start = 0; start + 4 <= digits.length; start++) fragments.push(digits.slice(start, start + 4));
  return fragments;
}

/** The page without its own link (a random id and token, which may hold any digits). */
export function withoutLink(html: string, link: string): string {
  const url = new URL(link);
  return html.replaceAll(url.pathname.split('/').at(-1)!, '').replaceAll(url.searchParams.get('t')!, '');
}
