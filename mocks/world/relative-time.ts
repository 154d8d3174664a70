/**
 * Scenario times are written relative to the moment the world is loaded ("3 hours ago",
 * "in 10 minutes", "now") so fixtures never rot. Absolute ISO times pass through unchanged.
 */

const UNIT_MS: Record<string, number> = {
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
  year: 365 * 86_400_000,
};

const RELATIVE = /^(?:(in)\s+)?(\d+(?:\.\d+)?)\s*(second|minute|hour|day|week|month|year)s?(?:\s+(ago))?$/i;

export function resolveTime(text: string, origin: Date): string {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'now') return origin.toISOString();
  const match = RELATIVE.exec(trimmed);
  if (match) {
    const [, future, amount, unit, past] = match;
    if (Boolean(future) === Boolean(past)) {
      throw new Error(`relative time "${text}" must be either "in N units" or "N units ago"`);
    }
    const offset = Number(amount) * UNIT_MS[unit!.toLowerCase()]!;
    return new Date(origin.getTime() + (future ? offset : -offset)).toISOString();
  }
  const absolute = Date.parse(trimmed);
  if (Number.isNaN(absolute) || !/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) {
    throw new Error(`"${text}" is neither an ISO date-time nor a relative time like "3 hours ago"`);
  }
  return trimmed;
}
