/**
 * Input the mocks refuse (admin API bodies, settings, fault rules and headers, carrier request
 * bodies) is described the way the gateway describes its own: "<field> <phrase>" sentences with
 * the gateway's phrases (src/routes/body-issues.ts), never zod's own text ("Invalid input:
 * expected string, received undefined").
 */
import type { z } from 'zod';
import { phraseOf } from '../src/routes/body-issues.ts';

/** `schema.parse`, its issues phrased: throws a ZodError for issueSentences(). */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  return schema.parse(value, { error: phraseOf });
}

/** `schema.safeParse`, its issues phrased. */
export function safeParseInput<Schema extends z.ZodType>(schema: Schema, value: unknown): z.ZodSafeParseResult<z.output<Schema>> {
  return schema.safeParse(value, { error: phraseOf });
}

/** One sentence an issue, its field's path first ("forwarding.0 must be one of ..."); `prefix` leads every path. */
export function issueSentences(error: z.ZodError, prefix?: string): string[] {
  return error.issues.map((issue) => `${fieldOf(issue, prefix)} ${issue.message}`);
}

/** The issue's field as a dotted path (`what` when the value itself is at fault). */
export function fieldOf(issue: z.core.$ZodIssue, prefix?: string, what = 'the body'): string {
  return [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.') || what;
}
