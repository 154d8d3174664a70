const OFFSET = /^(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Writes an instant as RFC 3339 with the given offset (`Z`, `+00:00`, `-05:00`). Real operators
 * differ in this, and all forms are valid `date-time` values a client must accept.
 */
export function formatRfc3339(instant: Date | string, offset: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const match = OFFSET.exec(offset);
  if (!match) throw new Error(`invalid UTC offset "${offset}"`);
  if (offset === 'Z') return date.toISOString();
  const [, sign, hours, minutes] = match;
  const offsetMs = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
  return new Date(date.getTime() + offsetMs).toISOString().replace('Z', offset);
}
