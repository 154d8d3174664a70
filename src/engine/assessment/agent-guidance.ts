/**
 * What the agent's screen tells a contact-centre agent, in words: an instruction per
 * recommendation, a sentence per reason (what it means, never the signal's value), and the
 * step-up guidance per reason (how to verify the caller when the network says this channel is
 * compromised). Defaults below; a tenant may replace any text (`agentGuidance` in its config).
 */
import { z } from 'zod';
import { REASON_CODES, RECOMMENDATIONS, type ReasonCode, type Recommendation } from './policy.ts';

export interface Instruction {
  /** The headline: what to do, as an imperative. */
  title: string;
  detail: string;
}

export interface AgentGuidance {
  instructions: Readonly<Record<Recommendation, Instruction>>;
  /** The sentence the agent reads for each reason: every reason has one, so none is ever left out. */
  reasons: Readonly<Record<ReasonCode, string>>;
  /** How to step up when this reason is present (shown on a step_up recommendation). */
  stepUp: Readonly<Partial<Record<ReasonCode, string>>>;
}

export const DEFAULT_AGENT_GUIDANCE: AgentGuidance = {
  instructions: {
    allow: { title: 'Proceed with the request', detail: 'The network checks support this caller for this request.' },
    step_up: {
      title: 'Verify the caller further before you proceed',
      detail: 'Ask for a factor the phone network cannot intercept (below), then proceed if it checks out.',
    },
    specialist: {
      title: 'Do not act on this request: transfer to a fraud specialist',
      detail: 'Hand the call over without telling the caller why. Do not change anything on the account.',
    },
    deny: {
      title: 'Refuse this request',
      detail: 'Refuse neutrally (never mention the checks), offer a branch or a verified channel, and flag the account for review.',
    },
  },
  reasons: {
    SIM_SWAP_HOURS: 'The SIM card for this number was changed within the last day.',
    SIM_SWAP_DAYS: 'The SIM card for this number was changed within the last week.',
    SIM_SWAP_WEEKS: 'The SIM card for this number was changed within the last month.',
    SIM_STABLE: 'The SIM card has not changed for at least a month.',
    SIM_NO_RECENT_SWAP: 'No recent SIM change was reported.',
    DEVICE_SWAP_RECENT: 'The number moved to another handset within the last week.',
    FORWARDING_UNCONDITIONAL: 'All calls to this number are being forwarded elsewhere.',
    FORWARDING_CONDITIONAL: 'Calls to this number are forwarded when busy or unanswered.',
    FORWARDING_NONE: 'Calls to this number are not forwarded.',
    FORWARDING_NO_UNCONDITIONAL: 'Calls to this number are not all forwarded; whether some are forwarded when busy or unanswered is not known.',
    FORWARDING_CONDITIONAL_NOT_COVERED: 'Whether calls are forwarded when busy or unanswered could not be checked.',
    SIM_SWAP_NOT_COVERED: 'The network could not look back far enough to rule out a SIM change for this request.',
    DEVICE_SWAP_NOT_COVERED: 'The network could not look back far enough to rule out a handset change for this request.',
    SUBSCRIBER_UNKNOWN: 'The network does not know this number.',
    SIGNAL_NOT_SUPPORTED: 'A check is not offered for this number.',
    SIGNAL_UNAVAILABLE: 'A check did not answer in time.',
    NO_PROVIDER_COVERAGE: 'No network partner covers a check for this number.',
    CALLER_ON_CALL: 'The phone behind this number is on a call now, as expected for this caller.',
    CALLER_ON_CALL_DIRECTION_UNKNOWN: 'The phone behind this number is on a call, but the network did not say in which direction.',
    CALLER_NOT_ON_CALL: 'The phone behind this number is not on a call: the caller ID is very likely faked.',
    CALL_DIRECTION_MISMATCH: 'The phone behind this number is receiving a call, not making one: the caller is probably not its owner.',
    NUMBER_VERIFIED: "The network confirmed the customer's app is on this number.",
    NUMBER_NOT_VERIFIED: "The network says the customer's app is on another line.",
    ROAMING: 'The phone is abroad.',
    UNREACHABLE: 'The phone cannot receive texts or data right now.',
    LINE_MOBILE: 'The number is a mobile line (this alone proves nothing about the caller).',
    LINE_FIXED: 'The number is a fixed line registered to an address.',
    LINE_NON_FIXED_VOIP: 'The number is an internet (VoIP) number anyone can get in minutes, not tied to a SIM or an address.',
    LINE_SERVICE_NUMBER: 'The number is a toll-free, premium-rate or company number: such numbers rarely place calls, so the caller ID may be faked.',
    LINE_NOT_A_HANDSET: "The number is not one person's own phone: a forwarding (personal) number, a voicemail box, a pager or a payphone.",
    LINE_IOT: 'The number belongs to a machine SIM (a meter, a tracker), not a phone.',
    LINE_UNCLASSIFIED: 'The kind of line could not be classified.',
  },
  stepUp: {
    SIM_SWAP_HOURS: 'Send a one-time code to the registered e-mail address or the banking app, not by text or call to this phone.',
    SIM_SWAP_DAYS: 'Send a one-time code to the registered e-mail address or the banking app, not by text or call to this phone.',
    SIM_SWAP_WEEKS: 'Send a one-time code to the registered e-mail address or the banking app, not by text or call to this phone.',
    FORWARDING_UNCONDITIONAL: 'Do not call back or send a voice code to this number: use the registered e-mail address or the banking app.',
    FORWARDING_CONDITIONAL: 'If you call back, do not rely on the call being answered by the customer: prefer the banking app.',
    DEVICE_SWAP_RECENT: 'Confirm through the banking app or the registered e-mail address, not this phone.',
    CALLER_ON_CALL_DIRECTION_UNKNOWN: 'Ask for the customer PIN or an in-app approval before a high-risk change.',
    CALLER_NOT_ON_CALL: 'Hang up and call the customer back on the number on file before acting.',
    CALL_DIRECTION_MISMATCH: 'Hang up and call the customer back on the number on file before acting.',
    NUMBER_NOT_VERIFIED: 'Ask for an in-app approval or the customer PIN.',
    LINE_NON_FIXED_VOIP: 'Ask for an in-app approval or the customer PIN; do not send a code to this number.',
    LINE_SERVICE_NUMBER: 'Hang up and call the customer back on the number on file before acting.',
    LINE_NOT_A_HANDSET: 'Ask for an in-app approval or the customer PIN; do not send a code to this number.',
    LINE_IOT: 'Ask for an in-app approval or the customer PIN.',
  },
};

const Text = z.string().min(1).max(500);

/** `agentGuidance` in a tenant's config: any text replaced, the rest kept. */
export const AgentGuidanceOverrideSchema = z
  .strictObject({
    instructions: z.partialRecord(z.enum(RECOMMENDATIONS), z.strictObject({ title: Text.max(120), detail: Text })).optional(),
    reasons: z.partialRecord(z.enum(REASON_CODES), Text).optional(),
    stepUp: z.partialRecord(z.enum(REASON_CODES), Text).optional(),
  })
  .optional();
export type AgentGuidanceOverride = z.output<typeof AgentGuidanceOverrideSchema>;

export function mergeGuidance(base: AgentGuidance, override: AgentGuidanceOverride): AgentGuidance {
  if (!override) return base;
  return {
    instructions: { ...base.instructions, ...override.instructions },
    reasons: { ...base.reasons, ...override.reasons },
    stepUp: { ...base.stepUp, ...override.stepUp },
  };
}
