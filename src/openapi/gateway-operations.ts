/** The gateway's own routes (not a signal): health, metrics, and the API reference itself. */
import { z } from 'zod';
import type { OperationDoc } from './operation.ts';
import { DOCS_PATH, INIT_SCRIPT, OPENAPI_PATH } from './swagger-ui.ts';

export const HealthResponse = z.object({ status: z.literal('ok'), version: z.string() });

const TAG = 'gateway';

export const HEALTH_OPERATION: OperationDoc = {
  method: 'get',
  path: '/health',
  operationId: 'health',
  summary: 'Liveness',
  tag: TAG,
  access: 'public',
  success: [{ status: 200, description: 'The gateway is up', schema: HealthResponse }],
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
    success: [{ status: 200, description: 'Prometheus text exposition format', otherMediaTypes: ['text/plain'] }],
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
    success: [{ status: 200, description: 'The OpenAPI document', otherMediaTypes: ['application/json'] }],
    errors: [],
  },
  {
    method: 'get',
    path: DOCS_PATH,
    operationId: 'apiReference',
    summary: 'Interactive API reference (Swagger UI)',
    tag: TAG,
    access: 'public',
    success: [{ status: 200, description: 'The reference page', otherMediaTypes: ['text/html'] }],
    errors: [],
  },
  {
    method: 'get',
    path: `${DOCS_PATH}/:file`,
    operationId: 'apiReferenceAsset',
    summary: `A file of the reference page (Swagger UI's swagger-ui.css and swagger-ui-bundle.js, when served locally, and ${INIT_SCRIPT})`,
    tag: TAG,
    access: 'public',
    success: [{ status: 200, description: 'The file', otherMediaTypes: ['text/css', 'text/javascript'] }],
    errors: ['NOT_FOUND'],
  },
];
