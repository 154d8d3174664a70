/**
 * The scenario suite: attacks and genuine calls assessed per risk tier over the embedded world
 * (operators first, aggregators behind them), real HTTP all the way.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RISK_TIERS } from '../../src/engine/assessment/policy.ts';
import { browseAsDevice } from '../support/device-browser.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { SCENARIOS, type Scenario } from './scenarios.ts';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ cacheTtlSeconds: 0 });
});
afterEach(() => {
  t.network.faults.clear();
  t.network.world.reset();
  t.network.carrier('telesign').settings.reset();
});
afterAll(() => t?.close());

/** Every carrier that can answer the on-hook check for GB numbers goes down. */
function onHookOutage(): void {
  t.network.faults.add({ carrier: 'telesign', kind: 'status', status: 503 });
  t.network.faults.add({ carrier: 'albion', endpoint: 'scam-signal/v0.3/signal', kind: 'status', status: 503 });
}

async function verifiedSession(phoneNumber: string): Promise<string> {
  const created = await t.post('/v1/number-verification/sessions', { phoneNumber });
  expect(created.status).toBe(201);
  const deviceIp = t.network.world.get(phoneNumber)!.dataSession!.ipv4;
  await browseAsDevice(created.body.authorizationUrl, { gateway: t.url, mocks: t.network.url }, deviceIp);
  return created.body.sessionId;
}

export async function arrange(scenario: Scenario): Promise<Record<string, unknown>> {
  const current = t.network.world.get(scenario.phoneNumber)!;
  t.network.world.put(scenario.phoneNumber, { ...current, ...scenario.state });
  switch (scenario.arrange) {
    case 'provider_outage':
      onHookOutage();
      return {};
    case 'no_on_hook_coverage':
      t.network.carrier('telesign').settings.update({ activeCallStatusCountries: [] });
      return {};
    case 'verified_in_app':
      return { numberVerification: { sessionId: await verifiedSession(scenario.phoneNumber) } };
    default:
      return {};
  }
}

/**
 * The verdicts with every answer in: a deadline long enough for a number's first CIBA flow at its
 * operator (~1.1 s at the mocks), which an IVR's default second does not cover
 * (test/resilience/first-second.test.ts covers what the default budgets get).
 */
const FULL_ANSWER_DEADLINE_MS = 4_000;

async function assessment(scenario: Scenario, riskTier: string, extra: Record<string, unknown>) {
  const response = await t.post('/v1/assessments', {
    phoneNumber: scenario.phoneNumber,
    context: { channel: scenario.channel, riskTier, inboundCall: scenario.inboundCall },
    deadlineMs: FULL_ANSWER_DEADLINE_MS,
    ...extra,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

describe.each(SCENARIOS)('$kind: $title', (scenario) => {
  it(`recommends ${RISK_TIERS.map((tier) => `${tier} → ${scenario.expected[tier]}`).join(', ')}`, async () => {
    const extra = await arrange(scenario);
    const got: Record<string, string> = {};
    for (const tier of RISK_TIERS) got[tier] = (await assessment(scenario, tier, extra)).recommendation;
    expect(got).toEqual(scenario.expected);
  });
});

/** Providers that answer for the attack numbers' range (src/runtime/embedded.ts): each fails in turn. */
const GB_OPERATOR_RANGE_CARRIERS = ['telesign', 'albion', 'twilio', 'vonage'];

describe.each(SCENARIOS.filter((scenario) => scenario.kind === 'attack'))('outage during attack: $title', (scenario) => {
  it.each(GB_OPERATOR_RANGE_CARRIERS)('%s down: never allow where the full answer was stricter', async (carrier) => {
    const extra = await arrange(scenario);
    t.network.faults.add({ carrier, kind: 'status', status: 503 });
    // Protective actions are never gated: only the tiers whose full answer was stricter than allow.
    for (const tier of RISK_TIERS.filter((name) => scenario.expected[name] !== 'allow')) {
      const body = await assessment(scenario, tier, extra);
      expect(body.recommendation, `${tier}: ${JSON.stringify(body.policy.decidedBy)}`).not.toBe('allow');
    }
  });
});
