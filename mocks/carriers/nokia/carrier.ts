import { Hono, type Context } from 'hono';
import { injectFaults } from '../../faults/middleware.ts';
import { countRequests, type CarrierContext, type CarrierDescription, type MockCarrier } from '../carrier.ts';
import { camaraFaultResponse, camaraHandler, xCorrelator } from '../shared/camara-wire.ts';
import { callForwardingEndpoints } from './apis/call-forwarding.ts';
import { deviceStatusEndpoints } from './apis/device-status.ts';
import { deviceSwapEndpoints } from './apis/device-swap.ts';
import type { NacApiDeps, NacEndpoint } from './apis/endpoint.ts';
import { numberVerificationEndpoints } from './apis/number-verification.ts';
import { mountNacAuthorizationServer } from './authorization.ts';
import { NacAuthorizationState } from './authorization-state.ts';
import { simSwapEndpoints } from './apis/sim-swap.ts';
import { NAC_AGREEMENTS, NacCoverage } from './coverage.ts';
import { NAC_DEV_CLIENT, NAC_DEV_RAPIDAPI_KEY, NAC_LISTING_HOST, NAC_UNSUBSCRIBED_RAPIDAPI_KEY } from './dev-credentials.ts';
import { phoneNumberOfRequest } from './subject.ts';
import { noSettings } from './settings.ts';
import { rapidApiGateway, rapidApiResponseHeaders, unknownEndpoint } from './auth.ts';

export const NOKIA_CARRIER_ID = 'nokia';

/**
 * Mock Nokia Network as Code behind its RapidAPI gateway, over the shared world: the operators
 * NaC has agreements with (coverage.ts), each API under NaC's own paths, and NaC's authorization
 * server for Number Verification (authorization.ts).
 * Per API request: counted → RapidAPI key/host checks → x-correlator → faults → the API.
 */
export function createNokiaCarrier(ctx: CarrierContext): MockCarrier {
  const app = new Hono();
  const coverage = new NacCoverage(ctx.world);
  const authorization = new NacAuthorizationState();
  const deps: NacApiDeps = { world: ctx.world, coverage, authorization };
  ctx.stats.register(NOKIA_CARRIER_ID);
  const faultsAt = (endpoint: string, errorResponse: (c: Context, status: number, message: string) => Response, phoneNumberOf?: typeof phoneNumberOfRequest) =>
    injectFaults({ registry: ctx.faults, stats: ctx.stats, carrier: NOKIA_CARRIER_ID, endpoint, errorResponse, phoneNumberOf });

  app.use('*', rapidApiResponseHeaders());
  mountNacAuthorizationServer(app, {
    world: ctx.world,
    coverage,
    state: authorization,
    basePath: ctx.basePath,
    instrument: (name, errorResponse) => [countRequests(ctx.stats, NOKIA_CARRIER_ID, name), faultsAt(name, errorResponse)],
  });
  const endpoints: NacEndpoint[] = [
    ...simSwapEndpoints(deps),
    ...deviceSwapEndpoints(deps),
    ...callForwardingEndpoints(deps),
    ...deviceStatusEndpoints(deps),
    ...numberVerificationEndpoints(deps),
  ];
  for (const endpoint of endpoints) {
    app.on(
      endpoint.method ?? 'POST',
      endpoint.path,
      countRequests(ctx.stats, NOKIA_CARRIER_ID, endpoint.name),
      rapidApiGateway(),
      xCorrelator('commonalities-0.6'),
      faultsAt(endpoint.name, camaraFaultResponse, phoneNumberOfRequest),
      camaraHandler(endpoint.handler),
    );
  }
  // RapidAPI registers endpoints per method: anything else is an endpoint the listing lacks.
  app.all('*', rapidApiGateway(), unknownEndpoint(ctx.basePath));

  return {
    id: NOKIA_CARRIER_ID,
    kind: 'nokia',
    operators: coverage.operators,
    basePath: ctx.basePath,
    app,
    settings: noSettings,
    describe: () => describeNac(endpoints),
  };
}

function describeNac(endpoints: readonly NacEndpoint[]): CarrierDescription {
  return [
    ['name', 'Nokia Network as Code (through RapidAPI)'],
    ['x-rapidapi-key', `${NAC_DEV_RAPIDAPI_KEY}  (${NAC_UNSUBSCRIBED_RAPIDAPI_KEY}: valid key, no subscription -> 403)`],
    ['x-rapidapi-host', `${NAC_LISTING_HOST}  (required; missing or other -> 404 "API doesn't exists")`],
    [
      'coverage',
      NAC_AGREEMENTS.map((a) => `${a.operator} (${a.retentionDays === null ? 'full history' : `${a.retentionDays}-day window`}${a.callForwardingList ? '' : ', no /call-forwardings: 501'})`).join('; '),
    ],
    ['NaC client', `${NAC_DEV_CLIENT.clientId} / ${NAC_DEV_CLIENT.clientSecret}  (GET /oauth2/v1/auth/clientcredentials, with the RapidAPI key)`],
    ['Number Verification', 'GET /.well-known/openid-configuration; the device opens fast_flow_csp_auth_endpoint (fast flow: /verify?code&state) or authorization_endpoint (standard: code -> token_endpoint -> Bearer); x-mock-device-ip at /camara/oauth2/v1/authorize = its data session'],
    ...endpoints.map((endpoint): [string, string] => [`${endpoint.method ?? 'POST'} ${endpoint.name}`, endpoint.path]),
    ['note', 'other operators\' and unknown numbers -> 404 IDENTIFIER_NOT_FOUND; IoT lines -> 422 SERVICE_NOT_APPLICABLE'],
  ];
}
