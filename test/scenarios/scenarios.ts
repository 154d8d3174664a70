/**
 * The assessment scenarios: attacks and genuine calls, each a world state for one number and the
 * situation it is assessed in, with the recommendation expected per risk tier. The same table is
 * rendered into docs/scoring.md (test/scenarios/docs-table.test.ts keeps them equal). Every
 * attack is also run with each provider that reveals it failing (5xx, hang, garbled): never
 * `allow` for a high-risk action.
 */
import type { SubscriberInput } from '../../mocks/world/subscriber.ts';
import type { Channel, Recommendation, RiskTier } from '../../src/engine/assessment/policy.ts';
import type { SignalKind } from '../../src/contract/signals.ts';

export type Arrangement =
  /** Every provider that can answer the on-hook check for GB numbers fails. */
  | 'on_hook_outage'
  /** Telesign offers the on-hook check in no country: only the operators' Scam Signal (no direction) answers it. */
  | 'no_on_hook_coverage'
  /** Every aggregator behind the operator fails: only the operator's own answers are left. */
  | 'aggregators_down'
  /** Every provider fails. */
  | 'every_provider_down'
  /** The operator's list of forwarding services fails; only the unconditional flag is known. */
  | 'forwarding_list_unavailable'
  /** The app ran Number Verification for the number, and the network confirmed it. */
  | 'verified_in_app';

export interface Scenario {
  id: string;
  kind: 'attack' | 'genuine';
  title: string;
  phoneNumber: string;
  /** Changes to the number's default-world state. */
  state: Partial<SubscriberInput>;
  channel: Channel;
  inboundCall: boolean;
  /** Signal kinds asked besides the defaults. */
  include?: SignalKind[];
  /** Set up before assessing (faults, carrier settings); may add fields to the request. */
  arrange?: Arrangement;
  /** Attacks: the carriers whose answers reveal the attack, each failed in turn in every fault kind. */
  revealedBy?: string[];
  expected: Record<RiskTier, Recommendation>;
}

const LONG_STANDING: Partial<SubscriberInput> = {
  activatedAt: '5 years ago',
  simChangedAt: null,
  deviceChangedAt: '400 days ago',
  forwarding: [],
  roaming: null,
  reachable: ['DATA', 'SMS'],
};
const PLACING_A_CALL = { direction: 'outgoing' as const, peer: '+442079460123', startedAt: '8 seconds ago' };
const RECEIVING_A_CALL = { direction: 'incoming' as const, peer: '+447700900999', startedAt: '40 seconds ago' };
const PLACING_A_US_CALL = { direction: 'outgoing' as const, peer: '+12025550188', startedAt: '8 seconds ago' };
const RECEIVING_A_US_CALL = { direction: 'incoming' as const, peer: '+12025550199', startedAt: '40 seconds ago' };

const ALBION = '+447700900002';
const BRIGHTWAVE = '+447700900506';
const LIBERTY = '+12025550104';

const attack = (scenario: Omit<Scenario, 'kind'>): Scenario => ({ kind: 'attack', ...scenario });
const genuine = (scenario: Omit<Scenario, 'kind'>): Scenario => ({ kind: 'genuine', ...scenario });
const expect4 = (protective: Recommendation, low: Recommendation, medium: Recommendation, high: Recommendation) => ({ protective, low, medium, high });

export const SCENARIOS: Scenario[] = [
  // SIM swap and forwarding
  attack({
    id: 'fresh-swap-then-call',
    title: 'SIM swapped 2 hours ago, then a call to us from the new SIM',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, simChangedAt: '2 hours ago', call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    revealedBy: ['albion'],
    expected: expect4('allow', 'step_up', 'specialist', 'deny'),
  }),
  attack({
    id: 'swap-and-forwarding',
    title: 'SIM swapped 5 hours ago and all calls forwarded, caller placing a call',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, simChangedAt: '5 hours ago', forwarding: ['unconditional'], call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    revealedBy: ['albion'],
    expected: expect4('allow', 'specialist', 'specialist', 'deny'),
  }),
  attack({
    id: 'callback-diverted',
    title: 'Unconditional forwarding on: our callback would reach someone else',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, forwarding: ['unconditional'], call: null },
    channel: 'callback',
    inboundCall: false,
    revealedBy: ['albion'],
    expected: expect4('allow', 'step_up', 'deny', 'deny'),
  }),
  attack({
    id: 'callback-conditional-unknown',
    title: 'Callback to a line diverted when unanswered, while the operator\'s forwarding list is unavailable (only "no unconditional forwarding" is known)',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, forwarding: ['conditional_no_answer'], call: null },
    channel: 'callback',
    inboundCall: false,
    arrange: 'forwarding_list_unavailable',
    revealedBy: ['albion'],
    expected: expect4('allow', 'allow', 'allow', 'step_up'),
  }),
  attack({
    id: 'us-swap-and-forwarding',
    title: 'US line: SIM swapped a day ago and all calls forwarded, caller placing a call',
    phoneNumber: '+12025550101',
    state: { call: PLACING_A_US_CALL },
    channel: 'ivr',
    inboundCall: true,
    revealedBy: ['liberty'],
    expected: expect4('allow', 'specialist', 'specialist', 'deny'),
  }),
  attack({
    id: 'port-in',
    title: 'Number ported in 2 days ago (a new subscription is a SIM change), caller placing a call',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, activatedAt: '2 days ago', deviceChangedAt: '2 days ago', call: PLACING_A_CALL },
    channel: 'agent',
    inboundCall: true,
    revealedBy: ['albion'],
    expected: expect4('allow', 'allow', 'step_up', 'deny'),
  }),
  attack({
    id: 'new-sim-new-device',
    title: 'New SIM and new handset 3 days ago, caller placing a call',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, simChangedAt: '3 days ago', deviceChangedAt: '3 days ago', call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    include: ['device_swap'],
    revealedBy: ['albion'],
    expected: expect4('allow', 'step_up', 'step_up', 'deny'),
  }),
  // Look-back windows: fraudsters wait them out
  attack({
    id: 'swap-outside-brightwave-window',
    title: 'SIM swapped 10 days ago at an operator that keeps 7 days: the aggregators hold the date',
    phoneNumber: '+447700900505',
    state: { call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    revealedBy: ['nokia', 'twilio'],
    expected: expect4('allow', 'allow', 'allow', 'step_up'),
  }),
  attack({
    id: 'swap-weeks-ago-brightwave',
    title: 'SIM swapped 20 days ago at an operator that keeps 7 days',
    phoneNumber: BRIGHTWAVE,
    state: { simChangedAt: '20 days ago', deviceChangedAt: '20 days ago', call: PLACING_A_CALL },
    channel: 'agent',
    inboundCall: true,
    revealedBy: ['nokia', 'twilio'],
    expected: expect4('allow', 'allow', 'allow', 'step_up'),
  }),
  attack({
    id: 'swap-outside-window-aggregators-down',
    title: 'SIM swapped 8 days ago at an operator that keeps 7 days, every aggregator down: the 30 days are never read as "no swap"',
    phoneNumber: BRIGHTWAVE,
    state: { simChangedAt: '8 days ago', deviceChangedAt: '8 days ago', call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    arrange: 'aggregators_down',
    expected: expect4('allow', 'step_up', 'step_up', 'step_up'),
  }),
  // Spoofed caller ID, every operator
  attack({
    id: 'spoofed-handset-idle',
    title: 'Caller ID spoofed: the real handset is not on a call',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, call: null },
    channel: 'ivr',
    inboundCall: true,
    revealedBy: ['telesign'],
    expected: expect4('allow', 'specialist', 'deny', 'deny'),
  }),
  attack({
    id: 'spoofed-handset-receiving',
    title: 'Caller ID spoofed while the real handset is receiving a call (the fraudster is on the line to the victim)',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, call: RECEIVING_A_CALL },
    channel: 'agent',
    inboundCall: true,
    revealedBy: ['telesign'],
    expected: expect4('allow', 'specialist', 'specialist', 'deny'),
  }),
  attack({
    id: 'spoofed-direction-unknown-albion',
    title: 'Caller ID spoofed while the real handset is receiving a call, and only Scam Signal (no direction) answers the on-hook check',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, call: RECEIVING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    arrange: 'no_on_hook_coverage',
    revealedBy: ['albion'],
    expected: expect4('allow', 'allow', 'allow', 'step_up'),
  }),
  attack({
    id: 'spoofed-handset-idle-brightwave',
    title: 'Brightwave line: caller ID spoofed, the real handset is not on a call',
    phoneNumber: BRIGHTWAVE,
    state: { call: null },
    channel: 'ivr',
    inboundCall: true,
    revealedBy: ['telesign'],
    expected: expect4('allow', 'specialist', 'deny', 'deny'),
  }),
  attack({
    id: 'spoofed-handset-receiving-brightwave',
    title: 'Brightwave line: caller ID spoofed while the real handset is receiving a call',
    phoneNumber: BRIGHTWAVE,
    state: { call: RECEIVING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    revealedBy: ['telesign'],
    expected: expect4('allow', 'specialist', 'specialist', 'deny'),
  }),
  attack({
    id: 'spoofed-handset-idle-us',
    title: 'US line: caller ID spoofed, the real handset is not on a call',
    phoneNumber: LIBERTY,
    state: { call: null },
    channel: 'ivr',
    inboundCall: true,
    revealedBy: ['liberty'],
    expected: expect4('allow', 'specialist', 'deny', 'deny'),
  }),
  attack({
    id: 'spoofed-direction-unknown-us',
    title: 'US line: caller ID spoofed while the real handset is receiving a call (US on-hook answers carry no direction)',
    phoneNumber: LIBERTY,
    state: { call: RECEIVING_A_US_CALL },
    channel: 'ivr',
    inboundCall: true,
    revealedBy: ['liberty'],
    expected: expect4('allow', 'allow', 'allow', 'step_up'),
  }),
  attack({
    id: 'outage-during-spoofed-call',
    title: 'Spoofed caller ID while every on-hook provider is down',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, call: null },
    channel: 'ivr',
    inboundCall: true,
    arrange: 'on_hook_outage',
    expected: expect4('allow', 'step_up', 'step_up', 'step_up'),
  }),
  // Numbers we cannot vouch for
  attack({
    id: 'unknown-number',
    title: 'A number no provider knows, in a range we cover',
    phoneNumber: '+447700900444',
    state: {},
    channel: 'ivr',
    inboundCall: true,
    expected: expect4('allow', 'allow', 'step_up', 'step_up'),
  }),
  attack({
    id: 'uncovered-number',
    title: 'A number in a range no provider is configured for',
    phoneNumber: '+33612345678',
    state: {},
    channel: 'ivr',
    inboundCall: true,
    expected: expect4('allow', 'step_up', 'step_up', 'step_up'),
  }),
  // Lines the network cannot vouch for: asked by default for high risk, where they floor the answer
  attack({
    id: 'non-fixed-voip',
    title: 'Caller on a non-fixed VoIP number (an app number anyone can get in minutes, no SIM)',
    phoneNumber: '+447700900010',
    state: {},
    channel: 'ivr',
    inboundCall: true,
    revealedBy: ['telesign', 'twilio'],
    expected: expect4('allow', 'allow', 'step_up', 'specialist'),
  }),
  attack({
    id: 'non-fixed-voip-us',
    title: 'US caller on a non-fixed VoIP number',
    phoneNumber: '+12025550110',
    state: {},
    channel: 'ivr',
    inboundCall: true,
    revealedBy: ['twilio'],
    expected: expect4('allow', 'allow', 'step_up', 'specialist'),
  }),
  attack({
    id: 'toll-free-caller-id',
    title: 'Caller ID of a toll-free number (such numbers receive calls; they rarely place them)',
    phoneNumber: '+448081570001',
    state: {},
    channel: 'agent',
    inboundCall: true,
    revealedBy: ['telesign', 'twilio'],
    expected: expect4('allow', 'allow', 'step_up', 'specialist'),
  }),
  attack({
    id: 'non-fixed-voip-medium-included',
    title: 'Caller on a non-fixed VoIP number, the line type asked at every tier (a low-risk action is still allowed)',
    phoneNumber: '+447700900010',
    state: {},
    channel: 'ivr',
    inboundCall: true,
    include: ['line_type'],
    expected: expect4('allow', 'allow', 'step_up', 'specialist'),
  }),
  // Genuine callers
  genuine({
    id: 'long-standing-customer',
    title: 'Long-standing customer calling from their own phone',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    expected: expect4('allow', 'allow', 'allow', 'allow'),
  }),
  genuine({
    id: 'long-standing-brightwave',
    title: 'Long-standing customer of an operator that keeps 7 days of SIM history, calling',
    phoneNumber: BRIGHTWAVE,
    state: { call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    expected: expect4('allow', 'allow', 'allow', 'allow'),
  }),
  genuine({
    id: 'long-standing-us',
    title: 'Long-standing US customer calling (US on-hook answers carry no direction)',
    phoneNumber: LIBERTY,
    state: {},
    channel: 'ivr',
    inboundCall: true,
    expected: expect4('allow', 'allow', 'allow', 'step_up'),
  }),
  genuine({
    id: 'customer-roaming',
    title: 'Customer roaming in France, calling us',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, roaming: { country: 'FR' }, call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    expected: expect4('allow', 'allow', 'allow', 'allow'),
  }),
  genuine({
    id: 'us-traveller-in-app',
    title: 'US customer travelling in Mexico, using our app',
    phoneNumber: LIBERTY,
    state: { roaming: { country: 'MX' }, call: null },
    channel: 'app',
    inboundCall: false,
    expected: expect4('allow', 'allow', 'allow', 'step_up'),
  }),
  genuine({
    id: 'voicemail-forwarding',
    title: 'Long-standing customer whose calls go to voicemail when busy or unanswered',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, forwarding: ['conditional_busy', 'conditional_no_answer'], call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    expected: expect4('allow', 'allow', 'allow', 'allow'),
  }),
  genuine({
    id: 'sim-changed-six-months-ago',
    title: 'Customer whose SIM changed six months ago',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, simChangedAt: '180 days ago', call: PLACING_A_CALL },
    channel: 'agent',
    inboundCall: true,
    expected: expect4('allow', 'allow', 'allow', 'allow'),
  }),
  genuine({
    id: 'new-phone-a-year-ago',
    title: 'Customer who got a new phone and SIM a year ago',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, simChangedAt: '365 days ago', deviceChangedAt: '365 days ago', call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    include: ['device_swap'],
    expected: expect4('allow', 'allow', 'allow', 'allow'),
  }),
  genuine({
    id: 'swap-outside-us-retention',
    title: 'US customer whose SIM changed 95 days ago (outside the operator\'s 90-day retention: its 90 days cover the 30 needed), an agent with nobody on the line',
    phoneNumber: '+12025550105',
    state: {},
    channel: 'agent',
    inboundCall: false,
    expected: expect4('allow', 'allow', 'allow', 'step_up'),
  }),
  genuine({
    id: 'swap-older-than-a-month-brightwave',
    title: 'Brightwave customer whose SIM changed 40 days ago',
    phoneNumber: BRIGHTWAVE,
    state: { simChangedAt: '40 days ago', deviceChangedAt: '40 days ago', call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    expected: expect4('allow', 'allow', 'allow', 'allow'),
  }),
  genuine({
    id: 'landline',
    title: 'Customer calling from a landline (no SIM: the network cannot vouch for it)',
    phoneNumber: '+442079460001',
    state: {},
    channel: 'ivr',
    inboundCall: true,
    expected: expect4('allow', 'allow', 'step_up', 'step_up'),
  }),
  genuine({
    id: 'fixed-voip',
    title: 'Customer calling from a fixed VoIP line registered to an address (Telesign says only "VoIP": Twilio tells it is fixed)',
    phoneNumber: '+447700900011',
    state: {},
    channel: 'ivr',
    inboundCall: true,
    expected: expect4('allow', 'allow', 'step_up', 'step_up'),
  }),
  genuine({
    id: 'unclassified-line',
    title: 'A line no provider can classify: never reassuring',
    phoneNumber: '+447700900015',
    state: {},
    channel: 'ivr',
    inboundCall: true,
    expected: expect4('allow', 'allow', 'step_up', 'step_up'),
  }),
  genuine({
    id: 'agent-without-caller',
    title: 'Agent working a long-standing customer\'s account with nobody on the line (high risk needs more than the network can say then)',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, call: null },
    channel: 'agent',
    inboundCall: false,
    expected: expect4('allow', 'allow', 'allow', 'step_up'),
  }),
  genuine({
    id: 'provider-lacking-on-hook',
    title: 'Customer on an operator no provider offers the on-hook check for',
    phoneNumber: '+447700900502',
    state: { ...LONG_STANDING, call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    arrange: 'no_on_hook_coverage',
    expected: expect4('allow', 'allow', 'allow', 'step_up'),
  }),
  genuine({
    id: 'card-freeze-in-outage',
    title: 'Customer freezing a stolen card while every provider is down',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    arrange: 'every_provider_down',
    expected: expect4('allow', 'step_up', 'step_up', 'step_up'),
  }),
  genuine({
    id: 'verified-in-app',
    title: 'Customer in our app; the network verified the device owns the number',
    phoneNumber: ALBION,
    state: { ...LONG_STANDING, call: null },
    channel: 'app',
    inboundCall: false,
    arrange: 'verified_in_app',
    expected: expect4('allow', 'allow', 'allow', 'allow'),
  }),
];
