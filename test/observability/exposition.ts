/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for tests: every line is a
 * comment (# HELP / # TYPE), blank, or a sample `name{label="value",…} value [timestamp]` with
 * label values unescaped (\\, \", \n). Anything else fails the test that scraped it.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: Sample[];
  /** Metric family name → counter, gauge, histogram, summary, untyped. */
  types: Map<string, string>;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', n: '\n' };

/** As Prometheus reads values (Go's ParseFloat): NaN and Inf in any case (prom-client writes `Nan`). */
function parseNumber(text: string, line: string): number {
  const special = text.toLowerCase();
  if (special === '+inf' || special === 'inf') return Infinity;
  if (special === '-inf') return -Infinity;
  if (special === 'nan') return NaN;
  const value = Number(text);
  if (text === '' || Number.isNaN(value)) throw new Error(`not a sample value "${text}" in: ${line}`);
  return value;
}

/** Reads `{a="x",b="y"}` from the start of `rest`; returns the labels and what follows the brace. */
function parseLabels(rest: string, line: string): { labels: Record<string, string>; after: string } {
  const labels: Record<string, string> = {};
  let at = 1;
  while (rest[at] !== '}') {
    const name = LABEL_NAME.exec(rest.slice(at))?.[0];
    if (!name || rest[at + name.length] !== '=' || rest[at + name.length + 1] !== '"') throw new Error(`bad label in: ${line}`);
    at += name.length + 2;
    let value = '';
    while (rest[at] !== '"') {
      if (at >= rest.length) throw new Error(`unterminated label value in: ${line}`);
      if (rest[at] === '\\') {
        const escaped = ESCAPES[rest[at + 1] ?? ''];
        if (escaped === undefined) throw new Error(`bad escape in: ${line}`);
        value += escaped;
        at += 2;
      } else {
        value += rest[at++];
      }
    }
    if (name in labels) throw new Error(`label ${name} twice in: ${line}`);
    labels[name] = value;
    at++;
    if (rest[at] === ',') at++;
    else if (rest[at] !== '}') throw new Error(`expected , or } in: ${line}`);
  }
  return { labels, after: rest.slice(at + 1) };
}

export function parseExposition(text: string): Exposition {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
      if (type) types.set(type[1]!, type[2]!);
      else if (!/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* /.test(line)) throw new Error(`unexpected comment: ${line}`);
      continue;
    }
    const name = NAME.exec(line)?.[0];
    if (!name) throw new Error(`no metric name in: ${line}`);
    let rest = line.slice(name.length);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) {
      const parsed = parseLabels(rest, line);
      labels = parsed.labels;
      rest = parsed.after;
    }
    const fields = rest.trim().split(/\s+/);
    if (!rest.startsWith(' ') || fields.length < 1 || fields.length > 2) throw new Error(`bad sample: ${line}`);
    samples.push({ name, labels, value: parseNumber(fields[0]!, line) });
  }
  return { samples, types };
}

/** The samples of `name` whose labels include every one of `labels`. */
export function samplesOf(exposition: Exposition, name: string, labels: Record<string, string> = {}): Sample[] {
  return exposition.samples.filter(
    (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
}

/** The sum of the matching samples' values; 0 when none match (a counter never incremented). */
export function sumOf(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  return samplesOf(exposition, name, labels).reduce((sum, sample) => sum + sample.value, 0);
}
