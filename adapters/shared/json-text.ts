/** Reading upstream bodies as JSON without letting a garbled one throw a SyntaxError. */
import type { z } from 'zod';

/** `text` as JSON; undefined when it is not JSON (JSON itself has no undefined). */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `text` as JSON read by `schema`; undefined when it is not JSON or does not fit. */
export function readJsonAs<Schema extends z.ZodType>(schema: Schema, text: string): z.output<Schema> | undefined {
  const parsed = schema.safeParse(parseJsonText(text));
  return parsed.success ? parsed.data : undefined;
}
