/**
 * The one translation from a request body that fails its schema to the CAMARA error a client
 * reads: a sentence naming the field path ("context.channel must be one of ..."), never zod's own
 * text. Every route that reads a JSON body goes through readJsonBody(), which parses with
 * `phraseOf` as its error map and answers with `bodyError()`.
 *
 * Schemas give their own phrase where a check needs one (the E.164 pattern, a refine): a phrase
 * completes "<field> ...", e.g. `must be a snake_case action name such as change_address`.
 */
import type { z } from 'zod';
import { CamaraError } from '../errors.ts';

/** Where a route takes the phone number it is asked about. */
export type IdentifierPath = 'phoneNumber' | 'callerNumber' | 'device.phoneNumber';

/** Every spelling of "the number" some route takes: one sent to a route that wants another gets a hint. */
const NUMBER_SPELLINGS: readonly IdentifierPath[] = ['phoneNumber', 'callerNumber', 'device.phoneNumber'];

/** Client-sent property names are echoed, but not at any length. */
const MAX_ECHOED_NAME = 64;

type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue;

/**
 * zod's error map for request bodies: the phrase that follows the field's name, for every issue
 * whose schema gives none. Returns undefined (zod's default) for nothing: every kind has a phrase.
 */
export function phraseOf(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${TYPE_NAMES[issue.expected] ?? `of type ${issue.expected}`}`;
    case 'too_small':
      return boundPhrase('at least', issue.origin, issue.minimum, issue.inclusive);
    case 'too_big':
      return boundPhrase('at most', issue.origin, issue.maximum, issue.inclusive);
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${literal(issue.values[0])}` : `must be one of ${listed(issue.values.map(literal), 'or')}`;
    case 'invalid_format':
      return formatPhrase(issue.format, issue.pattern);
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return unknownPropertiesPhrase(issue.keys);
    case 'invalid_union':
      return discriminatorPhrase(issue) ?? 'does not match any of its allowed forms';
    case 'invalid_key':
    case 'invalid_element':
      return 'has an invalid entry';
    case 'custom':
      return 'is not valid';
  }
}

/** A discriminated union's tag matched none of its forms: zod lists the tags it knows. */
function discriminatorPhrase(issue: RawIssue): string | undefined {
  const { options } = issue as { options?: unknown };
  if (!Array.isArray(options) || options.length === 0) return undefined;
  return `must be one of ${listed(options.map(literal), 'or')}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function boundPhrase(side: 'at least' | 'at most', origin: string, bound: number | bigint | Date, inclusive: boolean | undefined): string {
  const exclusive = inclusive === false;
  const value = Number(bound);
  switch (origin) {
    case 'string':
      if (side === 'at least' && value === 1 && !exclusive) return 'must not be empty';
      return `must be ${side} ${value} characters long`;
    case 'array':
    case 'set':
      if (side === 'at least' && value === 1 && !exclusive) return 'must have at least one item';
      return `must have ${side} ${value} items`;
    default:
      if (exclusive) return `must be ${side === 'at least' ? 'greater' : 'less'} than ${value}`;
      return `must be ${side} ${value}`;
  }
}

const FORMAT_NAMES: Record<string, string> = {
  url: 'a URL',
  uuid: 'a UUID',
  email: 'an email address',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  datetime: 'an RFC 3339 date-time with its offset',
  date: 'a date (YYYY-MM-DD)',
};

function formatPhrase(format: string, pattern: string | undefined): string {
  if (format === 'regex' && pattern) return `must match the pattern ${pattern}`;
  return `must be ${FORMAT_NAMES[format] ?? `in ${format} format`}`;
}

function unknownPropertiesPhrase(keys: readonly string[]): string {
  const names = keys.map((key) => `"${key.length > MAX_ECHOED_NAME ? `${key.slice(0, MAX_ECHOED_NAME)}…` : key}"`);
  return names.length === 1 ? `has an unknown property ${names[0]}` : `has unknown properties ${listed(names, 'and')}`;
}

function literal(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

function listed(items: readonly string[], conjunction: 'and' | 'or'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** `context.channel`, `checks.include[0]`; the body itself when the issue is about the whole of it. */
export function fieldLabel(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return 'The request body';
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`)).join('');
}

function valueAt(input: unknown, path: string): unknown {
  let value = input;
  for (const part of path.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/** The number sent under another route's spelling: the sentence that says where it goes. */
function spellingHint(input: unknown, identifier: IdentifierPath | undefined): string {
  if (!identifier) return '';
  const sent = NUMBER_SPELLINGS.find((spelling) => spelling !== identifier && valueAt(input, spelling) !== undefined);
  return sent ? ` This route takes the number as ${identifier}, not ${sent}: send it as ${identifier}.` : '';
}

/** An API key names a client, not a subscriber: without the number in the body nobody can be asked about. */
export function missingIdentifier(identifier: IdentifierPath, input?: unknown): CamaraError {
  return new CamaraError(
    'MISSING_IDENTIFIER',
    `${identifier} is required: an API key identifies a client, not a subscriber, so the number must be in the request body.${spellingHint(input, identifier)}`,
  );
}

/** Whether the body names no number where the route takes it (device.phoneNumber: no device at all). */
export function identifierMissing(input: unknown, identifier: IdentifierPath): boolean {
  return valueAt(input, identifier.split('.')[0]!) === undefined;
}

/**
 * The error for a body its schema refused. An unknown property comes first (a misspelt or
 * misplaced field explains the rest, and gets a hint when it is the number under another route's
 * spelling); then a missing number (422 MISSING_IDENTIFIER, as on every route); then the first issue.
 */
export function bodyError(issues: readonly Issue[], input: unknown, identifier?: IdentifierPath): CamaraError {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return new CamaraError('INVALID_ARGUMENT', `The request body must be a JSON object, not ${Array.isArray(input) ? 'an array' : input === null ? 'null' : `a ${typeof input}`}.`);
  }
  const unknown = issues.find((issue) => issue.code === 'unrecognized_keys');
  if (unknown) return new CamaraError('INVALID_ARGUMENT', `${sentenceOf(unknown)}${spellingHint(input, identifier)}`);
  if (identifier && identifierMissing(input, identifier)) return missingIdentifier(identifier, input);
  const first = issues[0];
  return new CamaraError('INVALID_ARGUMENT', first ? sentenceOf(first) : 'The request body is not valid.');
}

function sentenceOf(issue: Issue): string {
  return `${fieldLabel(issue.path)} ${issue.message}.`;
}
