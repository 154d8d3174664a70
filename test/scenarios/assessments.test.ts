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
  // Each test's faults may open breakers; the next test starts with none.
  t.gateway.engine.breakers.shutdown();
});
afterAll(() => t?.close());

const AGGREGATORS = ['nokia', 'twilio', 'telesign', 'vonage'];
const EVERY_CARRIER = ['albion', 'brightwave', 'liberty', ...AGGREGATORS];

async function verifiedSession(phoneNumber: string): Promise<string> {
  const created = await t.post('/v1/number-verification/sessions', { phoneNumber });
  expect(created.status).toBe(201);
  const deviceIp = t.network.world.get(phoneNumber)!.dataSession!.ipv4;
  await browseAsDevice(created.body.authorizationUrl, { gateway: t.url, mocks: t.network.url }, deviceIp);
  return created.body.sessionId;
}

export async function arrange(scenario: Scenario): Promise<Record<string, unknown>> {
  const current = t.network.world.get(scenario.phoneNumber);
  if (current) t.network.world.put(scenario.phoneNumber, { ...current, ...scenario.state });
  const down = (carriers: string[]) => carriers.forEach((carrier) => t.network.faults.add({ carrier, kind: 'status', status: 503 }));
  switch (scenario.arrange) {
    case 'on_hook_outage':
      t.network.faults.add({ carrier: 'telesign', kind: 'status', status: 503 });
      t.network.faults.add({ carrier: 'albion', endpoint: 'scam-signal/v0.3/signal', kind: 'status', status: 503 });
      return {};
    case 'no_on_hook_coverage':
      t.network.carrier('telesign').settings.update({ activeCallStatusCountries: [] });
      return {};
    case 'aggregators_down':
      down(AGGREGATORS.filter((carrier) => carrier !== 'telesign'));
      return {};
    case 'every_provider_down':
      down(EVERY_CARRIER);
      return {};
    case 'forwarding_list_unavailable':
      t.network.faults.add({ carrier: 'albion', endpoint: 'call-forwarding-signal/v0.4/call-forwardings', kind: 'status', status: 503 });
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

async function assessment(scenario: Scenario, riskTier: string, extra: Record<string, unknown>, deadlineMs = FULL_ANSWER_DEADLINE_MS) {
  const response = await t.post('/v1/assessments', {
    phoneNumber: scenario.phoneNumber,
    context: { channel: scenario.channel, riskTier, inboundCall: scenario.inboundCall },
    ...(scenario.include ? { checks: { include: scenario.include } } : {}),
    deadlineMs,
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

/** The faults a provider that reveals an attack is failed with: a 5xx, a hang, a garbled answer. */
const FAULTS = [
  { name: '5xx', rule: { kind: 'status', status: 503 } },
  { name: 'hang', rule: { kind: 'hang' } },
  { name: 'garbled', rule: { kind: 'malformed' } },
] as const;
/** Short, so that a hanging provider costs the suite little; every number's tokens are held by then. */
const FAULT_RUN_DEADLINE_MS = 1_500;

const revealed = SCENARIOS.filter((scenario) => scenario.kind === 'attack').flatMap((scenario) =>
  (scenario.revealedBy ?? []).flatMap((carrier) => FAULTS.map((fault) => ({ scenario, carrier, fault }))),
);

describe('an attack whose revealing provider fails is never allowed for a high-risk action', () => {
  it.each(revealed)('$scenario.id, $carrier $fault.name', async ({ scenario, carrier, fault }) => {
    const extra = await arrange(scenario);
    t.network.faults.add({ carrier, ...fault.rule });
    const body = await assessment(scenario, 'high', extra, FAULT_RUN_DEADLINE_MS);
    expect(body.recommendation, JSON.stringify(body.policy.decidedBy)).not.toBe('allow');
  });
});
