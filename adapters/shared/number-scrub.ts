/**
 * The one rule that keeps phone numbers out of log lines, error messages sent to clients and
 * upstream failure descriptions: any run of 7 or more digits, anywhere (inside a word too:
 * `ivr-447700900001`, `CallSid447700900001`), and any phone-like sequence of 7 or more digits
 * broken by spaces, dots, dashes or brackets, with an optional leading `+`, becomes `[number]`.
 * Digits are any script's decimal digits. ISO 8601 dates and times stay as they are: their digits
 * are broken by dashes too, and a log without its times is of little use.
 *
 * A UUID whose all-digit stretch happens to reach 7 digits (`12345678-…`) is partly masked too;
 * that is the price of catching a number however it is dressed up, and the rest of the UUID
 * still tells requests apart.
 */
// Imports nothing and sits in the lowest layer, so src/ and adapters/ both use it without a cycle.

const ISO_DATE_TIME =
  String.raw`(?<!\p{Nd})[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])` +
  String.raw`(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,9})?)?(?:Z|[+-](?:[01][0-9]|2[0-3]):?[0-5][0-9])?)?(?!\p{Nd})`;
/** A digit, then six more, each after at most two separators (`+44 (0)20 …` has two between 4 and 0). */
const PHONE_LIKE = String.raw`\+?\p{Nd}(?:[\s.()\-]{0,2}\p{Nd}){6,}`;
const NUMBERS = new RegExp(`(${ISO_DATE_TIME})|${PHONE_LIKE}`, 'gu');

export const NUMBER_MASK = '[number]';

export function scrubNumbers(text: string): string {
  return text.replace(NUMBERS, (match, isoDateTime: string | undefined) => (isoDateTime === undefined ? NUMBER_MASK : match));
}
