/**
 * How much of the JavaScript heap a cache entry holds, approximately: a constant for the LRU's
 * bookkeeping and the objects' headers, plus a factor times its key's length and its value's JSON
 * length (a measure of the value's objects and strings). Each cache's two figures were measured
 * in a filled gateway (the heap freed by clearing that cache, per entry; docs/metrics.md).
 */
export interface EntrySizeModel {
  perEntryBytes: number;
  perCharacterBytes: number;
}

/** lru-cache's `sizeCalculation` for a cache whose entries follow `model`. */
export function entrySizer(model: EntrySizeModel): (value: object, key: string) => number {
  return (value, key) => Math.max(1, Math.round(model.perEntryBytes + model.perCharacterBytes * (key.length + JSON.stringify(value).length)));
}

/** Tells lru-cache to keep sizes without bounding by them (its `maxSize` is required for `sizeCalculation`). */
export const UNBOUNDED_SIZE = Number.MAX_SAFE_INTEGER;
