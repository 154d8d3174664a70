/**
 * Plain-text tables: columns padded to their widest cell, two spaces apart. Numbers are
 * right-aligned. No colours, so the output reads the same in a terminal, a file or a CI log.
 */
export type Cell = string | number;

export function table(headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => String(row[column] ?? '').length)));
  const line = (cells: readonly Cell[]) =>
    cells
      .map((cell, column) => (typeof cell === 'number' ? String(cell).padStart(widths[column]!) : String(cell).padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/** Two columns, names then values, without a header. */
export function pairs(rows: ReadonlyArray<readonly [string, Cell]>): string {
  const width = Math.max(0, ...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`.trimEnd()).join('\n');
}

/** A value as a cell: null and empty lists as '-', lists joined, objects as JSON. */
export function cell(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (Array.isArray(value)) return value.length === 0 ? '-' : value.map(cell).join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '-';
}

/** How long ago an ISO time was, in the largest whole unit ("3h ago", "180d ago", "in 5m"). */
export function ago(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '-';
  const ms = now - Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const abs = Math.abs(ms);
  const [amount, unit] =
    abs >= 86_400_000 ? [abs / 86_400_000, 'd'] : abs >= 3_600_000 ? [abs / 3_600_000, 'h'] : abs >= 60_000 ? [abs / 60_000, 'm'] : [abs / 1000, 's'];
  const text = `${Math.floor(amount)}${unit}`;
  return ms >= 0 ? `${text} ago` : `in ${text}`;
}
