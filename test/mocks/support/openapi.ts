/**
 * Validates JSON answers against the official CAMARA OpenAPI files (read in place, never copied:
 * scripts/camara-specs/locate.ts says where). Covers the OpenAPI 3.0 schema subset those files use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { OFFICIAL_SPEC_FILES } from '../../../camara-specs/official-files.ts';
import { locateSpecs, specsMissingLine } from '../../../scripts/camara-specs/locate.ts';

type Schema = Record<string, any>;

const location = locateSpecs();
/** Tests that need the official files are skipped when this is false (the run prints SPECS_MISSING once). */
export const specsAvailable = location.dir !== undefined;
const SPECS_MISSING = specsMissingLine(location.searched);
/** For the titles of what is skipped without them (the reason itself is printed once per run: test/support/camara-specs-notice.ts). */
export const NEEDS_SPECS = 'needs the official CAMARA files: npm run specs:fetch';

const loaded = new Map<string, Schema>();

/** `relativePath`: one of camara-specs/official-files.ts, the only files fetched and checked. */
export function loadSpec(relativePath: string): Schema {
  let doc = loaded.get(relativePath);
  if (!doc) {
    if (!OFFICIAL_SPEC_FILES.some((file) => file.path === relativePath)) throw new Error(`${relativePath} is not pinned in camara-specs/official-files.ts`);
    if (!location.dir) throw new Error(SPECS_MISSING);
    doc = parse(readFileSync(join(location.dir, relativePath), 'utf8')) as Schema;
    loaded.set(relativePath, doc);
  }
  return doc;
}

/** The JSON schema of one documented response, or undefined when the status is not documented. */
export function responseSchema(doc: Schema, path: string, status: number, method: 'post' | 'get' = 'post'): Schema | undefined {
  const operation = doc.paths?.[path]?.[method];
  if (!operation) throw new Error(`no ${method.toUpperCase()} ${path} in the spec`);
  const response = operation.responses?.[String(status)];
  if (!response) return undefined;
  return resolve(doc, response).content?.['application/json']?.schema;
}

/** Schema violations of `value` (empty = valid). `closed` also flags properties the schema does not name. */
export function validate(doc: Schema, schema: Schema, value: unknown, options: { closed?: boolean } = {}, at = '$'): string[] {
  const s = resolve(doc, schema);
  const errors: string[] = [];
  if (s.allOf) for (const part of s.allOf) errors.push(...validate(doc, part, value, { closed: false }, at));
  if (value === null) {
    if (!s.nullable && s.type !== undefined) errors.push(`${at}: null is not allowed`);
    return errors;
  }
  if (s.enum && !s.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in enum ${JSON.stringify(s.enum)}`);
  switch (s.type) {
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [...errors, `${at}: expected object`];
      const record = value as Record<string, unknown>;
      for (const name of s.required ?? []) if (!(name in record)) errors.push(`${at}.${name}: required`);
      for (const [name, child] of Object.entries(record)) {
        const propertySchema = s.properties?.[name];
        if (propertySchema) errors.push(...validate(doc, propertySchema, child, options, `${at}.${name}`));
        else if (options.closed || s.additionalProperties === false) errors.push(`${at}.${name}: not in the schema`);
      }
      break;
    }
    case 'string':
      if (typeof value !== 'string') return [...errors, `${at}: expected string`];
      if (s.pattern && !new RegExp(s.pattern).test(value)) errors.push(`${at}: does not match ${s.pattern}`);
      if (s.format === 'date-time' && !RFC3339.test(value)) errors.push(`${at}: not an RFC 3339 date-time with offset`);
      break;
    case 'integer':
      if (!Number.isInteger(value)) return [...errors, `${at}: expected integer`];
      errors.push(...range(s, value as number, at));
      break;
    case 'number':
      if (typeof value !== 'number') return [...errors, `${at}: expected number`];
      errors.push(...range(s, value, at));
      break;
    case 'boolean':
      if (typeof value !== 'boolean') errors.push(`${at}: expected boolean`);
      break;
    case 'array':
      if (!Array.isArray(value)) return [...errors, `${at}: expected array`];
      value.forEach((item, index) => errors.push(...validate(doc, s.items ?? {}, item, options, `${at}[${index}]`)));
      break;
  }
  return errors;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function range(s: Schema, value: number, at: string): string[] {
  const errors: string[] = [];
  if (s.minimum !== undefined && value < s.minimum) errors.push(`${at}: below ${s.minimum}`);
  if (s.maximum !== undefined && value > s.maximum) errors.push(`${at}: above ${s.maximum}`);
  return errors;
}

function resolve(doc: Schema, node: Schema): Schema {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    const pointer = current.$ref.replace(/^#\//, '').split('/');
    current = pointer.reduce((object: any, key: string) => object?.[key], doc);
    if (!current) throw new Error(`unresolvable $ref ${node.$ref}`);
  }
  return current;
}
