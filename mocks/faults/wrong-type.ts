/**
 * `wrong_type`: the same JSON with one value of another type, the way a vendor's serializer
 * regression looks: booleans and numbers as strings, numeric text as numbers, null as "null",
 * objects and arrays as their JSON text.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

/** The value with the leaf at `field` (a dot path) retyped, else the first boolean or number, else the first string; undefined when there is none. */
export function withWrongType(value: Json, field?: string): Json | undefined {
  const path = field === undefined ? firstRetypeableLeaf(value) : resolve(value, field.split('.'));
  if (path === undefined) return undefined;
  if (path.length === 0) return retyped(value);
  const copy = structuredClone(value);
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, Json>;
  const key = path[path.length - 1]!;
  parent[key] = retyped(parent[key]!);
  return copy;
}

export function retyped(value: Json): Json {
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const number = Number(value);
    return value.trim() !== '' && Number.isFinite(number) ? number : 0;
  }
  if (value === null) return 'null';
  return JSON.stringify(value);
}

function resolve(value: Json, segments: string[]): Path | undefined {
  const path: Path = [];
  let current: Json | undefined = value;
  for (const segment of segments) {
    if (Array.isArray(current) && /^\d+$/.test(segment) && Number(segment) < current.length) {
      path.push(Number(segment));
      current = current[Number(segment)];
    } else if (isObject(current) && Object.hasOwn(current, segment)) {
      path.push(segment);
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return path;
}

function firstRetypeableLeaf(value: Json): Path | undefined {
  let firstString: Path | undefined;
  const search = (node: Json, path: Path): Path | undefined => {
    if (typeof node === 'boolean' || typeof node === 'number') return path;
    if (typeof node === 'string') {
      firstString ??= path;
      return undefined;
    }
    const entries: Array<[string | number, Json]> = Array.isArray(node) ? node.map((item, index) => [index, item]) : isObject(node) ? Object.entries(node) : [];
    for (const [key, child] of entries) {
      const found = search(child, [...path, key]);
      if (found) return found;
    }
    return undefined;
  };
  return search(value, []) ?? firstString;
}

function at(value: Json, path: Path): Json {
  let current = value;
  for (const key of path) current = (current as Record<string | number, Json>)[key]!;
  return current;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
