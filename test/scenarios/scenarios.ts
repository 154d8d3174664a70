/**
 * The assessment scenarios: attacks and genuine calls, each a world state for one number and the
 * situation it is assessed in, with the recommendation expected per risk tier. The same table is
 * rendered into docs/scoring.md (test/scenarios/docs-table.test.ts keeps them equal).
 */
import type { SubscriberInput } from '../../mocks/world/subscriber.ts';
import type { Channel, Recommendation, RiskTier } from '../../src/engine/assessment/policy.ts';

export interface Scenario {
  id: string;
  kind: 'attack' | 'genuine';
  title: string;
  phoneNumber: string;
  /** Changes to the number's default-world state. */
  state: Partial<SubscriberInput>;
  channel: Channel;
  inboundCall: boolean;
  /** Set up before assessing (faults, carrier settings) and return the request's extra fields. */
  arrange?: 'provider_outage' | 'no_on_hook_coverage' | 'verified_in_app';
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

export const SCENARIOS: Scenario[] = [
  {
    id: 'fresh-swap-then-call',
    kind: 'attack',
    title: 'SIM swapped 2 hours ago, then a call to us from the new SIM',
    phoneNumber: '+447700900002',
    state: { ...LONG_STANDING, simChangedAt: '2 hours ago', call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    expected: { protective: 'allow', low: 'step_up', medium: 'specialist', high: 'deny' },
  },
  {
    id: 'spoofed-handset-idle',
    kind: 'attack',
    title: 'Caller ID spoofed: the real handset is not on a call',
    phoneNumber: '+447700900002',
    state: { ...LONG_STANDING, call: null },
    channel: 'ivr',
    inboundCall: true,
    expected: { protective: 'allow', low: 'specialist', medium: 'deny', high: 'deny' },
  },
  {
    id: 'spoofed-handset-receiving',
    kind: 'attack',
    title: 'Caller ID spoofed while the real handset is receiving a call (the fraudster is on the line to the victim)',
    phoneNumber: '+447700900002',
    state: { ...LONG_STANDING, call: RECEIVING_A_CALL },
    channel: 'agent',
    inboundCall: true,
    expected: { protective: 'allow', low: 'specialist', medium: 'specialist', high: 'deny' },
  },
  {
    id: 'callback-diverted',
    kind: 'attack',
    title: 'Unconditional forwarding on: our callback would reach someone else',
    phoneNumber: '+447700900002',
    state: { ...LONG_STANDING, forwarding: ['unconditional'], call: null },
    channel: 'callback',
    inboundCall: false,
    expected: { protective: 'allow', low: 'step_up', medium: 'deny', high: 'deny' },
  },
  {
    id: 'swap-and-forwarding',
    kind: 'attack',
    title: 'SIM swapped 5 hours ago and all calls forwarded, caller placing a call',
    phoneNumber: '+447700900002',
    state: { ...LONG_STANDING, simChangedAt: '5 hours ago', forwarding: ['unconditional'], call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    expected: { protective: 'allow', low: 'specialist', medium: 'specialist', high: 'deny' },
  },
  {
    id: 'outage-during-spoofed-call',
    kind: 'attack',
    title: 'Spoofed caller ID while every on-hook provider is down',
    phoneNumber: '+447700900002',
    state: { ...LONG_STANDING, call: null },
    channel: 'ivr',
    inboundCall: true,
    arrange: 'provider_outage',
    expected: { protective: 'allow', low: 'step_up', medium: 'step_up', high: 'step_up' },
  },
  {
    id: 'long-standing-customer',
    kind: 'genuine',
    title: 'Long-standing customer calling from their own phone',
    phoneNumber: '+447700900002',
    state: { ...LONG_STANDING, call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    expected: { protective: 'allow', low: 'allow', medium: 'allow', high: 'allow' },
  },
  {
    id: 'customer-roaming',
    kind: 'genuine',
    title: 'Customer roaming in France, calling us',
    phoneNumber: '+447700900002',
    state: { ...LONG_STANDING, roaming: { country: 'FR' }, call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    expected: { protective: 'allow', low: 'allow', medium: 'allow', high: 'allow' },
  },
  {
    id: 'sim-changed-six-months-ago',
    kind: 'genuine',
    title: 'Customer whose SIM changed six months ago',
    phoneNumber: '+447700900002',
    state: { ...LONG_STANDING, simChangedAt: '180 days ago', call: PLACING_A_CALL },
    channel: 'agent',
    inboundCall: true,
    expected: { protective: 'allow', low: 'allow', medium: 'allow', high: 'allow' },
  },
  {
    id: 'provider-lacking-on-hook',
    kind: 'genuine',
    title: 'Customer on an operator no provider offers the on-hook check for',
    phoneNumber: '+447700900502',
    state: { ...LONG_STANDING, call: PLACING_A_CALL },
    channel: 'ivr',
    inboundCall: true,
    arrange: 'no_on_hook_coverage',
    expected: { protective: 'allow', low: 'allow', medium: 'allow', high: 'step_up' },
  },
  {
    id: 'verified-in-app',
    kind: 'genuine',
    title: 'Customer in our app; the network verified the device owns the number',
    phoneNumber: '+447700900002',
    state: { ...LONG_STANDING, call: null },
    channel: 'app',
    inboundCall: false,
    arrange: 'verified_in_app',
    expected: { protective: 'allow', low: 'allow', medium: 'allow', high: 'allow' },
  },
];
