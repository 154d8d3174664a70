/**
 * Structured JSON logs, one object a line. Anything that looks like a phone number is scrubbed
 * from every string before it is written: numbers must never reach a log, whoever logs them.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

// Seven or more digits, optionally led by '+' and broken by spaces, dots, dashes or brackets,
// standing alone: a run inside a word or a UUID ("12345678-1234-…") is not a phone number.
const PHONE_LIKE = /(?<![\w-])\+?\d(?:[\s().-]?\d){6,}(?![\w-])/g;

export function scrubPhoneNumbers(text: string): string {
  return text.replace(PHONE_LIKE, '[number]');
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubPhoneNumbers(value);
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: scrubPhoneNumbers(value.message) };
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, depth + 1)]));
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
