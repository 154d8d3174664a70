/**
 * The one rule that keeps phone numbers out of log lines, error messages sent to clients and
 * upstream failure descriptions: any run of 7 or more digits, anywhere (inside a word too:
 * `ivr-447700900001`, `CallSid447700900001`), and any phone-like sequence of 7 or more digits
 * broken by spaces, dots, dashes or brackets, with an optional leading `+`, becomes `[number]`.
 * Digits are any script's decimal digits. ISO 8601 dates and times stay as they are: their digits
 * are broken by dashes too, and a log without its times is of little use.
 *
 * UUIDs (the correlators CAMARA recommends) are read group by group: their dashes do not join digit
 * runs, or about 37 % of random UUIDs would lose a part in the log. A group with 7 or more digits in
 * a row is still masked (about 15 % of random UUIDs: `[number]-1234-4abc-…`, the rest still tells
 * requests apart). A number deliberately split across UUID groups would pass; one written out in
 * any usual way never has the shape of a UUID.
 */
// Imports nothing and sits in the lowest layer, so src/ and adapters/ both use it without a cycle.

const ISO_DATE_TIME =
  String.raw`(?<!\p{Nd})[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])` +
  String.raw`(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,9})?)?(?:Z|[+-](?:[01][0-9]|2[0-3]):?[0-5][0-9])?)?(?!\p{Nd})`;
const UUID = String.raw`(?<![0-9a-fA-F])[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}(?![0-9a-fA-F])`;
/** A digit, then six more, each after at most two separators (`+44 (0)20 …` has two between 4 and 0). */
const PHONE_LIKE = String.raw`\+?\p{Nd}(?:[\s.()\-]{0,2}\p{Nd}){6,}`;
const NUMBERS = new RegExp(`(${ISO_DATE_TIME})|(${UUID})|${PHONE_LIKE}`, 'gu');
const DIGIT_RUN = /\p{Nd}{7,}/gu;

export const NUMBER_MASK = '[number]';

export function scrubNumbers(text: string): string {
  if (cannotHoldANumber(text)) return text;
  return text.replace(NUMBERS, (match, isoDateTime: string | undefined, uuid: string | undefined) => {
    if (isoDateTime !== undefined) return match;
    if (uuid !== undefined) return uuid.replace(DIGIT_RUN, NUMBER_MASK);
    return NUMBER_MASK;
  });
}

/** Most strings a log line holds (methods, routes, codes, tenants): ASCII with fewer than 7 digits, no match possible, no regex run. */
function cannotHoldANumber(text: string): boolean {
  let digits = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0x7f) return false;
    if (code >= 0x30 && code <= 0x39 && ++digits >= 7) return false;
  }
  return true;
}
