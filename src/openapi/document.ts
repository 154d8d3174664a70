/**
 * Builds the OpenAPI 3.1 document from the routes' own descriptions (operation.ts): bodies and
 * answers are the zod schemas the routes validate and answer with, converted by z.toJSONSchema
 * (draft 2020-12, the dialect of OpenAPI 3.1); error answers list the CAMARA codes each route
 * and the middleware chain in front of it can answer with.
 */
import { z } from 'zod';
import { ErrorInfo } from '../../camara-specs/common.ts';
import { CAMARA_CODES, type CamaraCode } from '../errors.ts';
import { JSON_BODY_ERRORS } from '../routes/json-body.ts';
import { API_KEY_CHAIN_ERRORS, CORRELATOR_ERRORS, X_CORRELATOR_PATTERN } from '../routes/middleware.ts';
import { ERROR_EXAMPLES } from './error-examples.ts';
import type { Access, OperationDoc, SuccessDoc } from './operation.ts';

type Json = Record<string, unknown>;

export interface DocumentInfo {
  version: string;
}

const SCHEMAS = '#/components/schemas/';
const CORRELATOR_REF = { $ref: '#/components/headers/x-correlator' };

const SECURITY_SCHEMES = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    description: "A tenant's API key: `Authorization: Bearer <api key>` (docs/configuration.md, Tenants).",
  },
  metricsToken: { type: 'http', scheme: 'bearer', description: 'The `metrics.bearerToken` of the config.' },
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Statuses whose answers carry Retry-After, and when. */
const RETRY_AFTER: Record<number, string> = {
  429: 'Seconds until the rate limit or the daily quota lets the request through',
  503: 'Seconds until the provider is asked again, when known (breaker open, provider rate limiting)',
};

const CHAIN_ERRORS: Record<Access, readonly CamaraCode[]> = {
  apiKey: [...CORRELATOR_ERRORS, ...API_KEY_CHAIN_ERRORS],
  metricsToken: [...CORRELATOR_ERRORS, 'UNAUTHENTICATED'],
  public: CORRELATOR_ERRORS,
};

/** Every code an operation can answer with: the chain's, the JSON body's, the route's own. */
export function errorCodesOf(operation: OperationDoc): CamaraCode[] {
  return [...new Set([...CHAIN_ERRORS[operation.access], ...(operation.body ? JSON_BODY_ERRORS : []), ...operation.errors])];
}

export function openApiDocument(operations: readonly OperationDoc[], info: DocumentInfo): Json {
  const schemas = new ComponentSchemas();
  const paths: Record<string, Record<string, Json>> = {};
  for (const operation of operations) {
    const path = operation.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[operation.method] = operationObject(operation, schemas);
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'numtrust',
      version: info.version,
      summary: 'One edge API for telecom network signals, CAMARA-compatible, with a normalized assessment',
      description:
        'CAMARA-compatible routes answer as one CAMARA operator would, whichever provider answered behind numtrust. ' +
        'Every error is `{status, code, message}`; every answer echoes `x-correlator`. See docs/api.md for the deliberate differences from CAMARA.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/', description: 'This gateway' }],
    security: [{ apiKey: [] }],
    tags: [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: schemas.emit(),
      parameters: {
        'x-correlator': {
          name: 'x-correlator',
          in: 'header',
          description: 'Correlation id, echoed on the answer (a UUID is recommended); one the gateway generates when absent',
          schema: xCorrelatorSchema(),
          example: 'b4333c46-49c0-4f62-80d7-f0ef930f1c46',
        },
      },
      headers: {
        'x-correlator': { description: 'The request\'s x-correlator, or one the gateway generated', schema: xCorrelatorSchema() },
        'retry-after': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1, description: 'Seconds' } },
      },
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}

function operationObject(operation: OperationDoc, schemas: ComponentSchemas): Json {
  const name = operation.operationId[0]!.toUpperCase() + operation.operationId.slice(1);
  const responses: Record<string, Json> = {};
  for (const success of operation.success) responses[String(success.status)] = successResponse(success, schemas, `${name}Response`);
  for (const [status, codes] of groupByStatus(errorCodesOf(operation))) {
    // The device pages are the route's own answers; the middleware's are always JSON.
    const html = operation.htmlErrors === true && codes.some((code) => operation.errors.includes(code));
    responses[String(status)] = errorResponse(status, codes, html);
  }
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: [operation.tag],
    ...(operation.access === 'apiKey' ? {} : { security: operation.access === 'public' ? [] : [{ metricsToken: [] }] }),
    parameters: parametersOf(operation),
    ...(operation.body ? { requestBody: requestBodyOf(operation, operation.body, schemas, `${name}Request`) } : {}),
    responses,
  };
}

function parametersOf(operation: OperationDoc): Json[] {
  const parameters: Json[] = [{ $ref: '#/components/parameters/x-correlator' }];
  for (const [, name] of operation.path.matchAll(/:(\w+)/g)) {
    const documented = operation.pathParameters?.[name!];
    if (!documented) throw new Error(`OpenAPI: ${operation.operationId} does not describe its path parameter ${name}`);
    parameters.push({
      name,
      in: 'path',
      required: true,
      description: documented.description,
      schema: { type: 'string' },
      ...(documented.example !== undefined ? { example: documented.example } : {}),
    });
  }
  if (operation.query) {
    const query = jsonSchemaOf(operation.query, 'input');
    const required = new Set((query.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries(query.properties as Record<string, Json>)) {
      // The schema's description is the parameter's, where Swagger UI shows it.
      const { description, ...rest } = schema;
      parameters.push({ name, in: 'query', required: required.has(name), description, schema: rest });
    }
  }
  for (const [name, description] of Object.entries(operation.requestHeaders ?? {})) {
    parameters.push({ name, in: 'header', description, schema: { type: 'string' } });
  }
  return parameters;
}

function requestBodyOf(operation: OperationDoc, body: z.ZodType, schemas: ComponentSchemas, name: string): Json {
  const mediaType = operation.bodyMediaType ?? 'application/json';
  return {
    required: true,
    content: { [mediaType]: { schema: schemas.ref(body, name, 'input'), ...(operation.bodyExample !== undefined ? { example: operation.bodyExample } : {}) } },
  };
}

function successResponse(success: SuccessDoc, schemas: ComponentSchemas, name: string): Json {
  const content: Record<string, Json> = {};
  if (success.schema) {
    content['application/json'] = { schema: schemas.ref(success.schema, name, 'output'), ...(success.example !== undefined ? { example: success.example } : {}) };
  }
  for (const [mediaType, { description, example }] of Object.entries(success.otherMediaTypes ?? {})) {
    content[mediaType] = { schema: { type: 'string', description }, ...(example !== undefined ? { example } : {}) };
  }
  const headers: Record<string, Json> = { 'x-correlator': CORRELATOR_REF };
  for (const [header, description] of Object.entries(success.headers ?? {})) headers[header] = { description, schema: { type: 'string' } };
  return {
    description: success.description,
    headers,
    ...(Object.keys(content).length > 0 ? { content } : {}),
    ...(success.links ? { links: success.links } : {}),
  };
}

const HTML_ERROR_PAGE = { schema: { type: 'string', description: 'A short HTML page that says what went wrong, for a browser (JSON when the client asks for application/json only)' } };

function errorResponse(status: number, codes: readonly CamaraCode[], html: boolean): Json {
  const schema = jsonSchemaOf(
    ErrorInfo.extend({
      status: z.literal(status).describe('HTTP response status code'),
      code: z.enum(codes as [CamaraCode, ...CamaraCode[]]).describe('The error code (docs/errors.md says when each is answered)'),
    }).describe(`CAMARA ErrorInfo of a ${status} answer`),
    'output',
  );
  const examples = Object.fromEntries(codes.map((code) => [code, { summary: code, value: { status, code, message: ERROR_EXAMPLES[code] } }]));
  return {
    description: `${STATUS_TEXT[status] ?? 'Error'}: ${codes.join(', ')}`,
    headers: { 'x-correlator': CORRELATOR_REF, ...(RETRY_AFTER[status] ? { 'retry-after': { $ref: '#/components/headers/retry-after', description: RETRY_AFTER[status] } } : {}) },
    content: { 'application/json': { schema, examples }, ...(html ? { 'text/html': HTML_ERROR_PAGE } : {}) },
  };
}

function groupByStatus(codes: readonly CamaraCode[]): Map<number, CamaraCode[]> {
  const byStatus = new Map<number, CamaraCode[]>();
  for (const code of codes) {
    const status = CAMARA_CODES[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

function xCorrelatorSchema(): Json {
  return jsonSchemaOf(z.string().regex(X_CORRELATOR_PATTERN).describe('Commonalities 0.6 x-correlator'), 'output');
}

/**
 * Request bodies (input side: defaults make fields optional) and answers (output side) as named
 * components. A schema used by several operations is one component, named after the first.
 */
class ComponentSchemas {
  private readonly registries = { input: z.registry<{ id: string }>(), output: z.registry<{ id: string }>() };

  ref(schema: z.ZodType, name: string, io: 'input' | 'output'): Json {
    const registry = this.registries[io];
    if (!registry.has(schema)) registry.add(schema, { id: name });
    return { $ref: SCHEMAS + registry.get(schema)!.id };
  }

  emit(): Record<string, Json> {
    const emitted: Record<string, Json> = {};
    for (const io of ['input', 'output'] as const) {
      const { schemas } = z.toJSONSchema(this.registries[io], { ...CONVERSION, io, uri: (id) => SCHEMAS + id });
      for (const [id, schema] of Object.entries(schemas)) {
        // Shared definitions would appear for cyclic schemas, which no route has; refuse rather than emit broken $refs.
        if (id === '__shared') throw new Error('OpenAPI: a route schema is cyclic; give its parts ids');
        const { $schema: _dialect, $id: _id, ...rest } = schema as Json;
        emitted[id] = rest;
      }
    }
    return emitted;
  }
}

const CONVERSION = {
  target: 'draft-2020-12',
  unrepresentable: 'throw',
  // z.int() states JavaScript's safe-integer range; that says nothing to a client.
  override: ({ jsonSchema }: { jsonSchema: Json }) => {
    if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
    if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  },
} as const;

function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { ...CONVERSION, io }) as Json;
  return rest;
}
