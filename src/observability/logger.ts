/**
 * Structured JSON logs, one object a line. Every string in an entry (the message, nested ones,
 * keys, error messages, the correlator) goes through the one number scrubber before it is
 * written: numbers must never reach a log, whoever logs them. Numbers (durations, statuses) are
 * not strings and stay as they are; the entry's `time` is the logger's own ISO timestamp, which
 * the scrubber would leave as it is, and is not run through it.
 */
import { scrubNumbers } from '../contract/number-scrub.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Deeper than this, a value is written as a placeholder rather than walked (and never raw). */
const MAX_DEPTH = 6;

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubNumbers(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) return { name: scrubNumbers(value.name), message: scrubNumbers(value.message) };
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  return scrubInto({}, value as Record<string, unknown>, depth);
}

/** Copies `fields` into `target`, every key and string scrubbed; a later key wins, as in a spread. */
function scrubInto(target: Record<string, unknown>, fields: Record<string, unknown>, depth = 0): Record<string, unknown> {
  for (const key in fields) {
    if (!Object.hasOwn(fields, key)) continue;
    const item = fields[key];
    // JSON leaves undefined out anyway.
    if (item !== undefined) target[scrubNumbers(key)] = scrub(item, depth + 1);
  }
  return target;
}

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(
  options: { level?: LogLevel; write?: (line: string) => void; base?: LogFields } = {},
): Logger {
  const threshold = LEVEL_RANK[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => console.log(line));
  const base = options.base ?? {};
  const log = (level: LogLevel, message: string, fields: LogFields = {}) => {
    if (LEVEL_RANK[level] < threshold) return;
    // The time is the logger's own, an ISO timestamp the scrubber would leave as it is: not scrubbed (a regex run a line).
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, msg: scrubNumbers(message) };
    scrubInto(entry, base);
    scrubInto(entry, fields);
    write(JSON.stringify(entry));
  };
  return {
    log,
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}

export const silentLogger: Logger = createLogger({ write: () => {} });
