import { Hono } from 'hono';
import { CamaraError } from './errors.ts';
import { metricsEndpoint, observeRequests } from './observability/http-metrics.ts';
import type { MetricsExporter } from './observability/observer.ts';
import type { AppDependencies, GatewayEnv } from './routes/http-context.ts';
import { TenantRateLimiter } from './auth/rate-limit.ts';
import { correlatorAndAccessLog, limitTenantRate, requireApiKey } from './routes/middleware.ts';
import { boundBody } from './routes/request-body.ts';
import { answerClientClosed, ClientClosedError, clientClosedResponse } from './routes/client-closed.ts';
import { stampArrival } from './routes/request-clock.ts';
import { CALL_FORWARDING_ROUTES } from './routes/camara/call-forwarding.ts';
import { DEVICE_STATUS_ROUTES } from './routes/camara/device-status.ts';
import { DEVICE_SWAP_ROUTES } from './routes/camara/device-swap.ts';
import { mountCamaraRoute } from './routes/camara/operation-route.ts';
import { SIM_SWAP_ROUTES } from './routes/camara/sim-swap.ts';
import { assessmentRoutes, assessmentService, type AssessmentService } from './routes/assessments.ts';
import type { RepeatedAssessments } from './routes/repeated-assessments.ts';
import { agentScreenLinker, type AgentScreenLinker } from './routes/agent-screen/url.ts';
import { ivrPrescreenRoutes } from './routes/ivr-prescreen.ts';
import { twilioWebhookRoutes } from './routes/voice/twilio.ts';
import { numberVerificationRoutes } from './routes/number-verification/routes.ts';
import { apiReferenceRoutes } from './openapi/routes.ts';
import { agentScreenRoutes } from './routes/agent-screen/routes.ts';
import { corsPolicy } from './routes/cors.ts';
import { refuseWrongMethods } from './routes/method-not-allowed.ts';

export type { AppDependencies } from './routes/http-context.ts';

/** Every CAMARA-compatible operation the gateway serves at its root. */
export const CAMARA_ROUTES = [...SIM_SWAP_ROUTES, ...DEVICE_SWAP_ROUTES, ...CALL_FORWARDING_ROUTES, ...DEVICE_STATUS_ROUTES];

/** The app, and what a runtime's own fast path for repeated assessments shares with it (src/runtime/repeat-fast-path.ts). */
export interface GatewayApp {
  app: Hono<GatewayEnv>;
  repeats: RepeatAnswering;
}

/** Everything answering a repeated POST /v1/assessments takes from the app: the very same key store, rate limiter and records. */
export interface RepeatAnswering {
  apiKeys: AppDependencies['apiKeys'];
  rateLimiter: TenantRateLimiter;
  findRepeat: AssessmentService['findRepeat'];
  linkTo: AgentScreenLinker;
  logger: AppDependencies['logger'];
  observer?: MetricsExporter;
  bodyLimitBytes: number;
}

/**
 * With `metrics` (Node), every request is counted and GET /metrics serves the counts, without an
 * API key. With `repeats`, assessments remember their bodies so a runtime may answer repeats early.
 */
export function createApp(deps: AppDependencies, metrics?: MetricsExporter, repeats?: RepeatedAssessments): GatewayApp {
  const app = new Hono<GatewayEnv>();

  app.use('*', stampArrival());
  if (metrics) app.use('*', observeRequests(metrics));
  app.use('*', correlatorAndAccessLog(deps.logger));
  app.use('*', answerClientClosed());
  const cors = corsPolicy(deps.config);
  app.use('*', cors.preflight);
  app.use('*', refuseWrongMethods(() => app.routes));
  app.get('/health', (c) => c.json({ status: 'ok', version: deps.version ?? 'dev' }));
  if (metrics) app.get('/metrics', metricsEndpoint(metrics, deps.config.metrics.bearerToken));
  app.route('/', apiReferenceRoutes(deps, { camaraRoutes: CAMARA_ROUTES, metrics: metrics !== undefined }));
  // The device's browser follows these two without an API key (session id / state are its credentials).
  const numberVerification = numberVerificationRoutes(deps, { observer: metrics });
  app.route('/', numberVerification.device);
  // The agent's browser opens this from a link: the signed link is its credential.
  app.route('/', agentScreenRoutes(deps, metrics));
  const { assessNow, assessWithJson, findRepeat } = assessmentService(deps, numberVerification.outcomeFor, metrics, repeats);
  const linkFor = agentScreenLinker(deps);
  // Twilio cannot send an API key: its signature under the tenant's auth token is the credential.
  app.route('/', twilioWebhookRoutes(deps, assessNow, linkFor));

  app.use('*', cors.actual);
  app.use('*', requireApiKey(deps.apiKeys, deps.logger));
  const rateLimiter = new TenantRateLimiter(deps.config.tenants, deps.sharedState, { observer: metrics });
  app.use('*', limitTenantRate(rateLimiter));
  app.use('*', boundBody(deps.config.server.bodyLimitBytes, deps.config.server.requestDeadlineMs));
  app.route('/', numberVerification.api);
  app.route('/', assessmentRoutes(deps, assessWithJson, metrics));
  app.route('/', ivrPrescreenRoutes(assessNow, linkFor));
  for (const route of CAMARA_ROUTES) mountCamaraRoute(app, deps, route);

  app.notFound(() => {
    throw new CamaraError('NOT_FOUND', 'No such resource: the path is not one this gateway serves (see /openapi.json).');
  });
  app.onError((error, c) => {
    if (error instanceof CamaraError) {
      if (error.retryAfterSeconds !== undefined) c.header('retry-after', String(error.retryAfterSeconds));
      return c.json(error.toBody(), error.status as 400);
    }
    if (error instanceof ClientClosedError) return clientClosedResponse();
    deps.logger.error('unhandled error', { correlator: c.get('correlator'), error });
    return c.json(new CamaraError('INTERNAL', 'Internal error').toBody(), 500);
  });

  return {
    app,
    repeats: { apiKeys: deps.apiKeys, rateLimiter, findRepeat, linkTo: linkFor, logger: deps.logger, observer: metrics, bodyLimitBytes: deps.config.server.bodyLimitBytes },
  };
}

