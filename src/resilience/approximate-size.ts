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
  return (value, key) => Math.max(1, Math.round(model.perEntryBytes + model.perCharacterBytes * (key.length + jsonLength(value))));
}

/**
 * About the length of JSON.stringify(value), counted without building the string (this runs on
 * every cache write, on the miss path): strings and keys exactly, with their quotes and
 * separators; every number as 4 characters.
 */
export function jsonLength(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return 4;
    case 'boolean':
      return value ? 4 : 5;
    case 'object': {
      if (value === null) return 4;
      let length = 2;
      if (Array.isArray(value)) {
        for (const item of value) length += jsonLength(item) + 1;
        return length;
      }
      for (const key in value) {
        const field = (value as Record<string, unknown>)[key];
        if (field !== undefined) length += key.length + 4 + jsonLength(field);
      }
      return length;
    }
    default:
      return 0;
  }
}
