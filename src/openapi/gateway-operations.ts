/** The gateway's own routes (not a signal): health, metrics, and the API reference itself. */
import { z } from 'zod';
import type { OperationDoc } from './operation.ts';
import { DOCS_PATH, INIT_SCRIPT, OPENAPI_PATH } from './swagger-ui.ts';

export const HealthResponse = z
  .object({
    status: z.literal('ok').describe('Always `ok`: the gateway answers'),
    version: z.string().describe('The gateway\'s version (`dev` when it runs from a checkout)'),
  })
  .describe('The gateway is up');

const TAG = 'gateway';

export const HEALTH_OPERATION: OperationDoc = {
  method: 'get',
  path: '/health',
  operationId: 'health',
  summary: 'Liveness',
  tag: TAG,
  access: 'public',
  success: [{ status: 200, description: 'The gateway is up', schema: HealthResponse, example: { status: 'ok', version: 'dev' } }],
  errors: [],
};

/** GET /metrics exists only where the runtime brings an exporter (Node); with a metrics token it asks for it. */
export function metricsOperation(tokenRequired: boolean): OperationDoc {
  return {
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    summary: 'Prometheus metrics (docs/metrics.md)',
    tag: TAG,
    access: tokenRequired ? 'metricsToken' : 'public',
    success: [
      {
        status: 200,
        description: 'Prometheus text exposition format',
        otherMediaTypes: {
          'text/plain': {
            description: 'The metrics (docs/metrics.md)',
            example: '# HELP numtrust_http_requests_total Requests answered, by matched route template, method, status code and tenant ("none" before authentication).\n' +
              '# TYPE numtrust_http_requests_total counter\nnumtrust_http_requests_total{route="/health",method="GET",status="200",tenant="none"} 1\n',
          },
        },
      },
    ],
    errors: [],
  };
}

export const REFERENCE_OPERATIONS: readonly OperationDoc[] = [
  {
    method: 'get',
    path: OPENAPI_PATH,
    operationId: 'openApiDocument',
    summary: 'This document (OpenAPI 3.1)',
    tag: TAG,
    access: 'public',
    success: [{ status: 200, description: 'The OpenAPI document', otherMediaTypes: { 'application/json': { description: 'This OpenAPI 3.1 document' } } }],
    errors: [],
  },
  {
    method: 'get',
    path: DOCS_PATH,
    operationId: 'apiReference',
    summary: 'Interactive API reference (Swagger UI)',
    tag: TAG,
    access: 'public',
    success: [{ status: 200, description: 'The reference page', otherMediaTypes: { 'text/html': { description: 'Swagger UI over /openapi.json' } } }],
    errors: [],
  },
  {
    method: 'get',
    path: `${DOCS_PATH}/:file`,
    operationId: 'apiReferenceAsset',
    summary: `A file of the reference page (Swagger UI's swagger-ui.css and swagger-ui-bundle.js, when served locally, and ${INIT_SCRIPT})`,
    tag: TAG,
    access: 'public',
    pathParameters: { file: { description: `The file's name: swagger-ui.css, swagger-ui-bundle.js or ${INIT_SCRIPT}`, example: INIT_SCRIPT } },
    success: [
      {
        status: 200,
        description: 'The file',
        otherMediaTypes: { 'text/css': { description: "Swagger UI's stylesheet" }, 'text/javascript': { description: "Swagger UI's script, or the page's start-up script" } },
      },
    ],
    errors: ['NOT_FOUND'],
  },
];
