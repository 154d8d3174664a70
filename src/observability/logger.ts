/**
 * Structured JSON logs, one object a line. Every string in an entry (nested ones, keys, error
 * messages, the correlator) goes through the one number scrubber before it is written: numbers
 * must never reach a log, whoever logs them. Numbers (durations, statuses) are not strings and
 * stay as they are; the ISO `time` survives the scrubber.
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
  const scrubbed: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    // JSON leaves undefined out anyway.
    if (item !== undefined) scrubbed[scrubNumbers(key)] = scrub(item, depth + 1);
  }
  return scrubbed;
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
    const entry = scrub({ time: new Date().toISOString(), level, msg: message, ...base, ...fields });
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
