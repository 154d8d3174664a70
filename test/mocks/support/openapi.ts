/**
 * Validates JSON answers against the official CAMARA OpenAPI files in ../shared/camara-specs
 * (read in place, never copied). Covers the OpenAPI 3.0 schema subset those files use.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

type Schema = Record<string, any>;

/** Where the official files are: CAMARA_SPECS_DIR, or ../shared/camara-specs beside the checkout. */
export const SPECS_DIR =
  process.env.CAMARA_SPECS_DIR ?? fileURLToPath(new URL('../../../../shared/camara-specs/', import.meta.url));
export const specsAvailable = existsSync(join(SPECS_DIR, 'SOURCES.md'));
/** Written reason for the conformance checks that cannot run without the official files. */
export const SPECS_MISSING =
  `official CAMARA definitions not found at ${SPECS_DIR}: they sit in ../shared/camara-specs beside the checkout (CI has them); set CAMARA_SPECS_DIR to point elsewhere`;

const loaded = new Map<string, Schema>();

export function loadSpec(relativePath: string): Schema {
  let doc = loaded.get(relativePath);
  if (!doc) {
    doc = parse(readFileSync(join(SPECS_DIR, relativePath), 'utf8')) as Schema;
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
