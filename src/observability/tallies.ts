/**
 * Counters and a histogram for the request path, kept in plain Maps and handed to prom-client's
 * registry when it is scraped. prom-client's own inc() and observe() build a label hash, validate
 * the labels and allocate on every call, several times a request; here a request costs one key
 * string and a Map lookup per metric, and the work moves to the scrape.
 */
import { Counter, type Registry } from 'prom-client';

type Labels<L extends string> = Record<L, string | number>;

function keyOf<L extends string>(labelNames: readonly L[], labels: Labels<L>): string {
  let key = '';
  for (const name of labelNames) key += `${labels[name]}\u0000`;
  return key;
}

export class TallyCounter<L extends string> {
  private readonly tallies = new Map<string, { labels: Labels<L>; count: number }>();
  private readonly labelNames: readonly L[];

  constructor(registry: Registry, name: string, help: string, labelNames: readonly L[]) {
    this.labelNames = labelNames;
    const tallies = this.tallies;
    new Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        for (const { labels, count } of tallies.values()) this.inc(labels, count);
      },
    });
  }

  inc(labels: Labels<L>): void {
    const key = keyOf(this.labelNames, labels);
    const tally = this.tallies.get(key);
    if (tally) tally.count++;
    else this.tallies.set(key, { labels, count: 1 });
  }
}

interface Series<L extends string> {
  labels: Labels<L>;
  /** Observations per bucket (not cumulative); the last is +Inf. */
  buckets: number[];
  sum: number;
  count: number;
}

/** A Prometheus histogram (cumulative `le` buckets, `_sum`, `_count`) registered as a metric of its own. */
export class TallyHistogram<L extends string> {
  private readonly series = new Map<string, Series<L>>();
  private readonly labelNames: readonly L[];
  private readonly upperBounds: readonly number[];

  constructor(registry: Registry, name: string, help: string, labelNames: readonly L[], upperBounds: readonly number[]) {
    this.labelNames = labelNames;
    this.upperBounds = upperBounds;
    const series = this.series;
    registry.registerMetric({
      name,
      help,
      type: 'histogram',
      get: () => ({ name, help, type: 'histogram', aggregator: 'sum', values: [...series.values()].flatMap((one) => valuesOf(name, upperBounds, one)) }),
    } as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  observe(labels: Labels<L>, value: number): void {
    const key = keyOf(this.labelNames, labels);
    let one = this.series.get(key);
    if (!one) this.series.set(key, (one = { labels, buckets: Array.from({ length: this.upperBounds.length + 1 }, () => 0), sum: 0, count: 0 }));
    let bucket = 0;
    while (bucket < this.upperBounds.length && value > this.upperBounds[bucket]!) bucket++;
    one.buckets[bucket]!++;
    one.sum += value;
    one.count++;
  }
}

function valuesOf<L extends string>(name: string, upperBounds: readonly number[], one: Series<L>) {
  let cumulative = 0;
  const values = upperBounds.map((bound, index) => {
    cumulative += one.buckets[index]!;
    return { metricName: `${name}_bucket`, labels: { ...one.labels, le: bound }, value: cumulative };
  });
  values.push({ metricName: `${name}_bucket`, labels: { ...one.labels, le: '+Inf' as unknown as number }, value: one.count });
  return [...values, { metricName: `${name}_sum`, labels: { ...one.labels }, value: one.sum }, { metricName: `${name}_count`, labels: { ...one.labels }, value: one.count }];
}
