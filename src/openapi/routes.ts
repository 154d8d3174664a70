/**
 * GET /openapi.json and GET /docs (with its files), mounted before API-key authentication. The
 * document is built once per app, on the first request: it depends only on the routes and config.
 */
import { Hono } from 'hono';
import { CamaraError } from '../errors.ts';
import { ASSESSMENT_OPERATION } from '../routes/assessments.ts';
import { ASSESSMENT_RECORD_OPERATIONS } from '../routes/assessment-records.ts';
import { AGENT_SCREEN_OPERATIONS } from '../routes/agent-screen/routes.ts';
import { IVR_PRESCREEN_OPERATION } from '../routes/ivr-prescreen.ts';
import { TWILIO_WEBHOOK_OPERATION } from '../routes/voice/twilio.ts';
import { camaraOperation, type CamaraRoute } from '../routes/camara/operation-route.ts';
import type { AppDependencies, GatewayEnv } from '../routes/http-context.ts';
import { NUMBER_VERIFICATION_OPERATIONS } from '../routes/number-verification/operations.ts';
import { openApiDocument } from './document.ts';
import { HEALTH_OPERATION, metricsOperation, REFERENCE_OPERATIONS } from './gateway-operations.ts';
import type { OperationDoc } from './operation.ts';
import {
  DOCS_PATH,
  docsContentSecurityPolicy,
  docsPage,
  INIT_SCRIPT,
  INIT_SCRIPT_BODY,
  isSwaggerUiFile,
  OPENAPI_PATH,
  SWAGGER_UI_FILES,
} from './swagger-ui.ts';

export interface ApiReferenceOptions {
  /** The CAMARA routes the app mounts. */
  camaraRoutes: readonly CamaraRoute[];
  /** The app serves GET /metrics. */
  metrics: boolean;
}

/**
 * Every operation the app serves, from the objects its routes are mounted from (also what
 * `npm run client:generate` builds the client's types from).
 */
export function gatewayOperations(options: ApiReferenceOptions, metricsTokenRequired: boolean): OperationDoc[] {
  return [
    HEALTH_OPERATION,
    ...(options.metrics ? [metricsOperation(metricsTokenRequired)] : []),
    ...REFERENCE_OPERATIONS,
    ...NUMBER_VERIFICATION_OPERATIONS,
    ASSESSMENT_OPERATION,
    ...ASSESSMENT_RECORD_OPERATIONS,
    ...AGENT_SCREEN_OPERATIONS,
    IVR_PRESCREEN_OPERATION,
    TWILIO_WEBHOOK_OPERATION,
    ...options.camaraRoutes.map(camaraOperation),
  ];
}

export function apiReferenceRoutes(deps: AppDependencies, options: ApiReferenceOptions): Hono<GatewayEnv> {
  const routes = new Hono<GatewayEnv>();
  let document: string | undefined;
  const local = deps.swaggerUi !== undefined;

  routes.get(OPENAPI_PATH, (c) => {
    document ??= JSON.stringify(openApiDocument(gatewayOperations(options, deps.config.metrics.bearerToken !== undefined), { version: deps.version ?? 'dev' }));
    return c.body(document, 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
  });

  routes.get(DOCS_PATH, (c) =>
    c.html(docsPage(local), 200, { 'content-security-policy': docsContentSecurityPolicy(local), 'x-content-type-options': 'nosniff' }),
  );

  routes.get(`${DOCS_PATH}/:file`, async (c) => {
    const file = c.req.param('file');
    if (file === INIT_SCRIPT) {
      return c.body(INIT_SCRIPT_BODY, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
    }
    if (!deps.swaggerUi || !isSwaggerUiFile(file)) throw new CamaraError('NOT_FOUND', 'No such resource');
    const bytes = await deps.swaggerUi.read(file);
    return c.body(bytes, 200, { 'content-type': SWAGGER_UI_FILES[file], 'cache-control': 'public, max-age=86400' });
  });

  return routes;
}
