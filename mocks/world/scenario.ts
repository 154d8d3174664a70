import { z } from 'zod';
import { E164, SubscriberSchema, type Subscriber } from './subscriber.ts';
import { resolveTime } from './relative-time.ts';
import { parseInput } from '../input-issues.ts';

export const OperatorSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: z.string(),
  /** ISO 3166-1 alpha-2 of the home network. */
  country: z.string().regex(/^[A-Z]{2}$/),
  mcc: z.string().regex(/^\d{3}$/),
  mnc: z.string().regex(/^\d{2,3}$/),
});
export type Operator = z.output<typeof OperatorSchema>;

/** A scenario file: operators and subscribers, times written relative to the world's start. */
export const ScenarioSchema = z.strictObject({
  name: z.string(),
  description: z.string().optional(),
  operators: z.array(OperatorSchema).min(1),
  subscribers: z.record(E164, z.looseObject({})),
});
export type Scenario = z.output<typeof ScenarioSchema>;

const TIME_FIELDS = ['activatedAt', 'simChangedAt', 'deviceChangedAt'] as const;

/** Turns relative times into ISO times against `origin` and validates the result. */
export function materializeSubscriber(raw: Record<string, unknown>, origin: Date): Subscriber {
  const copy: Record<string, unknown> = { ...raw };
  for (const field of TIME_FIELDS) {
    if (typeof copy[field] === 'string') copy[field] = resolveTime(copy[field], origin);
  }
  if (copy.call && typeof copy.call === 'object') {
    const call = { ...(copy.call as Record<string, unknown>) };
    if (typeof call.startedAt === 'string') call.startedAt = resolveTime(call.startedAt, origin);
    copy.call = call;
  }
  return parseInput(SubscriberSchema, copy);
}

export function parseScenario(json: unknown): Scenario {
  const scenario = parseInput(ScenarioSchema, json);
  const operatorIds = new Set(scenario.operators.map((op) => op.id));
  for (const [number, raw] of Object.entries(scenario.subscribers)) {
    const operator = (raw as { operator?: unknown }).operator;
    if (typeof operator !== 'string' || !operatorIds.has(operator)) {
      throw new Error(`scenario "${scenario.name}": subscriber ${number} names unknown operator "${String(operator)}"`);
    }
  }
  return scenario;
}
