/** Helpers for the fault-injection tests: raw body reading, waiting on counters, the admin API. */
import { expect } from 'vitest';

export interface BodyRead {
  /** Everything received before the end or the error. */
  bytes: Uint8Array;
  /** How many reads delivered data. */
  reads: number;
  /** Set when the body broke off instead of ending. */
  error?: Error;
}

export async function readBody(response: Response): Promise<BodyRead> {
  const parts: Uint8Array[] = [];
  let error: Error | undefined;
  const reader = response.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
  } catch (caught) {
    error = caught as Error;
  }
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  const read: BodyRead = { bytes, reads: parts.length };
  if (error) read.error = error;
  return read;
}

export const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

export async function eventually(condition: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition(), what).toBe(true);
}

/** Adds a rule through `POST /_world/faults`, as a developer or another process would. */
export async function addFaultRule(networkUrl: string, rule: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${networkUrl}/_world/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  const body = (await response.json()) as Record<string, unknown>;
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Every leaf of a JSON value by its path (`a.0.b`), with its JSON type. */
export function leafTypes(value: JsonValue, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  const children: Array<[string, JsonValue]> = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
      : [];
  if (children.length === 0) out.set(path, value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
  for (const [key, child] of children) for (const [leaf, type] of leafTypes(child, path ? `${path}.${key}` : key)) out.set(leaf, type);
  return out;
}

/** The leaves whose type differs between two JSON values of the same shape. */
export function retypedLeaves(before: JsonValue, after: JsonValue): string[] {
  const was = leafTypes(before);
  const now = leafTypes(after);
  expect([...now.keys()].sort()).toEqual([...was.keys()].sort());
  return [...was].filter(([path, type]) => now.get(path) !== type).map(([path]) => path);
}
