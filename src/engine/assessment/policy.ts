/**
 * The scoring model is data: weights per reason, confidence levels, and per risk tier the
 * thresholds, the reasons that force a stricter answer, and what must be known before 'allow'.
 * Defaults below; config may override any part globally or per tenant (docs/scoring.md says why
 * each number is what it is).
 */
import { z } from 'zod';
import { SIGNAL_KINDS } from '../../contract/signals.ts';

export const REASON_CODES = [
  'SIM_SWAP_HOURS',
  'SIM_SWAP_DAYS',
  'SIM_SWAP_WEEKS',
  'SIM_NO_RECENT_SWAP',
  'SIM_STABLE',
  'SIM_SWAP_NOT_COVERED',
  'DEVICE_SWAP_RECENT',
  'DEVICE_SWAP_NOT_COVERED',
  'FORWARDING_UNCONDITIONAL',
  'FORWARDING_CONDITIONAL',
  'FORWARDING_NONE',
  'FORWARDING_NO_UNCONDITIONAL',
  'FORWARDING_CONDITIONAL_NOT_COVERED',
  'CALLER_ON_CALL',
  'CALLER_ON_CALL_DIRECTION_UNKNOWN',
  'CALLER_NOT_ON_CALL',
  'CALL_DIRECTION_MISMATCH',
  'NUMBER_VERIFIED',
  'NUMBER_NOT_VERIFIED',
  'ROAMING',
  'UNREACHABLE',
  'LINE_MOBILE',
  'LINE_FIXED',
  'LINE_NON_FIXED_VOIP',
  'LINE_SERVICE_NUMBER',
  'LINE_NOT_A_HANDSET',
  'LINE_IOT',
  'LINE_UNCLASSIFIED',
  'SUBSCRIBER_UNKNOWN',
  'SIGNAL_NOT_SUPPORTED',
  'SIGNAL_UNAVAILABLE',
  'NO_PROVIDER_COVERAGE',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/**
 * Reasons that say a check gave nothing usable (failed, unsupported, unknown number, outside our
 * coverage, or covering less than the action needs): never an effect, listed apart from the
 * reasons that moved the score.
 */
export const GAP_CODES: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'SUBSCRIBER_UNKNOWN',
  'SIGNAL_NOT_SUPPORTED',
  'SIGNAL_UNAVAILABLE',
  'NO_PROVIDER_COVERAGE',
  'SIM_SWAP_NOT_COVERED',
  'DEVICE_SWAP_NOT_COVERED',
  'FORWARDING_CONDITIONAL_NOT_COVERED',
  'LINE_UNCLASSIFIED',
]);

/**
 * `protective`: actions that protect the customer (freeze a card, block an account, report
 * fraud). Missing or failed checks never gate them: friction there hurts the victim, and a
 * fraudster gains nothing by freezing a card.
 */
export const RISK_TIERS = ['protective', 'low', 'medium', 'high'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

export const CHANNELS = ['ivr', 'agent', 'app', 'callback'] as const;
export type Channel = (typeof CHANNELS)[number];

/** From mildest to strictest: a stricter answer always wins. */
export const RECOMMENDATIONS = ['allow', 'step_up', 'specialist', 'deny'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const LEVELS = ['very_low', 'low', 'medium', 'high'] as const;
export type Level = (typeof LEVELS)[number];

const Recommendation = z.enum(RECOMMENDATIONS);
const Floors = z.partialRecord(z.enum(REASON_CODES), Recommendation);

export const TierPolicySchema = z.strictObject({
  /** A protective tier's answer is always 'allow' (its thresholds still grade the level). */
  protective: z.boolean().optional(),
  /** Confidence at or above which the answer is 'allow'. */
  allowAt: z.number().min(0).max(100),
  /** At or above which (and below allowAt) it is 'step_up'. */
  stepUpAt: z.number().min(0).max(100),
  /** The answer below stepUpAt. */
  otherwise: z.enum(['specialist', 'deny']),
  /** Each reason present forces at least this answer. */
  floors: Floors,
  /** Floors that apply on one channel only (e.g. forwarding matters most when we call back). */
  channelFloors: z.partialRecord(z.enum(CHANNELS), Floors),
  /** Signal kinds that must be known (a definite answer) before 'allow'; otherwise at best 'step_up'. */
  allowRequires: z.array(z.enum(SIGNAL_KINDS)),
  /** Added to allowRequires when the number is calling us now. */
  allowRequiresOnInboundCall: z.array(z.enum(SIGNAL_KINDS)),
  /**
   * The SIM swap history this tier needs certified, days. An answer covering less is not definite
   * for it: providers further down the chain are asked, and what none covers stays unknown.
   */
  simSwapWindowDays: z.number().int().min(1).max(100),
  /** The same for device swaps. */
  deviceSwapWindowDays: z.number().int().min(1).max(100),
  /** On an inbound call, the on-hook answer must tell the call's direction (else providers further down the chain are asked). */
  needsCallDirection: z.boolean(),
  /** This tier's own degradedCap, over the policy's. */
  degradedCap: Recommendation.optional(),
});
export type TierPolicy = z.output<typeof TierPolicySchema>;

export const ScoringPolicySchema = z.strictObject({
  /** Confidence with no evidence either way. */
  baseline: z.number().min(0).max(100),
  weights: z.record(z.enum(REASON_CODES), z.number().min(-100).max(100)),
  /** When a check that was asked for failed or timed out, 'allow' becomes at best this. */
  degradedCap: Recommendation,
  tiers: z.strictObject({ protective: TierPolicySchema, low: TierPolicySchema, medium: TierPolicySchema, high: TierPolicySchema }),
});
export type ScoringPolicy = z.output<typeof ScoringPolicySchema>;

export const DEFAULT_SCORING: ScoringPolicy = {
  baseline: 50,
  weights: {
    SIM_SWAP_HOURS: -55,
    SIM_SWAP_DAYS: -35,
    SIM_SWAP_WEEKS: -15,
    SIM_NO_RECENT_SWAP: 0,
    SIM_STABLE: 10,
    DEVICE_SWAP_RECENT: -10,
    FORWARDING_UNCONDITIONAL: -40,
    FORWARDING_CONDITIONAL: -10,
    FORWARDING_NONE: 5,
    FORWARDING_NO_UNCONDITIONAL: 0,
    FORWARDING_CONDITIONAL_NOT_COVERED: 0,
    CALLER_ON_CALL: 20,
    CALLER_ON_CALL_DIRECTION_UNKNOWN: 5,
    CALLER_NOT_ON_CALL: -70,
    CALL_DIRECTION_MISMATCH: -60,
    NUMBER_VERIFIED: 40,
    NUMBER_NOT_VERIFIED: -50,
    ROAMING: -5,
    UNREACHABLE: -5,
    // A line's type never vouches for a caller; the risky ones weigh little here, their floors
    // (per tier) do the work, so a genuine VoIP user is sent to verify, not refused.
    LINE_MOBILE: 0,
    LINE_FIXED: 0,
    LINE_NON_FIXED_VOIP: -5,
    LINE_SERVICE_NUMBER: -5,
    LINE_NOT_A_HANDSET: -5,
    LINE_IOT: -5,
    LINE_UNCLASSIFIED: 0,
    SUBSCRIBER_UNKNOWN: 0,
    SIGNAL_NOT_SUPPORTED: 0,
    SIGNAL_UNAVAILABLE: 0,
    NO_PROVIDER_COVERAGE: 0,
    SIM_SWAP_NOT_COVERED: 0,
    DEVICE_SWAP_NOT_COVERED: 0,
  },
  degradedCap: 'step_up',
  tiers: {
    protective: {
      protective: true,
      // Used only to grade the level; the answer is always allow.
      allowAt: 35,
      stepUpAt: 10,
      otherwise: 'specialist',
      floors: {},
      channelFloors: {},
      allowRequires: [],
      allowRequiresOnInboundCall: [],
      simSwapWindowDays: 1,
      deviceSwapWindowDays: 7,
      needsCallDirection: false,
      degradedCap: 'allow',
    },
    low: {
      allowAt: 35,
      stepUpAt: 10,
      otherwise: 'specialist',
      floors: {
        CALLER_NOT_ON_CALL: 'step_up',
        CALL_DIRECTION_MISMATCH: 'step_up',
        SIM_SWAP_HOURS: 'step_up',
        NUMBER_NOT_VERIFIED: 'step_up',
      },
      channelFloors: { callback: { FORWARDING_UNCONDITIONAL: 'step_up' } },
      allowRequires: [],
      allowRequiresOnInboundCall: [],
      // Its floor is SIM_SWAP_HOURS: the last day must be covered.
      simSwapWindowDays: 1,
      deviceSwapWindowDays: 7,
      needsCallDirection: false,
    },
    medium: {
      allowAt: 55,
      stepUpAt: 30,
      otherwise: 'specialist',
      floors: {
        CALLER_NOT_ON_CALL: 'deny',
        CALL_DIRECTION_MISMATCH: 'specialist',
        SIM_SWAP_HOURS: 'specialist',
        SIM_SWAP_DAYS: 'step_up',
        FORWARDING_UNCONDITIONAL: 'step_up',
        NUMBER_NOT_VERIFIED: 'specialist',
        LINE_NON_FIXED_VOIP: 'step_up',
        LINE_SERVICE_NUMBER: 'step_up',
        LINE_NOT_A_HANDSET: 'step_up',
      },
      channelFloors: { callback: { FORWARDING_UNCONDITIONAL: 'deny' } },
      allowRequires: ['sim_swap'],
      allowRequiresOnInboundCall: [],
      // Its floors reach SIM_SWAP_DAYS: the last week must be covered.
      simSwapWindowDays: 7,
      deviceSwapWindowDays: 7,
      needsCallDirection: false,
    },
    high: {
      allowAt: 70,
      stepUpAt: 45,
      otherwise: 'deny',
      floors: {
        CALLER_NOT_ON_CALL: 'deny',
        CALL_DIRECTION_MISMATCH: 'deny',
        SIM_SWAP_HOURS: 'deny',
        SIM_SWAP_DAYS: 'specialist',
        SIM_SWAP_WEEKS: 'step_up',
        FORWARDING_UNCONDITIONAL: 'specialist',
        NUMBER_NOT_VERIFIED: 'deny',
        DEVICE_SWAP_RECENT: 'step_up',
        // A fraudster calling us with the victim's number while also calling the victim leaves the
        // victim's handset "on a call": without the direction that is not evidence the caller is real.
        CALLER_ON_CALL_DIRECTION_UNKNOWN: 'step_up',
        // Lines anyone can get in minutes without an identity check, or that are no one's own
        // handset: the network can vouch for none of them, and they are where account takeovers come from.
        LINE_NON_FIXED_VOIP: 'specialist',
        LINE_SERVICE_NUMBER: 'specialist',
        LINE_NOT_A_HANDSET: 'specialist',
        LINE_IOT: 'step_up',
      },
      channelFloors: { callback: { FORWARDING_UNCONDITIONAL: 'deny', FORWARDING_CONDITIONAL: 'step_up' } },
      allowRequires: ['sim_swap', 'call_forwarding'],
      allowRequiresOnInboundCall: ['call_state'],
      // Its floors reach SIM_SWAP_WEEKS: fraudsters wait out a 7-day look-back, so 30 days must be covered.
      simSwapWindowDays: 30,
      deviceSwapWindowDays: 7,
      needsCallDirection: true,
    },
  },
};

/** A partial policy from config, merged over a base (objects merge, arrays and values replace). */
export const ScoringOverrideSchema = z
  .strictObject({
    baseline: z.number().min(0).max(100).optional(),
    weights: z.partialRecord(z.enum(REASON_CODES), z.number().min(-100).max(100)).optional(),
    degradedCap: Recommendation.optional(),
    tiers: z.partialRecord(z.enum(RISK_TIERS), TierPolicySchema.partial()).optional(),
  })
  .optional();
export type ScoringOverride = z.output<typeof ScoringOverrideSchema>;

export function mergePolicy(base: ScoringPolicy, override: ScoringOverride): ScoringPolicy {
  if (!override) return base;
  const tiers = { ...base.tiers };
  for (const tier of RISK_TIERS) {
    const patch = override.tiers?.[tier];
    if (patch) tiers[tier] = { ...tiers[tier], ...patch };
  }
  return ScoringPolicySchema.parse({
    baseline: override.baseline ?? base.baseline,
    weights: { ...base.weights, ...override.weights },
    degradedCap: override.degradedCap ?? base.degradedCap,
    tiers,
  });
}
