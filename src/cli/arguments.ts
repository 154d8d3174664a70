/** Checks of a command's own arguments and option values; each failure is a usage error naming the command. */
import { PhoneNumber } from '../../camara-specs/common.ts';
import { UsageError } from './errors.ts';

/** Exactly these positional arguments (names for the message), no more. */
export function positionals(args: readonly string[], names: readonly string[], command: string): string[] {
  if (args.length < names.length) throw new UsageError(`${command}: missing ${names.slice(args.length).map((name) => `<${name}>`).join(' ')}`, command);
  if (args.length > names.length) throw new UsageError(`${command}: unexpected argument "${args[names.length]}"`, command);
  return [...args];
}

export function phoneNumber(text: string, command: string): string {
  if (!PhoneNumber.safeParse(text).success) {
    throw new UsageError(`${command}: "${text}" is not an E.164 number with a leading + (+447700900001)`, command);
  }
  return text;
}

export function integer(text: string | undefined, option: string, command: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`${command}: --${option} takes a whole number, not "${text}"`, command);
  return Number(text);
}

export function choice<T extends string>(text: string | undefined, allowed: readonly T[], option: string, command: string): T | undefined {
  if (text === undefined) return undefined;
  if (!allowed.includes(text as T)) throw new UsageError(`${command}: --${option} is one of ${allowed.join(', ')}, not "${text}"`, command);
  return text as T;
}

/** A comma-separated list of allowed words; "none" (or an empty value) is the empty list. */
export function list<T extends string>(text: string | undefined, allowed: readonly T[], option: string, command: string): T[] | undefined {
  if (text === undefined) return undefined;
  const items = text === 'none' ? [] : text.split(',').map((item) => item.trim()).filter(Boolean);
  for (const item of items) choice(item, allowed, option, command);
  return items as T[];
}

/** A JSON object given on the command line. */
export function jsonObject(text: string, what: string, command: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${command}: ${what} is not valid JSON: ${(error as Error).message}`, command);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${command}: ${what} must be a JSON object`, command);
  return value as Record<string, unknown>;
}
