import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { checkErrorOf } from '../../faults/check-error.ts';
import { injectFaults } from '../../faults/middleware.ts';
import type { World } from '../../world/world.ts';
import { countRequests, type CarrierContext, type CarrierDescription, type MockCarrier } from '../carrier.ts';
import { callingCodeOf } from './calling-codes.ts';
import { ApplicationRegistry, authenticateApplication, type RegisteredApplication } from './auth.ts';
import { VONAGE_DEV_APPLICATION_ID, VONAGE_DEV_PUBLIC_JWK, VONAGE_DEV_PURPOSE } from './dev-credentials.ts';
import { ANY_LINE_INSIGHTS, answerInsight, INSIGHT_NAMES, statusMessage, type InsightAnswer, type InsightName, type StatusCode } from './insights.ts';
import { problemResponse, vonageFaultResponse, VonageProblem } from './errors.ts';
import { phoneNumberOfInsightsRequest, readInsightsRequest, type InsightsRequest } from './request.ts';
import { VonageSettings, type VonageSettingsValues } from './settings.ts';

export const VONAGE_CARRIER_ID = 'vonage';
/** Stats endpoint of `POST /identity-insights/v1/requests` (and its legacy path). */
export const IDENTITY_INSIGHTS_ENDPOINT = 'identity-insights';
export const IDENTITY_INSIGHTS_PATH = '/identity-insights/v1/requests';
/** Where @vonage/identity-insights (Node SDK) posts, relative to its `europeHost`. */
export const LEGACY_IDENTITY_INSIGHTS_PATH = '/v0.1/identity-insights';

export const DEV_APPLICATION: RegisteredApplication = {
  id: VONAGE_DEV_APPLICATION_ID,
  name: 'numtrust-dev',
  publicJwk: VONAGE_DEV_PUBLIC_JWK,
  purposes: [VONAGE_DEV_PURPOSE],
};

/** Mock Vonage Identity Insights over the World: application JWT auth, per-insight statuses in a 200. */
export function createVonageCarrier(ctx: CarrierContext): MockCarrier {
  const app = new Hono();
  const settings = new VonageSettings();
  const applications = new ApplicationRegistry([DEV_APPLICATION]);
  ctx.stats.register(VONAGE_CARRIER_ID);

  const handle = async (c: Context): Promise<Response> => {
    try {
      const application = await authenticateApplication(c.req.header('authorization'), applications, ctx.world.now());
      const request = await readInsightsRequest(c);
      return c.json(answerRequest(request, application, c), 200);
    } catch (error) {
      if (error instanceof VonageProblem) {
        return problemResponse(c, error.kind, error.message, { invalidParameters: error.invalidParameters });
      }
      throw error;
    }
  };

  const answerRequest = (request: InsightsRequest, application: RegisteredApplication, c: Context) => {
    const current = settings.current;
    const checkError = checkErrorOf(c);
    const insights: Record<string, unknown> = {};
    for (const [name, parameters] of request.insights) {
      const faulted = checkError && (checkError.check === undefined || checkError.check === name);
      const answer: InsightAnswer = faulted
        ? { code: String(checkError.code ?? 'SUPPLIER_ERROR').toUpperCase(), fields: {} }
        : decide(name, parameters, request, application, ctx.world, current);
      const code = current.statusCodeCase === 'lower' ? answer.code.toLowerCase() : answer.code;
      insights[name] = { ...answer.fields, status: { code, message: statusMessage(answer.code) } };
    }
    return { request_id: randomUUID(), insights };
  };

  for (const path of [IDENTITY_INSIGHTS_PATH, LEGACY_IDENTITY_INSIGHTS_PATH]) {
    app.post(
      path,
      countRequests(ctx.stats, VONAGE_CARRIER_ID, IDENTITY_INSIGHTS_ENDPOINT),
      injectFaults({
        registry: ctx.faults,
        stats: ctx.stats,
        carrier: VONAGE_CARRIER_ID,
        endpoint: IDENTITY_INSIGHTS_ENDPOINT,
        errorResponse: vonageFaultResponse,
        phoneNumberOf: phoneNumberOfInsightsRequest,
      }),
      handle,
    );
    app.all(path, (c) => problemResponse(c, 'wrong-verb', `Request method '${c.req.method}' not supported`, { headers: { allow: 'POST' } }));
  }

  return {
    id: VONAGE_CARRIER_ID,
    kind: 'vonage',
    operators: [...ctx.world.operators.values()]
      .filter((operator) => INSIGHT_NAMES.some((name) => settings.current.coverage[name].includes(operator.country)))
      .map((operator) => operator.id),
    basePath: ctx.basePath,
    app,
    settings,
    describe: () => describeCarrier(),
  };
}

/**
 * One insight for one request, in the order Vonage would refuse it: number format, purpose,
 * coverage of the line's country, the line itself (unknown; not mobile, except for current_carrier), then the answer.
 */
function decide(
  name: InsightName,
  parameters: unknown,
  request: InsightsRequest,
  application: RegisteredApplication,
  world: World,
  settings: Readonly<VonageSettingsValues>,
): InsightAnswer {
  const refuse = (code: StatusCode): InsightAnswer => ({ code, fields: {} });
  if (request.phoneNumber === null) return refuse('INVALID_NUMBER_FORMAT');
  if (request.purpose === undefined || !application.purposes.includes(request.purpose)) return refuse('INVALID_PURPOSE');

  const covered = settings.coverage[name];
  const subscriber = world.get(request.phoneNumber);
  if (!subscriber) {
    // Unknown lines: coverage is judged by the country calling code.
    return refuse(callingCodeCovered(request.phoneNumber, covered) ? 'NOT_FOUND' : 'NO_COVERAGE');
  }
  const operator = world.operators.get(subscriber.operator);
  if (operator === undefined || !covered.includes(operator.country)) return refuse('NO_COVERAGE');
  if (subscriber.lineType !== 'mobile' && !ANY_LINE_INSIGHTS.has(name)) return refuse('UNSUPPORTED_NETWORK_TYPE');
  return answerInsight(name, parameters, subscriber, operator, world.now());
}

function callingCodeCovered(phoneNumber: string, countries: readonly string[]): boolean {
  return countries.some((country) => {
    const code = callingCodeOf(country);
    return code !== undefined && phoneNumber.startsWith(`+${code}`);
  });
}

function describeCarrier(): CarrierDescription {
  return [
    ['name', 'Vonage Identity Insights (mock)'],
    ['endpoint', `POST ${IDENTITY_INSIGHTS_PATH} (also ${LEGACY_IDENTITY_INSIGHTS_PATH}, where the Node SDK posts)`],
    ['auth', 'Authorization: Bearer <application JWT> (RS256; application_id, iat, jti; exp optional)'],
    ['application_id', VONAGE_DEV_APPLICATION_ID],
    ['private key', 'VONAGE_DEV_PRIVATE_KEY_PEM in mocks/carriers/vonage/dev-credentials.ts (public test key)'],
    ['purpose', VONAGE_DEV_PURPOSE],
    ['insights', `${INSIGHT_NAMES.join(', ')}; lines of GB and US operators`],
  ];
}
