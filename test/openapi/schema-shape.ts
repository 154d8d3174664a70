/**
 * What a JSON schema says about a body's fields, the same whether it is written in OpenAPI 3.0
 * (the official CAMARA files: `nullable`, `allOf` with an ErrorInfo, `anyOf` of required sets) or
 * in OpenAPI 3.1 / JSON Schema 2020-12 (ours: `anyOf` with `{type: 'null'}`). Patterns are compared
 * only where both sides have one; descriptions, examples and `additionalProperties` are not.
 */
import { resolvePointer, type Json } from './support.ts';

export interface Shape {
  types: string[];
  properties?: Record<string, Shape>;
  required?: string[];
  items?: Shape;
  enum?: string[];
  limits: Record<string, unknown>;
}

const LIMITS = ['minimum', 'maximum', 'default', 'minItems', 'format', 'pattern'] as const;

function resolved(doc: Json, schema: Json): Json {
  let current = schema;
  while (typeof current?.$ref === 'string') current = resolvePointer(doc, current.$ref) as Json;
  return current ?? {};
}

/** One schema with its $refs followed and its allOf / anyOf folded in. */
export function flatten(doc: Json, schema: Json): Json {
  const { allOf, anyOf, ...own } = resolved(doc, schema);
  let merged: Json = { ...own };
  for (const part of (allOf as Json[] | undefined) ?? []) merged = merge(merged, flatten(doc, part));
  if (anyOf) {
    const branches = (anyOf as Json[]).map((branch) => flatten(doc, branch));
    const nonNull = branches.filter((branch) => branch.type !== 'null');
    if (nonNull.length < branches.length) merged = { ...merge(merged, nonNull[0] ?? {}), nullable: true };
    // Branches that only name required fields: what every branch requires is required.
    else if (branches.every((branch) => Object.keys(branch).join() === 'required')) {
      const always = branches.map((branch) => branch.required as string[]).reduce((a, b) => a.filter((name) => b.includes(name)));
      merged = { ...merged, required: [...new Set([...(merged.required ?? []), ...always])] };
    }
  }
  return merged;
}

/** Both schemas hold (allOf): a field named by both has what each says of it. */
function merge(base: Json, over: Json): Json {
  const names = new Set([...Object.keys(base.properties ?? {}), ...Object.keys(over.properties ?? {})]);
  const properties = Object.fromEntries([...names].map((name) => [name, { ...base.properties?.[name], ...over.properties?.[name] }]));
  return {
    ...base,
    ...over,
    ...(names.size > 0 ? { properties } : {}),
    ...(base.required || over.required ? { required: [...new Set([...(base.required ?? []), ...(over.required ?? [])])] } : {}),
  };
}

export function shapeOf(doc: Json, schema: Json): Shape {
  const s = flatten(doc, schema);
  const types = new Set<string>(Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);
  if (s.nullable) types.add('null');
  if (s.properties) types.add('object');
  const limits: Record<string, unknown> = {};
  for (const key of LIMITS) if (s[key] !== undefined) limits[key] = s[key];
  return {
    types: [...types].sort((a, b) => a.localeCompare(b)),
    ...(s.properties
      ? {
          properties: Object.fromEntries(Object.entries(s.properties as Json).map(([name, child]) => [name, shapeOf(doc, child)])),
          required: [...((s.required as string[] | undefined) ?? [])].sort((a, b) => a.localeCompare(b)),
        }
      : {}),
    ...(s.items ? { items: shapeOf(doc, s.items) } : {}),
    ...(s.enum ? { enum: (s.enum as unknown[]).map(String).sort() } : {}),
    limits,
  };
}

/** How `ours` differs from `theirs`, one line a difference, each starting with the field's path. */
export function shapeDifferences(ours: Shape, theirs: Shape, at = '$'): string[] {
  const differences: string[] = [];
  if (ours.types.join() !== theirs.types.join()) differences.push(`${at}: type [${ours.types.join()}] here, [${theirs.types.join()}] in CAMARA`);
  if (ours.enum?.join() !== theirs.enum?.join()) differences.push(`${at}: enum [${ours.enum?.join() ?? ''}] here, [${theirs.enum?.join() ?? ''}] in CAMARA`);
  for (const key of LIMITS) {
    const [mine, official] = [ours.limits[key], theirs.limits[key]];
    if (key === 'pattern' && (mine === undefined || official === undefined)) continue;
    if (key === 'format' && !ours.types.includes('string')) continue;
    if (mine !== official) differences.push(`${at}: ${key} ${String(mine)} here, ${String(official)} in CAMARA`);
  }
  const names = new Set([...Object.keys(ours.properties ?? {}), ...Object.keys(theirs.properties ?? {})]);
  for (const name of [...names].sort()) {
    const [mine, official] = [ours.properties?.[name], theirs.properties?.[name]];
    if (!official) differences.push(`${at}.${name}: only in numtrust`);
    else if (!mine) differences.push(`${at}.${name}: only in CAMARA`);
    else {
      differences.push(...shapeDifferences(mine, official, `${at}.${name}`));
      const [requiredHere, requiredThere] = [ours.required!.includes(name), theirs.required!.includes(name)];
      if (requiredHere !== requiredThere) differences.push(`${at}.${name}: required ${requiredHere ? 'only in numtrust' : 'only in CAMARA'}`);
    }
  }
  if (ours.items && theirs.items) differences.push(...shapeDifferences(ours.items, theirs.items, `${at}[]`));
  return differences;
}
