/**
 * What the OpenAPI document says about one route. Route modules export these next to the routes
 * they mount (the same path, body and response schemas), so the document is built from the code
 * that serves the requests, not from a list kept by hand.
 */
import type { z } from 'zod';
import type { CamaraCode } from '../errors.ts';

/** Who may call: a tenant's API key, the metrics token (when one is configured), or anyone. */
export type Access = 'apiKey' | 'metricsToken' | 'public';

export interface SuccessDoc {
  status: number;
  description: string;
  /** JSON body (output side of the schema); omitted for answers without one. */
  schema?: z.ZodType;
  /** The answer the embedded default gateway gives to the operation's example request (volatile values aside: ids, times). */
  example?: unknown;
  /** Other media types the answer may have (text/html pages, Prometheus text), documented as strings: what each holds, and an example where one helps. */
  otherMediaTypes?: Readonly<Record<string, { description: string; example?: string }>>;
  /** Operations this answer's values feed (OpenAPI links), by name: each parameter a runtime expression such as `$response.body#/assessmentId`. */
  links?: Readonly<Record<string, LinkDoc>>;
  /** Response headers beyond x-correlator, with what they say. */
  headers?: Readonly<Record<string, string>>;
}

export interface LinkDoc {
  operationId: string;
  parameters: Readonly<Record<string, string>>;
  description: string;
}

export interface ParameterDoc {
  description: string;
  /** A value that works against the embedded default gateway, where a fixed one can. */
  example?: string;
}

export interface OperationDoc {
  method: 'get' | 'post';
  /** As mounted (hono syntax: `/sessions/:id`). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  /** JSON request body (input side of the schema: defaults make fields optional). */
  body?: z.ZodType;
  /** The body's media type when it is not JSON (the form posts of Twilio and of the agent's screen); such a body is documented, not read through readJsonBody. */
  bodyMediaType?: 'application/x-www-form-urlencoded';
  /**
   * A request body that succeeds against the embedded default gateway (`npm start`, its demo
   * numbers): the default of Swagger UI's "Try it out". test/openapi/examples.test.ts sends it.
   */
  bodyExample?: unknown;
  /** Every path parameter (`:id`): what it is and where its value comes from. */
  pathParameters?: Readonly<Record<string, ParameterDoc>>;
  query?: z.ZodObject;
  /** Request headers beyond x-correlator and Authorization, with what they do. */
  requestHeaders?: Readonly<Record<string, string>>;
  success: readonly SuccessDoc[];
  /**
   * CAMARA codes the route itself answers with. The codes of the middleware chain (x-correlator,
   * API key, rate limit, body limit, JSON body reading) are added from `access` and `body`.
   */
  errors: readonly CamaraCode[];
  /** Error answers are HTML pages unless the client asks for JSON only (the device's browser). */
  htmlErrors?: boolean;
}
