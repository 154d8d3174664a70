/**
 * ISO 8601 durations as Twilio writes `swapped_period` (`PT48H`, `PT15282H33M44S`, `P2D`), in
 * milliseconds. Years and months have no fixed length and are refused.
 */
const DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000] as const;

export function parseIsoDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim().toUpperCase());
  if (!match || text.trim().toUpperCase().endsWith('T')) return undefined;
  const parts = match.slice(1);
  if (parts.every((part) => part === undefined)) return undefined;
  return parts.reduce((total, part, index) => total + (part === undefined ? 0 : Number(part) * UNIT_MS[index]!), 0);
}
