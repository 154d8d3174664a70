/**
 * The truth table behind the every-check tests (Node: test/integration/every-check.test.ts;
 * workerd: test-worker/every-check.test.ts): for each operation, a world state that makes the
 * answer yes and one that makes it no, the CAMARA route that asks it and what each answer must be.
 * Runtime-free, so the workerd suite imports it as is.
 */
import { expect } from 'vitest';
import type { SubscriberInput } from '../../mocks/world/subscriber.ts';
import { createFetchHttpClient } from '../../adapters/fetch-http.ts';
import type { GatewayConfig } from '../../src/config/schema.ts';
import { createAdapter } from '../../src/engine/adapter-factory.ts';
import type { OperationId } from '../../src/contract/signals.ts';

/** A number each provider serves in the default world (coverage per mocks/README.md, chains per src/runtime/embedded.ts). */
export const SUBJECT: Record<string, string> = {
  albion: '+447700900002',
  brightwave: '+447700900502',
  liberty: '+12025550102',
  twilio: '+447700900002',
  // Telesign is chained on every check for US numbers, and first for the on-hook check on GB
  // numbers (its active_call_status add-on covers GB only).
  telesign: '+12025550102',
  vonage: '+447700900002',
  nokia: '+447700900502',
};
const SUBJECT_FOR: Partial<Record<string, Partial<Record<OperationId, string>>>> = {
  telesign: { 'call_state.retrieve': '+447700900002', 'line_type.retrieve': '+447700900002' },
};
export const subjectOf = (provider: string, operation: OperationId) => SUBJECT_FOR[provider]?.[operation] ?? SUBJECT[provider]!;

export interface Case {
  state: Partial<SubscriberInput>;
  /** The CAMARA route and body, or undefined where no CAMARA API exists (the on-hook check, the line type). */
  camara?: { path: string; body: (phoneNumber: string) => unknown; expect: (body: any, world: SubscriberInput) => void };
  engine: (value: any, world: SubscriberInput) => void;
}

const sameInstant = (actual: string, expected: string | null | undefined) =>
  expect(Math.abs(Date.parse(actual) - Date.parse(expected!))).toBeLessThanOrEqual(1_000);

export const TRUTH: Record<Exclude<OperationId, 'number_verification.verify'>, { yes: Case; no: Case }> = {
  'sim_swap.check': {
    yes: {
      state: { simChangedAt: '2 hours ago' },
      camara: { path: '/sim-swap/v2/check', body: (n) => ({ phoneNumber: n, maxAge: 24 }), expect: (b) => expect(b).toEqual({ swapped: true }) },
      engine: (v) => expect(v.swapped).toBe(true),
    },
    no: {
      state: { simChangedAt: null, activatedAt: '3 years ago' },
      camara: { path: '/sim-swap/v2/check', body: (n) => ({ phoneNumber: n, maxAge: 24 }), expect: (b) => expect(b).toEqual({ swapped: false }) },
      engine: (v) => expect(v.swapped).toBe(false),
    },
  },
  'sim_swap.retrieve_date': {
    yes: {
      state: { simChangedAt: '2 hours ago' },
      camara: { path: '/sim-swap/v2/retrieve-date', body: (n) => ({ phoneNumber: n }), expect: (b, w) => sameInstant(b.latestSimChange, w.simChangedAt) },
      engine: (v, w) => sameInstant(v.latestSimChange, w.simChangedAt),
    },
    no: {
      state: { simChangedAt: '5 hours ago' },
      camara: { path: '/sim-swap/v2/retrieve-date', body: (n) => ({ phoneNumber: n }), expect: (b, w) => sameInstant(b.latestSimChange, w.simChangedAt) },
      engine: (v, w) => sameInstant(v.latestSimChange, w.simChangedAt),
    },
  },
  'device_swap.check': {
    yes: {
      state: { deviceChangedAt: '2 hours ago' },
      camara: { path: '/device-swap/v1/check', body: (n) => ({ phoneNumber: n, maxAge: 24 }), expect: (b) => expect(b).toEqual({ swapped: true }) },
      engine: (v) => expect(v.swapped).toBe(true),
    },
    no: {
      state: { deviceChangedAt: '3 days ago' },
      camara: { path: '/device-swap/v1/check', body: (n) => ({ phoneNumber: n, maxAge: 24 }), expect: (b) => expect(b).toEqual({ swapped: false }) },
      engine: (v) => expect(v.swapped).toBe(false),
    },
  },
  'device_swap.retrieve_date': {
    yes: {
      state: { deviceChangedAt: '2 hours ago' },
      camara: { path: '/device-swap/v1/retrieve-date', body: (n) => ({ phoneNumber: n }), expect: (b, w) => sameInstant(b.latestDeviceChange, w.deviceChangedAt) },
      engine: (v, w) => sameInstant(v.latestDeviceChange, w.deviceChangedAt),
    },
    no: {
      state: { deviceChangedAt: '3 days ago' },
      camara: { path: '/device-swap/v1/retrieve-date', body: (n) => ({ phoneNumber: n }), expect: (b, w) => sameInstant(b.latestDeviceChange, w.deviceChangedAt) },
      engine: (v, w) => sameInstant(v.latestDeviceChange, w.deviceChangedAt),
    },
  },
  'call_forwarding.unconditional': {
    yes: {
      state: { forwarding: ['unconditional'] },
      camara: { path: '/call-forwarding-signal/v0.4/unconditional-call-forwardings', body: (n) => ({ phoneNumber: n }), expect: (b) => expect(b).toEqual({ active: true }) },
      engine: (v) => expect(v.active).toBe(true),
    },
    no: {
      state: { forwarding: [] },
      camara: { path: '/call-forwarding-signal/v0.4/unconditional-call-forwardings', body: (n) => ({ phoneNumber: n }), expect: (b) => expect(b).toEqual({ active: false }) },
      engine: (v) => expect(v.active).toBe(false),
    },
  },
  'call_forwarding.services': {
    yes: {
      state: { forwarding: ['unconditional'] },
      camara: { path: '/call-forwarding-signal/v0.4/call-forwardings', body: (n) => ({ phoneNumber: n }), expect: (b) => expect(b).toEqual(['unconditional']) },
      engine: (v) => expect(v.services).toEqual(['unconditional']),
    },
    no: {
      state: { forwarding: [] },
      camara: { path: '/call-forwarding-signal/v0.4/call-forwardings', body: (n) => ({ phoneNumber: n }), expect: (b) => expect(b).toEqual(['inactive']) },
      engine: (v) => expect(v.services).toEqual([]),
    },
  },
  'call_state.retrieve': {
    yes: {
      state: { call: { direction: 'outgoing', peer: '+442079460123', startedAt: '20 seconds ago' } },
      engine: (v) => {
        expect(v.onCall).toBe(true);
        expect([null, 'outgoing']).toContain(v.direction);
      },
    },
    no: { state: { call: null }, engine: (v) => expect(v.onCall).toBe(false) },
  },
  'line_type.retrieve': {
    // Telesign and Vonage have one VoIP class, fixed or not.
    yes: { state: { lineType: 'non_fixed_voip' }, engine: (v) => expect(['non_fixed_voip', 'voip']).toContain(v.lineType) },
    no: { state: { lineType: 'mobile' }, engine: (v) => expect(v.lineType).toBe('mobile') },
  },
  'reachability.retrieve': {
    yes: {
      state: { reachable: ['DATA', 'SMS'] },
      camara: { path: '/device-reachability-status/v1/retrieve', body: (n) => ({ device: { phoneNumber: n } }), expect: (b) => expect(b.reachable).toBe(true) },
      engine: (v) => expect(v.reachable).toBe(true),
    },
    no: {
      state: { reachable: [] },
      camara: {
        path: '/device-reachability-status/v1/retrieve',
        body: (n) => ({ device: { phoneNumber: n } }),
        expect: (b) => {
          expect(b.reachable).toBe(false);
          expect(b).not.toHaveProperty('connectivity');
        },
      },
      engine: (v) => expect(v.reachable).toBe(false),
    },
  },
  'roaming.retrieve': {
    yes: {
      state: { roaming: { country: 'FR' } },
      camara: {
        path: '/device-roaming-status/v1/retrieve',
        body: (n) => ({ device: { phoneNumber: n } }),
        expect: (b) => {
          expect(b.roaming).toBe(true);
          expect(b.countryName).toContain('FR');
        },
      },
      engine: (v) => {
        expect(v.roaming).toBe(true);
        expect(v.countries).toContain('FR');
      },
    },
    no: {
      state: { roaming: null },
      camara: { path: '/device-roaming-status/v1/retrieve', body: (n) => ({ device: { phoneNumber: n } }), expect: (b) => expect(b.roaming).toBe(false) },
      engine: (v) => expect(v.roaming).toBe(false),
    },
  },
};

/** What each provider's adapter offers, read from the config without any I/O. */
export function offeredPairs(config: GatewayConfig): Array<readonly [string, keyof typeof TRUTH]> {
  const http = createFetchHttpClient();
  return config.providers
    .filter((provider) => provider.id in SUBJECT)
    .flatMap((provider) =>
      [...createAdapter(provider, { http }).operations]
        .filter((operation): operation is keyof typeof TRUTH => operation in TRUTH)
        .map((operation) => [provider.id, operation] as const),
    );
}
