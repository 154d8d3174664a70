import type { Context } from 'hono';
import { z } from 'zod';
import { INSIGHT_NAMES, INSIGHT_PARAMETERS, UNSIMULATED_INSIGHTS, type InsightName } from './insights.ts';
import { VonageProblem, type InvalidParameter } from './errors.ts';
import { fieldOf, safeParseInput } from '../../input-issues.ts';

export interface InsightsRequest {
  /** E.164, or null when the number is not one carriers could assign (INVALID_NUMBER_FORMAT per insight). */
  phoneNumber: string | null;
  purpose: string | undefined;
  /** Requested insights with their validated parameters, in request order. */
  insights: Map<InsightName, unknown>;
}

const RequestSchema = z.looseObject({
  phone_number: z.string().min(1),
  purpose: z.string().optional(),
  insights: z.record(z.string(), z.unknown()).refine((insights) => Object.keys(insights).length > 0, {
    message: 'at least one insight must be requested',
  }),
});

/**
 * Vonage extracts the number from what it is given: an optional leading `+`, spaces, brackets and
 * dashes are fine; a `00` international prefix is not. Returns E.164 or null.
 */
export function normalizePhoneNumber(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed.startsWith('0')) return null;
  const digits = trimmed.replace(/\D/g, '');
  return /^[1-9]\d{4,14}$/.test(digits) ? `+${digits}` : null;
}

/** The request body, or a VonageProblem (400) naming what is wrong. */
export async function readInsightsRequest(c: Context): Promise<InsightsRequest> {
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch {
    throw new VonageProblem('invalid-json', 'The request body is not valid JSON.');
  }
  const parsed = safeParseInput(RequestSchema, json);
  if (!parsed.success) throw invalidParameters(parsed.error.issues.map((issue) => issueToParameter(issue)));

  const insights = new Map<InsightName, unknown>();
  const problems: InvalidParameter[] = [];
  for (const [name, value] of Object.entries(parsed.data.insights)) {
    if (!(INSIGHT_NAMES as readonly string[]).includes(name)) {
      const reason = UNSIMULATED_INSIGHTS.includes(name) ? 'this insight is not simulated by the mock' : 'unknown insight';
      problems.push({ name: `insights.${name}`, reason });
      continue;
    }
    const insight = name as InsightName;
    const checked = safeParseInput(INSIGHT_PARAMETERS[insight], value);
    if (checked.success) insights.set(insight, checked.data);
    else problems.push(...checked.error.issues.map((issue) => issueToParameter(issue, `insights.${name}`)));
  }
  if (problems.length > 0) throw invalidParameters(problems);

  return { phoneNumber: normalizePhoneNumber(parsed.data.phone_number), purpose: parsed.data.purpose, insights };
}

/** The number a request is about, for fault rules aimed at one number. */
export async function phoneNumberOfInsightsRequest(c: Context): Promise<string | undefined> {
  try {
    const body: unknown = JSON.parse(await c.req.text());
    const raw = (body as { phone_number?: unknown } | null)?.phone_number;
    return typeof raw === 'string' ? (normalizePhoneNumber(raw) ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}

function issueToParameter(issue: z.core.$ZodIssue, prefix?: string): InvalidParameter {
  return { name: fieldOf(issue, prefix, '(body)'), reason: issue.message };
}

function invalidParameters(parameters: InvalidParameter[]): VonageProblem {
  const detail = `Invalid request: ${parameters.map((each) => `${each.name}: ${each.reason}`).join('; ')}`;
  return new VonageProblem('invalid-params', detail, parameters);
}
